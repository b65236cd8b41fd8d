"""The judge's prepared cases on disk (:mod:`mlinterview.exercises.case_cache`).

A repeated ``exercise check`` must not run the exercise's ``cases.py`` (nor import the
reference's SciPy), must give exactly the verdict the judge gives without the cache, and
must not use a file made for other code.
"""

import dataclasses
import json
import os
import pickle
import shutil
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from mlinterview import exercises
from mlinterview.exercises import case_cache, judge
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec

SCIPY_ONE = "binomial/at-least-k"  # its reference (ml.stats) imports scipy.special
SEVERAL = ["classification-metrics/precision-recall-f1", SCIPY_ONE, "lcs/edit-distance"]
#: A known-wrong solution of each that is rejected on its values (not by a time limit,
#: whose case depends on the machine's speed).
WRONG = {SEVERAL[0]: "precision_is_recall", SCIPY_ONE: "strictly_more_than_k",
         SEVERAL[2]: "zero_borders"}


@pytest.fixture(autouse=True)
def _nothing_read_yet(monkeypatch):
    """Each test starts as a fresh process does: no cache file read yet."""
    monkeypatch.setattr(case_cache, "_READ", {})


def _without_time(verdict) -> dict:
    data = verdict.to_dict()
    data.pop("seconds")
    return data


def _copy(exercise_id: str, tmp_path):
    """A copy of a bank exercise, filed as the bank files it, loaded from the copy."""
    source = exercises.get(exercise_id).folder
    folder = tmp_path / source.parent.parent.name / source.parent.name / source.name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return exercises._load(folder)


CHECK_TWICE = """
import json, sys
from mlinterview import exercises
loaded = []
load_spec = exercises._load_spec
exercises._load_spec = lambda path, i: loaded.append(i) or load_spec(path, i)
e = exercises.get({id!r})
verdict = exercises.check({id!r}, e.solution)
print(json.dumps([verdict.verdict, verdict.passed, loaded,
                  "mlinterview.ml.stats" in sys.modules, "scipy.special" in sys.modules]))
"""


def test_a_second_check_reads_the_cache_and_never_runs_cases_py(tmp_path):
    env = {**os.environ, "MLINTERVIEW_HOME": str(tmp_path)}
    code = CHECK_TWICE.format(id=SCIPY_ONE)

    def run():
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=env).stdout
        return json.loads(out.strip().splitlines()[-1])

    first = run()
    assert first[:3] == ["accepted", first[1], [SCIPY_ONE]]
    assert first[3] and first[4]  # the reference's library and SciPy were loaded
    assert case_cache.path_of(SCIPY_ONE).name in os.listdir(tmp_path / "cache" / "judge-cases")
    second = run()
    assert second == ["accepted", first[1], [], False, False]


@pytest.mark.parametrize("exercise_id", SEVERAL)
def test_verdicts_are_the_same_with_and_without_the_cache(exercise_id):
    e = exercises.get(exercise_id)
    sources = [e.solution, next(w.source for w in e.wrong if w.name == WRONG[exercise_id])]
    plain = [judge.judge(e.spec, s, arg_names=e.arg_names) for s in sources]
    assert case_cache.store(e)
    cached_spec = case_cache.load(e)
    assert cached_spec is not None and cached_spec is not e.spec
    cases, expected = judge.prepared(cached_spec)
    own_cases, own_expected = judge.prepared(e.spec)
    assert [(c.note, c.raises, c.size) for c in cases] == \
        [(c.note, c.raises, c.size) for c in own_cases]
    assert pickle.dumps([(c.args, c.kwargs) for c in cases]) == \
        pickle.dumps([(c.args, c.kwargs) for c in own_cases])
    assert pickle.dumps(expected) == pickle.dumps(own_expected)
    assert cached_spec.compare == e.spec.compare and cached_spec.limits == e.spec.limits
    cached = [judge.judge(cached_spec, s, arg_names=e.arg_names) for s in sources]
    assert plain[0].accepted and not plain[1].accepted
    assert [_without_time(v) for v in cached] == [_without_time(v) for v in plain]


def test_check_uses_the_cache_when_the_spec_is_not_loaded(monkeypatch):
    e = exercises.get(SEVERAL[0])
    judge.prepared(e.spec)
    assert case_cache.store(e)
    monkeypatch.setattr(exercises.Exercise, "spec_loaded", property(lambda self: False))
    used = []
    load = case_cache.load
    monkeypatch.setattr(case_cache, "load", lambda ex: used.append(ex.id) or load(ex))
    assert exercises.check(e.id, e.solution).accepted
    assert used == [e.id]


def test_editing_cases_py_invalidates(tmp_path):
    e = _copy(SEVERAL[0], tmp_path)
    judge.prepared(e.spec)
    assert case_cache.store(e)
    assert case_cache.load(e) is not None
    cases_py = e.folder / "cases.py"
    cases_py.write_text(cases_py.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert case_cache.load(e) is None


def test_editing_the_statement_invalidates(tmp_path):
    e = _copy(SEVERAL[0], tmp_path)
    judge.prepared(e.spec)
    assert case_cache.store(e)
    (e.folder / "statement.md").write_text("# Changed\n", encoding="utf-8")
    assert case_cache.load(e) is None


def test_editing_a_library_file_changes_the_key(tmp_path, monkeypatch):
    package = tmp_path / "mlinterview"
    for sub in case_cache.LIBRARY:
        (package / sub).mkdir(parents=True)
        (package / sub / "mod.py").write_text("X = 1\n", encoding="utf-8")
    (package / "exercises" / "bank" / "other").mkdir(parents=True)
    monkeypatch.setattr(case_cache, "_PACKAGE", package)
    folder = tmp_path / "exercise"
    folder.mkdir()
    (folder / "cases.py").write_text("SPEC = None\n", encoding="utf-8")
    before = case_cache.fingerprint(folder)
    assert case_cache.fingerprint(folder) == before  # nothing changed, same key
    # Another exercise of the bank is not part of this one's key.
    (package / "exercises" / "bank" / "other" / "cases.py").write_text("", encoding="utf-8")
    assert case_cache.fingerprint(folder) == before
    lib = package / "algo" / "mod.py"
    lib.write_text("X = 2\n", encoding="utf-8")  # same size: the mtime tells
    st = lib.stat()
    os.utime(lib, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert case_cache.fingerprint(folder) != before


def test_a_damaged_cache_file_is_ignored_and_rebuilt():
    e = exercises.get(SEVERAL[0])
    judge.prepared(e.spec)
    path = case_cache.path_of(e.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    for junk in (b"", b"not a pickle", b"\x80\x05K\x01."):  # empty, garbage, an int
        path.write_bytes(junk)
        assert case_cache.load(e) is None
    assert case_cache.store(e)
    assert case_cache.load(e) is not None
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]  # replaced whole


def test_a_long_running_process_reuses_what_it_read():
    e = exercises.get(SEVERAL[0])
    judge.prepared(e.spec)
    assert case_cache.store(e)
    first = case_cache.load(e)
    with_entries = len(judge._PREPARED)
    assert case_cache.load(e) is first  # not read nor installed again
    assert len(judge._PREPARED) == with_entries


def test_one_file_per_exercise():
    e = exercises.get(SEVERAL[0])
    judge.prepared(e.spec)
    assert case_cache.store(e) and case_cache.store(e)
    assert [p.name for p in case_cache.path_of(e.id).parent.iterdir()] == \
        [case_cache.path_of(e.id).name]


def _fake_exercise(spec, tmp_path):
    folder = tmp_path / "fake"
    folder.mkdir(exist_ok=True)
    return SimpleNamespace(id="fake/exercise", spec=spec, folder=folder)


def test_cases_that_differ_when_built_again_are_not_cached(tmp_path):
    # Randomness beside the spec's seeded generator: the cases are not reproducible.
    spec = ExerciseSpec(function="f", compare=Exact(), fixed=lambda: [Case((1,))],
                        generated=lambda rng: [Case((np.random.default_rng().random(),))],
                        reference=lambda x: x)
    judge.prepared(spec)
    assert not case_cache.store(_fake_exercise(spec, tmp_path))
    assert not case_cache.path_of("fake/exercise").exists()


def test_seeded_cases_are_cached_and_read_back_equal(tmp_path):
    spec = ExerciseSpec(function="f", compare=Exact(), fixed=lambda: [Case((1,))],
                        generated=lambda rng: [Case((rng.integers(0, 9, 5),))],
                        reference=lambda x: np.sort(x) if isinstance(x, np.ndarray) else x)
    cases, expected = judge.prepared(spec)
    fake = _fake_exercise(spec, tmp_path)
    assert case_cache.store(fake)
    again = case_cache.load(fake)
    got_cases, got_expected = judge.prepared(again)
    assert [c.args[0].tolist() if c.size > 1 else c.args for c in got_cases] == \
        [c.args[0].tolist() if c.size > 1 else c.args for c in cases]
    assert [np.asarray(v).tolist() for v in got_expected] == \
        [np.asarray(v).tolist() for v in expected]


def test_a_custom_comparison_is_not_cached(tmp_path):
    # A Custom check is a function of cases.py: caching it would need cases.py anyway.
    spec = ExerciseSpec(function="f", compare=Exact(), fixed=lambda: [Case((1,))],
                        reference=lambda x: x)
    from mlinterview.exercises.spec import Custom

    custom = dataclasses.replace(spec, compare=Custom(lambda case, e, g: None))
    judge.prepared(custom)
    assert not case_cache.store(_fake_exercise(custom, tmp_path))


def test_nothing_is_stored_before_the_expected_values_are_computed(tmp_path):
    spec = ExerciseSpec(function="f", compare=Exact(), fixed=lambda: [Case((1,))],
                        reference=lambda x: x)
    # A syntax error is judged without computing any expected value.
    assert judge.judge(spec, "def f(:\n").verdict == judge.SYNTAX_ERROR
    assert not case_cache.store(_fake_exercise(spec, tmp_path))
