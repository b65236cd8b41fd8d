"""``mlinterview exercise``: list, start, check (exit codes and JSON), solution; every
attempt is stored and a rejected one makes the topic due."""

from __future__ import annotations

import json

import pytest

from mlinterview.exercises import get, registry
from mlinterview.study import Study

EX = "classification-metrics/precision-recall-f1"
JSON_KEYS = {"id", "verdict", "passed", "total", "first_failure"}


@pytest.fixture(scope="module")
def exercise():
    return get(EX)


def submit(cli, folder, source: str, *flags: str, name: str = "submission.py"):
    """Write ``source`` to a file and run ``mlinterview exercise check`` on it."""
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return cli("exercise", "check", EX, path, *flags)


def test_list_table_and_json(cli):
    table = cli("exercise", "list")
    assert table.exit_code == 0
    assert f"{len(registry())} exercises" in table.stdout
    for e in registry().values():
        line = next(line for line in table.stdout.splitlines() if line.startswith(e.id))
        assert e.title in line and line.split()[-2:] == ["0", "no"]
    data = json.loads(cli("exercise", "list", "--json").stdout)
    assert [d["id"] for d in data] == list(registry())
    row = next(d for d in data if d["id"] == EX)
    assert row == {"id": EX, "slug": "classification-metrics", "title": get(EX).title,
                   "function": get(EX).spec.function, "level": get(EX).level,
                   "attempts": 0, "solved": False, "starred": False}
    only = json.loads(cli("exercise", "list", "--slug", "classification-metrics",
                          "--json").stdout)
    assert {d["slug"] for d in only} == {"classification-metrics"}


def test_start_writes_the_starter(cli, tmp_path, exercise):
    folder = tmp_path / "work"
    result = cli("exercise", "start", EX, folder)
    assert result.exit_code == 0
    target = folder / "precision_recall_f1.py"
    assert target.read_text(encoding="utf-8") == exercise.starter
    assert exercise.statement.splitlines()[0].lstrip("# ") in result.stdout
    assert f"mlinterview exercise check {EX} {target}" in result.stdout
    # Never overwrite work in progress without --force.
    target.write_text("my work", encoding="utf-8")
    again = cli("exercise", "start", EX, folder)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my work"
    assert cli("exercise", "start", EX, folder, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == exercise.starter


def test_start_in_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("exercise", "start", EX).exit_code == 0
    assert (tmp_path / "precision_recall_f1.py").is_file()


def test_check_accepted(cli, tmp_path, exercise):
    result = submit(cli, tmp_path, exercise.solution, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= JSON_KEYS
    assert data["id"] == EX and data["verdict"] == "accepted"
    assert data["passed"] == data["total"] > 0 and data["first_failure"] is None
    attempts = Study().attempts(EX)
    assert len(attempts) == 1 and attempts[0]["verdict"] == "accepted"
    assert attempts[0]["source"] == exercise.solution
    assert Study().card_state("classification-metrics") is None  # nothing made due
    listed = json.loads(cli("exercise", "list", "--json").stdout)
    assert next(d for d in listed if d["id"] == EX)["solved"] is True


def test_check_rejected_plain_text(cli, tmp_path, exercise):
    result = submit(cli, tmp_path, exercise.wrong[0].source)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.split(":")[0] in {"WRONG ANSWER", "ERROR"}
    assert "First failing case" in result.stdout
    for label in ("input:", "expected:", "received:"):
        assert label in result.stdout
    assert "now due for review" in result.stdout
    study = Study()
    assert study.attempts(EX)[0]["verdict"] != "accepted"
    assert [d.slug for d in study.due() if not d.new] == ["classification-metrics"]


def test_check_starter_json_names_the_first_failure(cli, tmp_path, exercise):
    result = submit(cli, tmp_path, exercise.starter, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["verdict"] != "accepted" and data["passed"] == 0
    assert {"input", "expected", "received"} <= set(data["first_failure"])


def test_every_attempt_is_stored(cli, tmp_path, exercise):
    sources = [exercise.starter, exercise.solution, exercise.wrong[1].source]
    for i, source in enumerate(sources):
        submit(cli, tmp_path, source, "--json", name=f"try{i}.py")
    stored = Study().attempts(EX)
    assert [a["source"] for a in stored] == sources[::-1]


@pytest.mark.parametrize("case", ["missing file", "unknown id", "bad bytes", "no args"])
def test_check_usage_errors_exit_2(cli, tmp_path, case):
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"\xff\xfe\xfa")
    args = {"missing file": [EX, tmp_path / "nope.py"], "unknown id": ["x/y", bad],
            "bad bytes": [EX, bad], "no args": []}[case]
    result = cli("exercise", "check", *args)
    assert result.exit_code == 2
    assert Study().attempts() == []


def test_unknown_exercise_is_one_line(cli):
    result = cli("exercise", "solution", "classification-metrics/precision-recall")
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1


def test_solution_and_show(cli, exercise):
    result = cli("exercise", "solution", EX, "--code")
    assert result.exit_code == 0
    assert result.stdout == exercise.solution.rstrip() + "\n"
    shown = cli("exercise", "show", EX)
    assert shown.exit_code == 0
    assert exercise.statement.splitlines()[0].lstrip("# ") in shown.stdout


def test_check_says_how_the_run_was_isolated(cli, tmp_path, exercise):
    from mlinterview.exercises.judge import isolation

    data = json.loads(submit(cli, tmp_path, exercise.solution, "--json").stdout)
    assert data["isolation"] == {"kind": isolation().kind,
                                 "description": isolation().description}
    quiet = submit(cli, tmp_path, exercise.solution).stdout
    loud = submit(cli, tmp_path, exercise.solution, "--verbose").stdout
    assert "Judged" not in quiet
    assert f"Judged {isolation().description}" in " ".join(loud.split())
