"""`mlinterview mock`: a whole interview from answer files, at the prompt, paused and
resumed (a missing file, a SIGKILL while the terminal waits), the list with its trend,
stored reports, and one-line errors for bad options."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from _bank import first_bank
from _kill import kill_at_ticks_prompt
from typer.testing import CliRunner

from mlinterview import exercises
from mlinterview.cli import app
from mlinterview.practice import Practice
from mlinterview.practice.mock import MockSession
from mlinterview.study import Study
from mlinterview.topics import get_topic

SLUG = "classification-metrics"          # its exercise is judged in a fraction of a second
EXERCISE = exercises.get(f"{SLUG}/precision-recall-f1")
SOLUTION_FILE = "precision_recall_f1.py"  # the name `exercise start` gives it
SCRIPT = Path(sys.executable).with_name("mlinterview")

# Tests that pin which exercise a session ends with run on the first bank (_bank.py); a
# test that starts the CLI as a process sees the whole bank.
FIRST_BANK = pytest.mark.usefixtures("first_bank")
__all__ = ["first_bank"]  # a fixture, imported for pytest to find


@pytest.fixture
def practice(isolated_home):
    """The service over the database the command uses (MLINTERVIEW_HOME's default)."""
    study = Study()
    study.set_setting("fuzz", False)
    yield Practice(study)
    study.store.close()


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    runner = CliRunner()

    def run(*args, input: str | None = None):
        return runner.invoke(app, ["mock", *map(str, args)], input=input,
                             catch_exceptions=False)

    return run


@pytest.fixture
def answers(tmp_path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    return folder


def one_topic(*extra):
    return ("--topics", SLUG, "--minutes", 10, "--seed", 3, *extra)


@FIRST_BANK
def test_a_whole_interview_from_answer_files(cli, practice, answers):
    (answers / f"{SLUG}.md").write_text("Precision TP/(TP+FP), recall TP/(TP+FN), F1.\n")
    (answers / f"{SLUG}.follow-up.md").write_text("Because positives are rare.\n")
    (answers / SOLUTION_FILE).write_text(EXERCISE.solution)
    result = cli(*one_topic("--answers", answers, "--ticks", "all"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "1 question(s) and an exercise in 10 minutes (seed 3)" in out
    assert "[1/2] " in out and " left · evaluation · about 2:30 for this one" in out
    assert "A good answer: the interviewer has a follow-up question." in out
    assert f"Follow-up on {get_topic(SLUG).title}" in out
    assert "ACCEPTED" in out and ": finished, 10 minutes (seed 3)" in out
    assert "key points covered 100% over 1 of 1 questions" in out
    [session] = MockSession.history(practice)
    assert (session.state, session.coverage, session.verdict) == ("finished", 1.0, "accepted")
    assert [(a.kind, a.graded, a.session_uid) for a in practice.answers(SLUG)] == [
        ("follow-up", True, session.uid), ("card", True, session.uid)]


@FIRST_BANK
def test_a_missing_file_pauses_and_resume_goes_on_from_there(cli, practice, answers):
    (answers / f"{SLUG}.md").write_text("Only precision.\n")
    paused = cli(*one_topic("--answers", answers, "--ticks", "none"))
    assert paused.exit_code == 0, paused.stderr
    assert f"no solution file {answers / SOLUTION_FILE}: the interview is saved at step 2" \
        in paused.stdout
    running = MockSession.running(practice)
    assert running.position == 1 and running.current().kind == "exercise"

    (answers / SOLUTION_FILE).write_text("def precision_recall_f1(:\n")  # no judge run
    resumed = cli("--resume", "--answers", answers)
    assert resumed.exit_code == 0, resumed.stderr
    assert "Resuming the mock interview" in resumed.stdout and "at step 2 of 2" in resumed.stdout
    assert "SYNTAX ERROR" in resumed.stdout and "Study next: " + SLUG in resumed.stdout
    report = MockSession.get(practice, running.uid).report
    assert report.exercise.verdict == "syntax error" and report.coverage == 0.0


@FIRST_BANK
def test_at_the_prompt_with_the_starter_written_for_the_exercise(cli, practice, tmp_path):
    work = tmp_path / "work"
    lines = ["Precision and recall.", "", "",   # the answer ends with two empty lines
             "",                                 # ticks: the suggested ones
             "",                                 # rating: the suggested one
             "skip"]                             # the exercise: finish without it
    result = cli(*one_topic("--workdir", work, "--no-editor"), input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    assert (work / SOLUTION_FILE).read_text() == EXERCISE.starter
    assert "Your answer (end with two empty lines" in result.stdout
    assert "Exercise classification-metrics/precision-recall-f1: not submitted" \
        in result.stdout
    [answer] = practice.answers(SLUG)
    assert answer.answer == "Precision and recall." and answer.graded


def test_a_running_interview_is_offered_for_resuming(cli, practice, answers):
    (answers / f"{SLUG}.md").write_text("Some.\n")
    cli(*one_topic("--answers", answers, "--ticks", "all"))  # pauses at the follow-up
    first = MockSession.running(practice)
    asked = cli("--answers", answers, input="")  # no answer to "Resume it?"
    assert asked.exit_code == 2
    assert "a mock interview is running" in asked.stderr and "--resume" in asked.stderr
    kept = cli("--answers", answers, input="\n")  # Enter: yes
    assert "Resume it? [Y/n]" in kept.stdout and "Resuming the mock interview" in kept.stdout
    assert MockSession.running(practice).uid == first.uid
    fresh = cli(*one_topic("--answers", answers, "--new", "--ticks", "all"))
    assert f"Abandoned the mock interview {first.uid[:8]}" in fresh.stdout
    assert MockSession.get(practice, first.uid).state == "abandoned"
    assert MockSession.running(practice).uid != first.uid


@FIRST_BANK
def test_the_list_shows_each_interview_and_the_trend(cli, practice, answers):
    (answers / f"{SLUG}.md").write_text("Precision.\n")
    (answers / SOLUTION_FILE).write_text("syntax error here(\n")
    for ticks in ("none", "all"):
        (answers / f"{SLUG}.follow-up.md").write_text("Rare positives.\n")
        assert cli(*one_topic("--answers", answers, "--ticks", ticks)).exit_code == 0
    listed = cli("--list")
    assert listed.exit_code == 0
    assert "Coverage over 2 finished sessions, oldest to newest: ▁█  0% -> 100%" \
        in listed.stdout
    rows = json.loads(cli("--list", "--json").stdout)
    assert [(r["state"], r["coverage"], r["verdict"]) for r in rows] == [
        ("finished", 1.0, "syntax error"), ("finished", 0.0, "syntax error")]
    report = cli("--report", rows[1]["uid"][:6], "--json")
    assert json.loads(report.stdout)["coverage"] == 0.0
    text = cli("--report", rows[0]["uid"])
    assert "follow-up (classification-metrics)" in text.stdout


@FIRST_BANK
def test_the_stats_list_mock_interviews_with_their_trend(cli, practice, answers):
    runner = CliRunner()
    (answers / f"{SLUG}.md").write_text("Precision.\n")
    (answers / f"{SLUG}.follow-up.md").write_text("Rare.\n")
    (answers / SOLUTION_FILE).write_text("syntax error here(\n")
    for ticks in ("none", "all"):
        cli(*one_topic("--answers", answers, "--ticks", ticks))
    stats = runner.invoke(app, ["stats"], catch_exceptions=False)
    assert "Mock interviews" in stats.stdout and "0% -> 100%" in stats.stdout
    data = json.loads(runner.invoke(app, ["stats", "--json"]).stdout)
    assert [s["coverage"] for s in data["mock_interviews"]] == [1.0, 0.0]


@pytest.mark.parametrize("args, words", [
    (("--ticks", "3"), "--ticks: expected all or none, got '3'"),
    (("--ticks", "all", "--accept-suggested"), "not both"),
    (("--area", "cooking"), "--area: unknown area 'cooking'"),
    (("--topics", "svn"), "--topics: unknown topic 'svn'; did you mean svm"),
    (("--area", "trees", "--topics", "svm"), "--topics: none of svm"),
    (("--answers", "/nonexistent-folder"), "--answers: /nonexistent-folder is not a folder"),
    (("--report", "abc"), "no mock interview with id 'abc'"),
])
def test_bad_options_get_one_line_and_exit_2(cli, args, words):
    result = cli(*args)
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_abandon_without_a_running_interview_fails(cli):
    result = cli("--abandon")
    assert result.exit_code == 1 and "no mock interview is running" in result.stderr


def test_killed_while_waiting_it_resumes_at_the_same_step(practice, answers):
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "100"}
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    asked, code = kill_at_ticks_prompt(
        [str(SCRIPT), "mock", *map(str, one_topic("--no-editor"))],
        "Written, then the terminal was killed.", env)
    assert asked and code == -signal.SIGKILL
    running = MockSession.running(practice)
    assert (running.position, running.current().phase) == (0, "compare")

    resumed = subprocess.run(
        [str(SCRIPT), "mock", "--resume", "--answers", str(answers), "--ticks", "all"],
        capture_output=True, text=True, env=env, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert "at step 1 of 2" in resumed.stdout
    assert "Written, then the terminal was killed." in resumed.stdout  # shown to compare
    assert f"no answer file {answers / (SLUG + '.follow-up.md')}" in resumed.stdout
    after = MockSession(practice, running.uid)
    assert (after.position, after.steps[0].covered) == (1, 8)
