"""``mlinterview review`` with exercises due to be solved again (issue 13, section 3):
a blank starter in the work folder, then either the command that checks it (``--no-wait``)
or, interactively, Enter judges the file. The interactive prompts are answered by a
script standing in for the user, which edits the file between two prompts as a person
would."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from mlinterview.cli import _study
from mlinterview.exercises import get
from mlinterview.exercises.judge import Verdict
from mlinterview.study import Study
from mlinterview.study.scheduler import utcnow

EXERCISE = "classification-metrics/precision-recall-f1"
ACCEPTED = Verdict("accepted", 5, 5, "All 5 cases passed.")
EXERCISE_PROMPT = "Enter = judge it, s = skip, q = stop"


@pytest.fixture
def due_exercise():
    """EXERCISE solved without hints ten days ago (Good: due again since eight days), and
    no card due, so a review session is this exercise alone."""
    study = Study()
    study.set_setting("new_per_day", 0)
    study.set_setting("fuzz", False)
    study.record_attempt(EXERCISE, "classification-metrics", ACCEPTED, "old",
                         now=utcnow() - timedelta(days=10))
    return get(EXERCISE)


def starter_path(work, exercise):
    return work / exercise.slug / f"{exercise.name.replace('-', '_')}.py"


def script(monkeypatch, steps):
    """Answer the exercise prompts with ``steps`` in order: text to type, or a function
    (called with nothing) that does something first and returns the text. Any other
    prompt, or one too many, fails the test."""
    steps = list(steps)

    def ask(prompt):
        assert prompt == EXERCISE_PROMPT, prompt
        assert steps, "the session asked once more than expected"
        step = steps.pop(0)
        return step() if callable(step) else step

    monkeypatch.setattr(_study, "_ask", ask)
    return steps


def test_no_wait_writes_a_blank_starter_and_the_check_command(cli, tmp_path, due_exercise):
    work = tmp_path / "work"
    before = Study().exercise_schedule(EXERCISE)
    result = cli("review", "--no-wait", "--work", work)
    assert result.exit_code == 0, result.stderr
    target = starter_path(work, due_exercise)
    assert target.read_text(encoding="utf-8") == due_exercise.starter
    assert "0 card(s) and 1 exercise(s) to review" in result.stdout
    assert due_exercise.title in result.stdout
    assert f"mlinterview exercise check {EXERCISE} {target}" in result.stdout.replace("\n", "")
    assert Study().exercise_schedule(EXERCISE) == before  # writing a starter rates nothing
    # Solved there and checked: a review rated Good, and nothing is due any more.
    target.write_text(due_exercise.solution, encoding="utf-8")
    assert cli("exercise", "check", EXERCISE, target).exit_code == 0
    assert Study().attempts(EXERCISE, limit=1)[0]["rating"] == 3
    assert Study().due_exercises() == []
    assert "Nothing to review now" in cli("review", "--work", work).stdout


def test_enter_judges_the_file_once_it_is_written(cli, tmp_path, monkeypatch, due_exercise):
    work = tmp_path / "work"
    target = starter_path(work, due_exercise)

    def solve():
        target.write_text(due_exercise.solution, encoding="utf-8")
        return ""

    left = script(monkeypatch, ["", "what?", solve])
    result = cli("review", "--work", work)
    assert result.exit_code == 0, result.stderr
    assert left == []
    assert "is still the blank starter" in result.stdout   # the first Enter judged nothing
    assert "press Enter to judge the file" in result.stdout
    assert "ACCEPTED" in result.stdout and "rated good: solve it again in" in result.stdout
    assert "Session over: 0 review(s) saved. 1 exercise attempt(s) judged." in result.stdout
    attempts = Study().attempts(EXERCISE)
    assert len(attempts) == 2 and attempts[0]["rating"] == 3
    assert attempts[0]["source"] == due_exercise.solution


def test_a_failed_re_solve_is_a_lapse_then_skip(cli, tmp_path, monkeypatch, due_exercise):
    work = tmp_path / "work"
    target = starter_path(work, due_exercise)
    wrong = due_exercise.wrong[0].source

    def fail():
        target.write_text(wrong, encoding="utf-8")
        return ""

    script(monkeypatch, [fail, "s"])
    result = cli("review", "--work", work)
    assert result.exit_code == 0, result.stderr
    assert "rated again: solve it again in" in result.stdout
    schedule = Study().exercise_schedule(EXERCISE)
    assert (schedule["state"], schedule["reps"], schedule["lapses"]) == (3, 2, 1)
    failed = Study().attempts(EXERCISE, limit=1)[0]
    assert failed["rating"] == 1
    assert datetime.fromisoformat(schedule["due"]) == (
        datetime.fromisoformat(failed["submitted_at"]) + timedelta(minutes=10))
    assert "1 exercise attempt(s) judged" in result.stdout


def test_q_stops_the_session_and_says_how_to_check_later(cli, tmp_path, monkeypatch,
                                                         due_exercise):
    script(monkeypatch, ["q"])
    result = cli("review", "--work", tmp_path)
    assert result.exit_code == 0
    assert f"check it later with: mlinterview exercise check {EXERCISE}" in result.stdout
    assert len(Study().attempts(EXERCISE)) == 1


def test_a_file_of_the_user_is_kept_not_overwritten(cli, tmp_path, due_exercise):
    target = starter_path(tmp_path, due_exercise)
    target.parent.mkdir(parents=True)
    target.write_text("# my work in progress\n", encoding="utf-8")
    result = cli("review", "--no-wait", "--work", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == due_exercise.starter
    kept = [p for p in target.parent.iterdir() if p != target]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "# my work in progress\n"
    assert "Your earlier file is kept as" in result.stdout
    # An untouched starter is simply written again, nothing kept.
    assert cli("review", "--no-wait", "--work", tmp_path).exit_code == 0
    assert len(list(target.parent.iterdir())) == 2


def test_no_exercises_and_the_area_filter(cli, tmp_path, due_exercise):
    assert due_exercise.area == "evaluation"
    for args in (["--no-exercises"], ["--area", "trees"]):
        result = cli("review", "--no-wait", "--work", tmp_path, *args)
        assert "Nothing to review now" in result.stdout, args
    assert not (tmp_path / due_exercise.slug).exists()


def test_a_work_folder_that_cannot_be_made_is_a_one_line_error(cli, tmp_path, due_exercise):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = cli("review", "--no-wait", "--work", blocker)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write the starter")
    assert len(result.stderr.strip().splitlines()) == 1


def test_stats_show_the_exercise_numbers(cli, due_exercise):
    data = json.loads(cli("stats", "--json").stdout)
    assert (data["exercises_due"], data["exercises_scheduled"], data["exercises_mastered"],
            data["exercise_lapses"]) == (1, 1, 0, 0)
    text = cli("stats").stdout
    assert "exercises due to solve again" in text and "exercise lapses" in text
