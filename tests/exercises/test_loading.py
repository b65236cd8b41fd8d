"""Loading one exercise loads only that one: ``exercise check`` must not pay for the bank.

An exercise's ``cases.py`` imports the library code its reference uses (SciPy for some),
so :func:`mlinterview.exercises.get` finds the folder an id names and loads that folder
alone; :func:`~mlinterview.exercises.registry` shares the same loaded exercises.
"""

import json
import subprocess
import sys
import threading

import pytest

from mlinterview import exercises
from mlinterview.exercises import judge, sandbox

ONE = "classification-metrics/precision-recall-f1"


def test_get_loads_only_the_exercise_it_names():
    # A fresh interpreter: this one may have loaded the registry for other tests.
    code = ("import json, sys\n"
            "from mlinterview import exercises\n"
            "loaded = []\n"
            "load_spec = exercises._load_spec\n"
            "exercises._load_spec = lambda path, i: loaded.append(i) or load_spec(path, i)\n"
            f"e = exercises.get({ONE!r})\n"
            "before = list(loaded)\n"
            "e.spec\n"  # cases.py runs when the spec is first used
            "print(json.dumps([e.id, before, loaded, 'scipy.stats' in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    exercise_id, before, loaded, scipy_stats = json.loads(out)
    assert exercise_id == ONE
    assert before == []
    assert loaded == [ONE]
    assert not scipy_stats  # its reference needs only the metrics


def test_get_and_the_registry_hand_out_the_same_exercise():
    # One load per folder: the judge caches expected values by the spec object.
    first = exercises.get(ONE)
    assert exercises.registry()[ONE] is first
    assert exercises.get(ONE) is first


def test_every_registered_id_is_known_and_found_alone():
    ids = exercises.registry()
    for exercise_id, e in ids.items():
        assert exercises.known(exercise_id)
        assert exercises._folder_of(exercise_id) == e.folder


@pytest.mark.parametrize("bad", [
    "", "classification-metrics", f"{ONE}/x", f"../{ONE}", "classification-metrics/..",
    "../../bank", "./precision-recall-f1", "/etc/passwd", "classification-metrics/.",
    "evaluation/classification-metrics",  # an area is not part of an id
    f"{'a' * 300}/{'b' * 300}",  # longer than a file name may be
])
def test_an_id_that_is_not_slug_slash_name_is_unknown(bad):
    assert not exercises.known(bad)
    with pytest.raises(exercises.UnknownExerciseError):
        exercises.get(bad)


def test_the_early_probe_runs_once_and_answers_what_the_judge_asks():
    judge.probe_early()
    judge.probe_early()
    assert len(judge._PROBING) == 1
    judge._PROBING[0].join(timeout=120)
    assert not judge._PROBING[0].is_alive()
    assert sandbox._CHOSEN and judge.isolation() is sandbox._CHOSEN[0]


def test_the_run_and_the_expected_values_go_side_by_side():
    # run() waits for compute() to start: done one after the other, this would time out.
    started = threading.Event()

    def run():
        return "ran" if started.wait(timeout=60) else "ran alone"

    def compute():
        started.set()
        return [1, 2]

    assert judge._beside(run, compute) == ("ran", [1, 2])


def test_an_error_of_either_side_is_raised_after_the_run_is_waited_for():
    finished = threading.Event()

    def run():
        finished.wait(timeout=0.05)
        finished.set()
        return "ran"

    def compute():
        raise ValueError("broken reference")

    with pytest.raises(ValueError, match="broken reference"):
        judge._beside(run, compute)
    assert finished.is_set()  # the run was not left behind
    with pytest.raises(RuntimeError, match="no sandbox"):
        judge._beside(lambda: (_ for _ in ()).throw(RuntimeError("no sandbox")), list)


def test_a_broken_reference_fails_the_judgement_not_the_verdict():
    from mlinterview.exercises.spec import Case, Exact, ExerciseSpec

    def reference(a):
        raise ZeroDivisionError("the reference is wrong")

    spec = ExerciseSpec(function="f", compare=Exact(), reference=reference,
                        fixed=lambda: [Case((1,))])
    with pytest.raises(ZeroDivisionError):
        judge.judge(spec, "def f(a):\n    return a\n")
    assert not [t for t in threading.enumerate() if t.name == "judge-run"]
