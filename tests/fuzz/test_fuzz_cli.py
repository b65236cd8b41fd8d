"""Fuzzing every CLI command with bad arguments and bad files (issue 11, section 4).

Whatever comes, a command that cannot do its job answers with one line on stderr
(``error: ...``) and a non-zero exit; Typer's own usage errors (a wrong option, a missing
argument, a number that is not one) keep their short usage box and exit 2. Never a Python
traceback. An import that is refused changes nothing; one that is accepted leaves a
database the other commands can still read.

The commands run in process through Click's ``CliRunner`` (fast), and a handful through
the installed ``mlinterview`` script, for the real exit codes and stderr. Arguments never
contain NUL or lone surrogates: a shell cannot pass them.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click.testing
import pytest
import typer
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mlinterview import exercises
from mlinterview.cli import app
from mlinterview.demos import registry as demo_registry
from mlinterview.exercises.judge import Verdict
from mlinterview.study import DEFAULT_SETTINGS, Study
from mlinterview.study.store import DB_NAME, Store
from mlinterview.topics import all_topics, get_topic, load_index

SCRIPT = Path(sys.executable).with_name("mlinterview")
SLUGS = set(all_topics())
AREAS = set(load_index()[0])
EXERCISE_IDS = set(exercises.registry())
DEMOS = demo_registry()
EXERCISE = sorted(EXERCISE_IDS)[0]
SLUG = "classification-metrics"
SECTIONS = {s.lower() for s in get_topic(SLUG).sections}

# Every command of the CLI; test_every_command_is_fuzzed keeps the list complete.
TARGETS = {"topics", "show", "demo", "exercise list", "exercise show", "exercise start",
           "exercise check", "exercise solution", "exercise hint", "exercise run",
           "exercise notes", "exercise star", "exercise notebook", "dedup", "review", "stats",
           "export",
           "import", "settings", "coverage", "serve", "version", "mock", "journal show",
           "journal export", "journal import", "answer", "search"}

FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# Text a shell can pass: anything but NUL and lone surrogates, plus the usual suspects.
TEXT = st.one_of(
    st.sampled_from(["", " ", "-", "--", ".", "..", "/", "../../etc/passwd", "~", "é", "💥",
                     "\n", "a" * 5000, "-x", "--nope", "NaN", "1e999", "9" * 5000]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
            max_size=40),
)

# Typer builds the Click command tree from the app on every CliRunner.invoke(app) (~50 ms,
# most of each call here); the fuzz makes thousands of calls, so it builds it once, as the
# installed script does once per process.
COMMAND = typer.main.get_command(app)
runner = click.testing.CliRunner()


def invoke(*args, input: str | bytes | None = None, env: dict | None = None):
    return runner.invoke(COMMAND, [str(a) for a in args], input=input, env=env,
                               catch_exceptions=True)


def assert_clean_failure(result, args) -> None:
    """Non-zero exit; one ``error:`` line on stderr, or Typer's usage error; no traceback."""
    shown = (f"args={[str(a)[:80] for a in args]!r}\nexit={result.exit_code}\n"
             f"stdout={result.stdout[-1500:]!r}\nstderr={result.stderr[-1500:]!r}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{type(result.exception).__name__}: {result.exception}\n"
                             f"{shown}") from result.exception
    assert result.exit_code not in (0, None), shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    lines = result.stderr.strip().splitlines()
    if lines and lines[0].startswith("Usage:"):
        assert result.exit_code == 2, shown  # Typer's own usage error, left as it is
    else:
        assert len(lines) == 1 and lines[0].startswith("error: "), shown


def test_every_command_is_fuzzed():
    def leaves(group, prefix: str):
        ctx = typer.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if hasattr(command, "list_commands") and name != "demo":  # demo: one per id
                yield from leaves(command, f"{prefix}{name} ")
            else:
                yield prefix + name

    assert set(leaves(typer.main.get_command(app), "")) == TARGETS


# -- unknown slugs, ids, areas, sections and settings -----------------------------------

def _unknown_name_commands(text: str) -> list[tuple[str, list[str]]]:
    """(target, args) for every command taking a name, each given ``text`` as that name."""
    if text in ("-h", "--help", "--"):  # help, and the end of options: not names
        return []
    calls = []
    if text not in SLUGS:
        calls += [("show", ["show", text]), ("exercise list", ["exercise", "list", "--slug", text]),
                  ("topics", ["topics", "--path", text])]
    if text not in SLUGS:
        calls.append(("journal export", ["journal", "export", "--slug", text, "-"]))
        if not text.startswith("-"):  # `journal TEXT` reads TEXT as a slug
            calls.append(("journal show", ["journal", text]))
    if text.lower().strip() not in SECTIONS:
        calls.append(("show", ["show", SLUG, "--section", text]))
    if text not in AREAS:
        calls += [("topics", ["topics", "--area", text]), ("review", ["review", "--area", text])]
    if not {t.strip() for t in text.split(",")} <= SLUGS | {""}:
        calls.append(("mock", ["mock", "--topics", text]))
    calls.append(("mock", ["mock", "--report", text]))  # no interview is stored
    if text not in SLUGS:  # after "--": a name, even "--random"; no editor, no input
        calls.append(("answer", ["answer", "--no-editor", "--ticks", "none", "--", text]))
    if text not in EXERCISE_IDS:
        calls += [("exercise show", ["exercise", "show", text]),
                  ("exercise solution", ["exercise", "solution", text]),
                  ("exercise start", ["exercise", "start", text, "work"]),
                  ("exercise check", ["exercise", "check", text, "solution.py"]),
                  ("exercise hint", ["exercise", "hint", text]),
                  ("exercise run", ["exercise", "run", text, "solution.py"]),
                  ("exercise notes", ["exercise", "notes", text, "--set", "x"]),
                  ("exercise star", ["exercise", "star", text]),
                  ("exercise notebook", ["exercise", "notebook", text, "out.ipynb"])]
    if text not in DEMOS:
        calls.append(("demo", ["demo", text]))
    if text not in DEFAULT_SETTINGS:
        calls += [("settings", ["settings", text]), ("settings", ["settings", text, "1"])]
    if not text.startswith("-"):  # commands that take no argument at all
        calls += [(name, [name, text]) for name in ("version", "coverage", "stats")]
    return calls


@FUZZ
@given(text=TEXT)
@example(text="classification_metrics")  # close to a real slug: the hint names it
def test_unknown_names(fuzz_tally, tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    Path("solution.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    for target, args in _unknown_name_commands(text):
        assert_clean_failure(invoke(*args), args)
        fuzz_tally("cli", f"mlinterview {target}")
    assert not Path("work").exists()  # an unknown exercise writes no starter
    assert not Path("out.ipynb").exists()


# -- numbers and option values out of type or range --------------------------------------

def _outside(lo, hi, kind):
    """Values of ``kind`` outside [lo, hi], and text that is no number at all."""
    options = [st.text("abcxyz%$", min_size=1, max_size=8), st.sampled_from(["nan", "inf"])]
    if kind is float:
        options.append(st.sampled_from(["1e999", "-1e999", "0x10"]))
    if lo is not None:
        options.append(st.integers(max_value=int(lo) - 1).map(str) if kind is int else
                       st.floats(max_value=lo, exclude_max=True, allow_nan=False,
                                 allow_infinity=False).map(repr))
    if hi is not None:
        options.append(st.integers(min_value=int(hi) + 1).map(str) if kind is int else
                       st.floats(min_value=hi, exclude_min=True, allow_nan=False,
                                 allow_infinity=False).map(repr))
    if kind is int:
        options.append(st.sampled_from(["2.5", "1e3", "9" * 5000]))
    return st.one_of(options)


@st.composite
def bad_demo_option(draw):
    """(demo id, option, bad value) for a numeric or choice parameter of a demo."""
    spec = DEMOS[draw(st.sampled_from(sorted(DEMOS)))]
    params = [p for p in spec.params if p.param.type is not bool]
    assume(params)
    p = draw(st.sampled_from(params))
    if p.param.type is str:
        value = draw(st.text(min_size=1, max_size=12).map(lambda t: "zz-" + t))
    else:
        value = draw(_outside(p.param.lo, p.param.hi, p.param.type))
    return spec.id, p.option, value


BAD_VALUES = st.one_of(
    _outside(1, 500, int).map(lambda v: ("review", ["review", "--limit", v])),
    _outside(0.7, 0.99, float).map(lambda v: ("settings", ["settings", "desired_retention", v])),
    _outside(0, 1000, int).map(lambda v: ("settings", ["settings", "new_per_day", v])),
    st.text(max_size=10).filter(
        lambda v: v.strip().lower() not in ("true", "false", "1", "0", "yes", "no", "on", "off")
    ).map(lambda v: ("settings", ["settings", "fuzz", v])),
    _outside(0, 65535, int).map(lambda v: ("serve", ["serve", "--port", v])),
    # Valid or not, the answer has nothing to read (no input, no editor): a clean failure.
    TEXT.map(lambda v: ("answer", ["answer", SLUG, "--no-editor", "--ticks", v])),
    TEXT.filter(lambda v: v.strip().lower() not in ("1", "2", "3", "4", "again", "hard",
                                                    "good", "easy")).map(
        lambda v: ("answer", ["answer", SLUG, "--no-editor", "--rating", v])),
    _outside(1, 100, int).map(lambda v: ("search", ["search", "--limit", v, "svm"])),
    TEXT.filter(lambda v: v not in ("card", "exercise", "demo")).map(
        lambda v: ("search", ["search", "--kind", v, "svm"])),
    # Nothing to search for (blank words only) or more than the 200 characters allowed.
    st.text(" \t\n", min_size=1, max_size=5).map(lambda v: ("search", ["search", "--", v])),
    st.text(min_size=201, max_size=400).filter(lambda v: len(v.strip()) > 200).map(
        lambda v: ("search", ["search", "--", v])),
    _outside(5, 240, int).map(lambda v: ("mock", ["mock", "--minutes", v])),
    _outside(0, 2**63 - 1, int).map(lambda v: ("mock", ["mock", "--seed", v])),
    TEXT.filter(lambda v: v.strip().lower() not in ("all", "none")).map(
        lambda v: ("mock", ["mock", "--ticks", v])),
    TEXT.filter(lambda v: v not in ("native", "duckdb", "dask")).map(
        lambda v: ("dedup", ["dedup", "in.csv", "out.csv", "--engine", v])),
    TEXT.filter(lambda v: v not in ("csv", "jsonl", "parquet")).map(
        lambda v: ("dedup", ["dedup", "in.csv", "out.csv", "--format", v])),
    TEXT.filter(lambda v: v not in ("first", "last")).map(
        lambda v: ("dedup", ["dedup", "in.csv", "out.csv", "--keep", v])),
    st.one_of(TEXT.filter(lambda v: not any(c.isdigit() for c in v)),  # no size without one
              st.sampled_from(["0MB", "-1GB", "1e400MB", "9" * 400 + "GB", "12XB"])).map(
        lambda v: ("dedup", ["dedup", "in.csv", "out.csv", "--memory", v])),
    st.sampled_from(["", " , ,", ","]).map(
        lambda v: ("dedup", ["dedup", "in.csv", "out.csv", "--key", v])),
    bad_demo_option().map(lambda d: ("demo", ["demo", d[0], d[1], d[2]])),
    # Arguments that are not a call's literal arguments, or that the function refuses:
    # refused before anything runs (the file is never judged).
    st.one_of(TEXT.filter(lambda v: not _literal_arguments(v)),
              st.sampled_from(["1, 2, 3, 4, 5, 6, 7, 8, 9", "x1=1, y=2", "[[1, 2]], 'a'",
                               "'/etc/passwd', '/etc/passwd'", "[" * 300, "()"])).map(
        lambda v: ("exercise run", ["exercise", "run", EXERCISE, "in.csv", "--input", v])),
    st.integers(20_001, 30_000).map(lambda n: ("exercise notes", [
        "exercise", "notes", EXERCISE, "--set", "x" * n])),
    TEXT.filter(lambda v: not v.endswith(".ipynb") and v not in ("-h", "--help")).map(
        lambda v: ("exercise notebook", ["exercise", "notebook", EXERCISE, v])),
    TEXT.filter(lambda v: v not in ("png", "svg", "pdf")).map(
        lambda v: ("demo", ["demo", "activations", "--format", v])),
)


def _literal_arguments(text: str) -> bool:
    """Whether ``text`` reads as a call's arguments made only of literals (an independent
    check with :mod:`ast`, so the fuzz feeds ``exercise run --input`` only text it must
    refuse)."""
    try:
        call = ast.parse(f"f(\n{text}\n)", mode="eval").body
        values = [*call.args, *(k.value for k in call.keywords)]
        for node in values:
            ast.literal_eval(node)
    except (SyntaxError, ValueError, TypeError, AttributeError, MemoryError, RecursionError):
        return False
    return isinstance(call, ast.Call)


@FUZZ
@given(call=BAD_VALUES)
def test_bad_numbers_and_option_values(fuzz_tally, tmp_path, monkeypatch, call):
    target, args = call
    assume(args[-1] not in ("-h", "--help"))
    monkeypatch.chdir(tmp_path)
    Path("in.csv").write_text("a,b\n1,2\n1,2\n", encoding="utf-8")
    result = invoke(*args)
    assert_clean_failure(result, args)
    assert not Path("out.csv").exists()
    fuzz_tally("cli", f"mlinterview {target}")


# -- bad files -----------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    """A folder of files no command should accept as input."""
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a-folder").mkdir()
    (folder / "empty").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("café = 1\n".encode("latin-1"))
    (folder / "deep.json").write_text("[" * 200_000, encoding="utf-8")
    (folder / "huge.json").write_bytes(b"x" * (20 * 2**20))
    (folder / "plain.txt").write_text("hello", encoding="utf-8")
    os.mkfifo(folder / "fifo")
    return folder


INPUT_FILES = ["missing", "a-folder", "empty", "latin1.txt", "deep.json", "huge.json",
               "plain.txt", "fifo", "/dev/zero", "/dev/null"]


# Files that are text are a (wrong) solution to judge, not an error of `exercise check`.
SOLUTIONS = {"empty", "plain.txt", "deep.json", "huge.json"}


@FUZZ
@given(name=st.sampled_from(INPUT_FILES), data=st.binary(max_size=300))
def test_bad_input_files(fuzz_tally, files, monkeypatch, name, data):
    monkeypatch.chdir(files)
    Path("binary.csv").write_bytes(b"\xff\xfe" + data)  # never UTF-8: starts with 0xff
    for path in (name, "binary.csv"):
        calls = [("import", ["import", path]), ("dedup", ["dedup", path, "out.csv"]),
                 ("journal import", ["journal", "import", path])]
        if path not in SOLUTIONS:
            calls.append(("exercise check", ["exercise", "check", EXERCISE, path]))
            calls.append(("exercise run", ["exercise", "run", EXERCISE, path]))
        if path != "plain.txt":  # text is an answer; the others are empty, huge or not text
            calls.append(("answer", ["answer", SLUG, "--ticks", "none", "-f", path]))
        for target, args in calls:
            if target == "dedup" and path == "empty":
                continue  # an empty input is valid: no rows, no duplicates
            assert_clean_failure(invoke(*args), args)
            fuzz_tally("cli", f"mlinterview {target}")
        assert not Path("out.csv").exists()


def test_a_huge_or_deep_solution_is_judged_not_a_crash(fuzz_tally, files):
    # Text is a submission: the verdict says what is wrong with it (exit 1), on stdout.
    for name in ("huge.json", "deep.json"):
        result = invoke("exercise", "check", EXERCISE, files / name, "--json")
        assert isinstance(result.exception, SystemExit | None), result.exception
        assert result.exit_code == 1 and result.stderr == ""
        verdict = json.loads(result.stdout)
        assert verdict["verdict"] in ("error", "syntax error"), verdict
        fuzz_tally("cli", "mlinterview exercise check")


OUTPUT_PATHS = ["no/such/folder/out.json", "a-folder", "plain.txt/out.json", ""]


@FUZZ
@given(out=st.sampled_from(OUTPUT_PATHS))
def test_bad_output_paths(fuzz_tally, files, monkeypatch, out):
    monkeypatch.chdir(files)
    Path("in.csv").write_text("a\n1\n1\n", encoding="utf-8")
    before = sorted(p.name for p in files.iterdir())
    calls = [("export", ["export", out]), ("dedup", ["dedup", "in.csv", out]),
             ("journal export", ["journal", "export", out])]
    if out.startswith("plain.txt/"):  # missing folders are made; one under a file cannot be
        calls.append(("exercise start", ["exercise", "start", EXERCISE, out]))
        # A due exercise's blank starter goes to --work: under a file, or a file itself.
        _due_exercise_only()
        calls += [("review", ["review", "--no-wait", "--work", out]),
                  ("review", ["review", "--work", "plain.txt"])]
    notebook = out if out in ("", "a-folder") else out.replace(".json", ".ipynb")
    calls.append(("exercise notebook", ["exercise", "notebook", EXERCISE, notebook]))
    for target, args in calls:
        assert_clean_failure(invoke(*args), args)
        fuzz_tally("cli", f"mlinterview {target}")
    assert sorted(p.name for p in files.iterdir()) == before  # no output, no temp file
    assert list((files / "a-folder").iterdir()) == []


def _due_exercise_only() -> None:
    """In the test's data folder: EXERCISE solved long ago (so due again), no card due."""
    study = Study()
    if study.exercise_schedule(EXERCISE) is None:
        study.set_setting("new_per_day", 0)
        study.record_attempt(EXERCISE, EXERCISE.split("/")[0],
                             Verdict("accepted", 1, 1, ""), "s",
                             now=datetime.now(UTC) - timedelta(days=30))
    study.store.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files(fuzz_tally, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text("{}", encoding="utf-8")
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    for target, args in [("import", ["import", secret]),
                         ("exercise check", ["exercise", "check", EXERCISE, secret]),
                         ("dedup", ["dedup", secret, tmp_path / "o.csv"]),
                         ("export", ["export", locked / "x.json"])]:
        assert_clean_failure(invoke(*args), args)
        fuzz_tally("cli", f"mlinterview {target}")


# -- malformed imports: refused whole, or accepted and still readable --------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=12,
)


def _export() -> dict:
    """A small real export: reviews of a real card, an attempt, settings."""
    with tempfile.TemporaryDirectory() as folder:
        study = Study(Store(Path(folder) / "s.sqlite3"))
        study.set_setting("new_per_day", 7)
        when = datetime(2026, 3, 2, 9, tzinfo=UTC)
        answers = {q.id: "zzz" for q in get_topic(SLUG).quick_checks}
        study.review(SLUG, answers, now=when)
        study.review(SLUG, answers, rating=3, now=when + timedelta(days=2))
        study.record_attempt(f"{SLUG}/x", SLUG, Verdict("wrong answer", 1, 2, "no"), "src",
                             now=when)
        study.exercise_state.reveal_hint(EXERCISE, 2, now=when)  # hints, notes, a star
        study.exercise_state.set_notes(EXERCISE, "notes", now=when)
        study.exercise_state.set_starred(EXERCISE, True, now=when)
        study.record_attempt(EXERCISE, EXERCISE.split("/")[0], Verdict("accepted", 2, 2, ""),
                             "src", now=when)
        data = study.export_data()
        study.store.close()
    return data


EXPORT = _export()


@st.composite
def mutated_export(draw):
    """A real export with one value of one row replaced by arbitrary JSON (or removed)."""
    data = json.loads(json.dumps(EXPORT))
    for name in ("reviews", "attempts"):  # fresh ids: each example adds its own rows
        for row in data[name]:
            row["uid"] = uuid.uuid4().hex
    table = draw(st.sampled_from(["cards", "reviews", "attempts", "settings",
                                  "exercise_schedules", "exercise_progress"]))
    if table == "settings":
        data["settings"][draw(st.sampled_from(sorted(DEFAULT_SETTINGS)))] = draw(JSON)
        return data
    row = draw(st.sampled_from(data[table]))
    column = draw(st.sampled_from(sorted(row)))
    if draw(st.booleans()):
        row[column] = draw(JSON | st.sampled_from([2**64, -(2**63) - 1, "[" * 5000, "{}"]))
    else:
        del row[column]
    return data


def _snapshot(home: Path) -> dict:
    store = Store(home / DB_NAME)
    data = Study(store).export_data()
    store.close()
    data.pop("exported_at")
    return data


@FUZZ
@example(content='{"format": "mlinterview-study", "version": 1, '
                 '"settings": {"new_per_day": 1e999}}')  # int(inf): OverflowError
@example(content=json.dumps({**EXPORT, "reviews": [
    {**EXPORT["reviews"][0], "uid": "b" * 32, "rating": 2**70}]}))  # too big for SQLite
@example(content=json.dumps({**EXPORT, "cards": [{**EXPORT["cards"][0], "reps": "many"}]}))
@example(content=json.dumps({**EXPORT, "cards": [{**EXPORT["cards"][0], "card": "[]"}]}))
@given(content=st.one_of(
    JSON.map(json.dumps),
    mutated_export().map(json.dumps),
    st.sampled_from(["[" * 100_000, '{"format": "mlinterview-study", "version": 1e999}',
                     "NaN", '{"a": ' + "9" * 5000 + "}", "\ufeff{}"]),
))
def test_malformed_imports(fuzz_tally, tmp_path, content):
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    env = {"MLINTERVIEW_HOME": str(home)}
    assert invoke("settings", "new_per_day", "3", env=env).exit_code == 0
    before = _snapshot(home)
    path = home / "backup.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("import", path, env=env)
    fuzz_tally("cli", "mlinterview import")
    if result.exit_code == 0:
        # Accepted: then every command that reads the data must still work.
        for args in (["stats", "--json"], ["export", home / "again.json"],
                     ["exercise", "list", "--json"],
                     ["review", "--limit", "1", "--no-wait", "--work", home / "work"],
                     ["exercise", "show", EXERCISE], ["exercise", "hint", EXERCISE]):
            after = invoke(*args, env=env)
            assert after.exit_code == 0 and after.exception is None, (args, after.stderr)
        return
    assert_clean_failure(result, ["import", content[:200]])
    assert result.stderr.startswith("error: file: ")
    assert _snapshot(home) == before  # refused: nothing changed


# -- a data folder or database that cannot be used ------------------------------------------

def _broken_homes(tmp_path: Path) -> dict[str, Path]:
    homes = {}
    homes["home is a file"] = tmp_path / "home-file"
    homes["home is a file"].write_text("", encoding="utf-8")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / DB_NAME).write_bytes(b"this is not a database" * 100)
    homes["database is garbage"] = garbage
    folder = tmp_path / "db-folder"
    (folder / DB_NAME).mkdir(parents=True)
    homes["database is a folder"] = folder
    newer = tmp_path / "newer"
    newer.mkdir()
    store = Store(newer / DB_NAME)
    store.conn.execute("PRAGMA user_version = 99")
    store.close()
    homes["database from a newer version"] = newer
    return homes


STUDY_COMMANDS = [("review", ["review"]), ("stats", ["stats"]),
                  ("settings", ["settings"]), ("export", ["export", "x.json"]),
                  ("import", ["import", "x.json"]), ("exercise list", ["exercise", "list"]),
                  ("exercise hint", ["exercise", "hint", EXERCISE]),
                  ("exercise notes", ["exercise", "notes", EXERCISE]),
                  ("exercise star", ["exercise", "star", EXERCISE])]


def test_unusable_data_folder(fuzz_tally, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.json").write_text(json.dumps(EXPORT), encoding="utf-8")
    for what, home in _broken_homes(tmp_path).items():
        for target, args in STUDY_COMMANDS:
            result = invoke(*args, env={"MLINTERVIEW_HOME": str(home)})
            assert_clean_failure(result, [what, *args])
            fuzz_tally("cli", f"mlinterview {target}")


# -- a review session fed bytes that are not answers ---------------------------------------

@settings(FUZZ, max_examples=25)
@given(stdin=st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"\xff\xfe\n" * 10, ("9" * 5000 + "\n").encode() * 10,
                     "²\n³\n".encode() * 5, b"\n" * 30, b"-1\n99\n" * 5]),
))
def test_review_survives_hostile_answers(fuzz_tally, tmp_path, stdin):
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    study = Study(Store(home / DB_NAME))
    study.record_attempt(f"{SLUG}/x", SLUG, Verdict("wrong answer", 0, 1, ""), "s")  # due now
    # And an exercise solved long ago, due again: whatever comes at its prompt, the
    # untouched blank starter is never judged.
    study.record_attempt(EXERCISE, EXERCISE.split("/")[0], Verdict("accepted", 1, 1, ""), "s",
                         now=datetime.now(UTC) - timedelta(days=30))
    result = invoke("review", "--limit", "1", "--work", home / "work", input=stdin,
                    env={"MLINTERVIEW_HOME": str(home)})
    fuzz_tally("cli", "mlinterview review")
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert result.exit_code == 0 and "Session over" in result.stdout
    assert len(study.reviews(SLUG)) in (0, 1)
    assert len(study.attempts(EXERCISE)) == 1
    study.store.close()


# -- the installed script: real exit codes and stderr ------------------------------------------

@pytest.mark.slow  # eleven interpreters, one of them running a demo
def test_installed_script_fails_cleanly(fuzz_tally, tmp_path, files):
    home_file = tmp_path / "home-file"
    home_file.write_text("", encoding="utf-8")
    cases = [
        (["show", "no-such-topic"], {}, 2),
        (["review", "--limit", "0"], {}, 2),
        (["settings", "new_per_day", "1e999"], {}, 2),
        (["import", files / "a-folder"], {}, 1),
        (["import", files / "fifo"], {}, 1),
        (["import", files / "deep.json"], {}, 1),
        (["exercise", "check", EXERCISE, "/dev/zero"], {}, 2),
        (["export", tmp_path / "no" / "such" / "x.json"], {}, 1),
        (["stats"], {"MLINTERVIEW_HOME": str(home_file)}, 1),
        (["import", os.fsdecode(b"/tmp/\xff-no-such.json")], {}, 1),
        (["demo", "backprop", "--out", files / "plain.txt" / "figures"], {}, 1),
    ]
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE")}
    procs = [subprocess.Popen([str(SCRIPT), *map(str, args)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**env, "COLUMNS": "100", **extra})
             for args, extra, _ in cases]
    for proc, (args, _, code) in zip(procs, cases, strict=True):
        try:
            _, err = proc.communicate(timeout=120)  # a FIFO must not block it
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        text = err.decode("utf-8", "replace")
        assert proc.returncode == code, (args, proc.returncode, text)
        assert "Traceback" not in text, (args, text)
        lines = text.strip().splitlines()
        assert lines[0].startswith("Usage:") if code == 2 and args[0] == "review" else (
            len(lines) == 1 and lines[0].startswith("error: ")), (args, text)
        fuzz_tally("cli", f"mlinterview {args[0]}" + (" check" if args[0] == "exercise" else ""))
