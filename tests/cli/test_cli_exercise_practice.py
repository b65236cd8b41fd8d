"""``mlinterview exercise`` hint, run, notes, star, notebook and what check says once an
exercise is accepted (issue 13 section 2)."""

from __future__ import annotations

import json

import pytest

from mlinterview.exercises import get
from mlinterview.study import Study

EX = "classification-metrics/precision-recall-f1"


@pytest.fixture(scope="module")
def exercise():
    return get(EX)


@pytest.fixture
def solution(tmp_path, exercise):
    path = tmp_path / "solution.py"
    path.write_text(exercise.solution, encoding="utf-8")
    return path


@pytest.fixture
def starter(tmp_path, exercise):
    path = tmp_path / "starter.py"
    path.write_text(exercise.starter, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["hint", "run", "notes", "star", "notebook"])
def test_every_new_command_has_help_with_an_example(cli, command):
    result = cli("exercise", command, "--help")
    assert result.exit_code == 0
    assert f"Example: mlinterview exercise {command}" in " ".join(result.stdout.split())


def test_hints_are_revealed_one_at_a_time_and_numbered(cli, exercise):
    total = len(exercise.hints)
    first = cli("exercise", "hint", EX)
    assert first.exit_code == 0
    assert f"hint 1 of {total}" in first.stdout and f"hint 2 of {total}" not in first.stdout
    assert exercise.hints[0].split()[0] in first.stdout
    assert "Next hint: mlinterview exercise hint" in first.stdout
    second = json.loads(cli("exercise", "hint", EX, "--json").stdout)
    assert second == {"id": EX, "revealed": 2, "total": total,
                      "hints": [{"number": 2, "text": exercise.hints[1]}]}
    rest = json.loads(cli("exercise", "hint", EX, "--all", "--json").stdout)
    assert rest["revealed"] == total
    assert [h["number"] for h in rest["hints"]] == list(range(3, total + 1))
    again = cli("exercise", "hint", EX)  # all shown: they are listed again
    assert f"All {total} hints are revealed already" in again.stdout
    assert again.stdout.count(" of ") >= total
    assert Study().exercise_state.progress(EX).hints_revealed == total


def test_the_hints_used_are_stored_with_the_attempt(cli, exercise, solution, starter):
    cli("exercise", "start", EX, solution.parent / "work")  # the round starts
    assert json.loads(cli("exercise", "check", EX, starter, "--json").stdout)["hints_used"] == 0
    cli("exercise", "hint", EX)
    data = json.loads(cli("exercise", "check", EX, solution, "--json").stdout)
    assert data["verdict"] == "accepted" and data["hints_used"] == 1
    assert data["attempts"] == 2 and data["solve_seconds"] is not None
    assert data["best_seconds"] == data["solve_seconds"] >= 0
    assert [a["hints_used"] for a in Study().attempts(EX)] == [1, 0]


def test_accepted_check_shows_the_attempts_and_the_way_to_the_walkthrough(cli, tmp_path,
                                                                          solution):
    cli("exercise", "start", EX, tmp_path / "work")
    result = cli("exercise", "check", EX, solution)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("ACCEPTED: ")
    assert " of " in result.stdout.splitlines()[0]  # "k of n cases passed"
    assert "Solved in " in result.stdout and "with 0 hints" in result.stdout
    assert "1 attempt; solved; best time" in result.stdout
    assert f"mlinterview exercise solution {EX}" in result.stdout


def test_a_rejected_check_says_k_of_n_and_the_first_failure(cli, tmp_path, exercise):
    path = tmp_path / "wrong.py"
    path.write_text(exercise.wrong[0].source, encoding="utf-8")
    result = cli("exercise", "check", EX, path)
    first = result.stdout.splitlines()[0]
    assert result.exit_code == 1 and " of " in first and "cases passed" in first
    assert "First failing case" in result.stdout


def test_solution_prints_the_walkthrough(cli, exercise):
    result = cli("exercise", "solution", EX)
    assert result.exit_code == 0
    assert "Walkthrough" in result.stdout
    for part in ("Idea.", "Complexity.", "Pitfalls."):
        assert part in result.stdout


def test_run_shows_the_examples_and_the_users_input_and_stores_nothing(cli, solution):
    # Worked by hand: TP = 2, FP = 1, FN = 0, so precision 2/3, recall 1, F1 0.8.
    result = cli("exercise", "run", EX, solution, "--input", "[1, 0, 1], [1, 1, 1]")
    assert result.exit_code == 0, result.stdout + result.stderr
    for label in ("example 1", "example 2", "example 3", "your input: passed"):
        assert label in result.stdout
    mine = result.stdout[result.stdout.index("your input"):]
    assert "y_true = [1, 0, 1], y_pred = [1, 1, 1]" in mine
    assert "expected: (0.6666666667, 1, 0.8)" in mine
    assert "nothing was stored" in result.stdout
    assert Study().attempts(EX) == []  # a run is not an attempt


def test_run_without_input_and_as_json(cli, solution, starter):
    data = json.loads(cli("exercise", "run", EX, solution, "--json").stdout)
    assert data["ok"] is True and data["stored"] is False and data["outcome"] == "passed"
    assert [c["label"] for c in data["cases"]] == ["example 1", "example 2", "example 3"]
    failed = cli("exercise", "run", EX, starter, "-i", "[1], [1]")
    assert failed.exit_code == 1 and "FAILED" in failed.stdout
    assert "NotImplementedError" in failed.stdout


@pytest.mark.parametrize(("text", "words"), [
    ("[1, 0", "input: not the arguments of a call"),
    ("__import__('os')", "is not a literal"),
    ("[1, 0, 1], [1, 1]", "your input is not valid for this function: ValueError"),
    ("[1, 0], [1, 0], 'binary', 5",  # the reference's TypeError names the user's function
     "not valid for this function: TypeError: precision_recall_f1()"),
    ("", "input: empty"),
])
def test_a_bad_input_is_a_one_line_usage_error(cli, solution, text, words):
    result = cli("exercise", "run", EX, solution, "--input", text)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines


def test_notes_star_and_the_starred_list(cli):
    assert "No notes" in cli("exercise", "notes", EX).stdout
    assert cli("exercise", "notes", EX, "--set", "0/0 is 0 here").exit_code == 0
    assert cli("exercise", "notes", EX).stdout.strip() == "0/0 is 0 here"
    assert cli("exercise", "show", EX).stdout.rstrip().endswith("0/0 is 0 here")
    assert "No starred exercises" in cli("exercise", "list", "--starred").stdout
    assert cli("exercise", "star", EX).exit_code == 0
    starred = json.loads(cli("exercise", "list", "--starred", "--json").stdout)
    assert [r["id"] for r in starred] == [EX] and starred[0]["starred"] is True
    assert cli("exercise", "star", EX, "--off").exit_code == 0
    assert json.loads(cli("exercise", "list", "--starred", "--json").stdout) == []
    assert cli("exercise", "notes", EX, "--clear").exit_code == 0
    assert Study().exercise_state.progress(EX).notes == ""
    both = cli("exercise", "notes", EX, "--set", "x", "--clear")
    assert both.exit_code == 2 and both.stderr.startswith("error: ")
    too_long = cli("exercise", "notes", EX, "--set", "x" * 20_001)
    assert too_long.exit_code == 2 and "notes: expected at most" in too_long.stderr


def test_notebook_is_written_once_unless_forced(cli, tmp_path, exercise):
    out = tmp_path / "prf.ipynb"
    result = cli("exercise", "notebook", EX, out)
    assert result.exit_code == 0 and out.is_file()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["cell_type"] for c in data["cells"]] == ["markdown", "markdown", "code", "code"]
    assert "".join(data["cells"][2]["source"]) == exercise.starter.rstrip("\n")
    again = cli("exercise", "notebook", EX, out)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert cli("exercise", "notebook", EX, out, "--force").exit_code == 0
    bad = cli("exercise", "notebook", EX, tmp_path / "prf.txt")
    assert bad.exit_code == 2 and "ending in .ipynb" in bad.stderr
    assert not (tmp_path / "prf.txt").exists()


def test_stats_count_exercises_solved_with_and_without_hints(cli, solution):
    cli("exercise", "hint", EX)
    assert cli("exercise", "check", EX, solution, "--json").exit_code == 0
    data = json.loads(cli("stats", "--json").stdout)
    assert (data["solved_without_hints"], data["solved_with_hints"]) == (0, 1)
    assert "solved without hints" in cli("stats").stdout


def test_show_and_start_work_even_when_the_study_data_is_unusable(cli, tmp_path,
                                                                      monkeypatch, exercise):
    home = tmp_path / "home-is-a-file"
    home.write_text("", encoding="utf-8")
    monkeypatch.setenv("MLINTERVIEW_HOME", str(home))
    result = cli("exercise", "show", EX)
    assert result.exit_code == 0
    assert exercise.title in result.stdout and "Your progress cannot be shown" in result.stdout
    started = cli("exercise", "start", EX, tmp_path / "work")
    assert started.exit_code == 0 and (tmp_path / "work" / "precision_recall_f1.py").is_file()
    assert started.stderr.startswith("warning: the solving time is not recorded")
