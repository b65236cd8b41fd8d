"""`mlinterview answer`: write an answer (file, editor, prompt), it is stored at once, then
compared with the key points and graded into one review."""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from _kill import kill_at_ticks_prompt
from typer.testing import CliRunner

from mlinterview.cli import _answer, app
from mlinterview.practice import MAX_ANSWER_CHARS, Practice, rating_from_coverage
from mlinterview.practice.suggest import suggest
from mlinterview.study import Study
from mlinterview.topics import get_topic

SLUG = "classification-metrics"
TOPIC = get_topic(SLUG)
POINTS = TOPIC.key_points
SCRIPT = Path(sys.executable).with_name("mlinterview")


@pytest.fixture
def practice(isolated_home):
    """The service over the database the command uses (the default one in the test's
    MLINTERVIEW_HOME), with fuzzing off."""
    study = Study()
    study.set_setting("fuzz", False)
    service = Practice(study)
    yield service
    study.store.close()


@pytest.fixture
def study(practice):
    return practice.study


@pytest.fixture
def cli(monkeypatch):
    """``cli(*args, input=...)`` runs the command in process, with no editor set unless
    the test sets one."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    runner = CliRunner()

    def run(*args, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An editor command: a Python script run on the draft's path, ``body`` using
    ``path`` (the draft) and ``seen`` (where it copies the draft it was given)."""
    script = tmp_path / name
    script.write_text("import pathlib, sys\n"
                      "path = pathlib.Path(sys.argv[1])\n"
                      f"seen = pathlib.Path({str(tmp_path / 'seen.md')!r})\n"
                      "seen.write_text(path.read_text())\n" + body)
    return f"{sys.executable} {script}"


def test_an_answer_file_with_the_suggested_ticks_is_stored_and_graded(cli, practice, study,
                                                                      tmp_path):
    text = f"{POINTS[1]}\nAnd something about lunch."
    (tmp_path / "mine.md").write_text(text + "\n")
    result = cli("answer", SLUG, "--answer-file", tmp_path / "mine.md", "--accept-suggested")
    assert result.exit_code == 0, result.stderr
    [stored] = practice.answers(SLUG)
    assert stored.answer == text and stored.seconds is None  # a file says nothing of time
    # The ticks are the suggester's, stored as the suggestion too; a point restated
    # word for word is among them.
    expected = tuple(suggest(text, POINTS))
    assert 1 in expected and stored.ticked == stored.suggested == expected
    assert stored.rating == rating_from_coverage(len(expected), len(POINTS))
    [review] = study.reviews(SLUG)
    assert review["kind"] == "answer" and review["uid"] == stored.review_uid
    # The comparison was shown: every key point, numbered from 1, the suggested marked.
    assert "[x] 2. " in result.stdout and "[ ] 1. " in result.stdout
    assert "In 30 seconds" in result.stdout and "Did you say this?" in result.stdout
    assert f"covered, rated {review_name(stored.rating)}" in result.stdout


def review_name(rating: int) -> str:
    return {1: "again", 2: "hard", 3: "good", 4: "easy"}[rating]


def test_ticks_and_rating_from_the_command_line(cli, practice, study, tmp_path):
    result = cli("answer", SLUG, "-f", write(tmp_path, "Precision and recall."),
                 "--ticks", "3, 1", "--rating", "easy")
    assert result.exit_code == 0, result.stderr
    [stored] = practice.answers(SLUG)
    assert stored.ticked == (0, 2) and stored.rating == 4
    assert study.reviews(SLUG)[0]["rating"] == 4
    assert "rated easy" in result.stdout


def write(folder: Path, text: str, name: str = "answer.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ticks_none_rates_again(cli, practice, tmp_path):
    result = cli("answer", SLUG, "-f", write(tmp_path, "No idea."), "--ticks", "none")
    assert result.exit_code == 0, result.stderr
    [stored] = practice.answers(SLUG)
    assert stored.ticked == () and stored.rating == 1


def test_the_answer_from_standard_input(cli, practice):
    result = cli("answer", SLUG, "--answer-file", "-", "--ticks", "2",
                 input="Precision is TP / (TP + FP).\n")
    assert result.exit_code == 0, result.stderr
    assert practice.answers(SLUG)[0].answer == "Precision is TP / (TP + FP)."


def test_json_goes_to_stdout_and_the_rest_to_stderr(cli, practice, tmp_path):
    result = cli("answer", SLUG, "-f", write(tmp_path, "Recall is TP / (TP + FN)."),
                 "--ticks", "2,5", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    stored = practice.answers(SLUG)[0]
    assert data["uid"] == stored.uid and data["answer"] == "Recall is TP / (TP + FN)."
    assert [p["n"] for p in data["points"] if p["ticked"]] == [2, 5]
    assert data["covered"] == 2 and data["total"] == len(POINTS)
    assert data["review"]["uid"] == stored.review_uid
    assert "Key points" in result.stderr


def test_the_editor_gets_the_question_and_its_header_is_stripped(cli, practice, tmp_path,
                                                                 monkeypatch):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(drafts))
    monkeypatch.setenv("EDITOR", editor(tmp_path, (
        "with path.open('a') as f:\n"
        "    f.write('# Precision\\nPrecision is TP / (TP + FP).\\n')\n")))
    result = cli("answer", SLUG, "--ticks", "2")
    assert result.exit_code == 0, result.stderr
    seen = (tmp_path / "seen.md").read_text()
    assert TOPIC.question in seen and _answer.SCISSORS in seen
    [stored] = practice.answers(SLUG)
    # The header is gone; a Markdown heading of the user's own stays.
    assert stored.answer == "# Precision\nPrecision is TP / (TP + FP)."
    assert stored.seconds is not None and stored.seconds >= 0
    assert "Time: " in result.stdout
    assert list(drafts.iterdir()) == []  # the draft goes once the answer is stored


def test_visual_wins_over_editor(cli, practice, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, "raise SystemExit(3)\n", "bad.py"))
    monkeypatch.setenv("VISUAL", editor(tmp_path, (
        "with path.open('a') as f:\n    f.write('from VISUAL')\n"), "good.py"))
    assert cli("answer", SLUG, "--ticks", "none").exit_code == 0
    assert practice.answers(SLUG)[0].answer == "from VISUAL"


def test_a_draft_without_its_scissors_line_loses_only_the_header(cli, practice, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, (
        "text = path.read_text().replace(" + repr(_answer.SCISSORS + "\n") + ", '')\n"
        "path.write_text(text + '# my own note\\nF1 is the harmonic mean.\\n')\n")))
    assert cli("answer", SLUG, "--ticks", "3").exit_code == 0
    assert practice.answers(SLUG)[0].answer == "# my own note\nF1 is the harmonic mean."


def test_an_editor_that_fails_stores_nothing_and_keeps_the_text(cli, practice, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, (
        "with path.open('a') as f:\n    f.write('half an answer')\n"
        "raise SystemExit(1)\n")))
    result = cli("answer", SLUG, "--ticks", "none")
    assert result.exit_code == 1 and practice.answers() == []
    assert "exited with status 1" in result.stderr and "nothing stored" in result.stderr
    kept = Path(result.stderr.rsplit("kept in ", 1)[1].strip())
    assert "half an answer" in kept.read_text()
    kept.unlink()


def test_an_editor_that_cannot_start_is_one_line(cli, practice, monkeypatch):
    monkeypatch.setenv("EDITOR", "/no/such/editor --wait")
    result = cli("answer", SLUG, "--ticks", "none")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "cannot start the editor" in result.stderr and practice.answers() == []


def test_an_empty_draft_stores_nothing(cli, practice, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor(tmp_path, ""))  # saved as it came: header only
    result = cli("answer", SLUG, "--ticks", "none")
    assert result.exit_code == 1 and "empty answer" in result.stderr
    assert practice.answers() == []


def test_the_prompt_reads_until_two_empty_lines_then_asks_ticks_and_rating(cli, practice):
    text = "Precision is TP / (TP + FP).\n\nRecall is TP / (TP + FN)."
    # A single empty line stays in the answer; two end it. Then: ticks 2 and 6, a rating
    # that is not one (asked again), then "hard".
    result = cli("answer", SLUG, "--no-editor", input=f"{text}\n\n\n2 6\nsoon\nhard\n")
    assert result.exit_code == 0, result.stderr
    [stored] = practice.answers(SLUG)
    assert stored.answer == text and stored.ticked == (1, 5) and stored.rating == 2
    assert "expected 1-4" in result.stdout


def test_enter_accepts_the_suggested_ticks_and_rating(cli, practice):
    text = POINTS[1]
    result = cli("answer", SLUG, "--no-editor", input=f"{text}\n\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    [stored] = practice.answers(SLUG)
    assert stored.ticked == tuple(suggest(text, POINTS))
    assert stored.rating == rating_from_coverage(len(stored.ticked), len(POINTS))


def test_a_bad_tick_is_asked_again(cli, practice):
    result = cli("answer", SLUG, "--no-editor", input=f"An answer.\n\n\n{len(POINTS) + 1}\n"
                 "all\n\n")
    assert result.exit_code == 0, result.stderr
    assert f"expected key point numbers from 1 to {len(POINTS)}" in result.stdout
    assert practice.answers(SLUG)[0].ticked == tuple(range(len(POINTS)))


def test_end_of_input_before_grading_keeps_the_answer_ungraded(cli, practice, study):
    result = cli("answer", SLUG, "--no-editor", input="Half of what I know.\n")
    assert result.exit_code == 130
    [stored] = practice.answers(SLUG)
    assert stored.answer == "Half of what I know." and not stored.graded
    assert stored.uid in result.stderr and study.reviews(SLUG) == []


@pytest.mark.parametrize("args, message", [
    (["--ticks", "0"], "--ticks: expected key point numbers from 1 to"),
    (["--ticks", "1,x"], "--ticks: expected key point numbers"),
    (["--rating", "great"], "--rating: expected 1-4"),
    (["--ticks", "1", "--accept-suggested"], "not both"),
])
def test_bad_flags_are_refused_before_anything_is_written(cli, practice, tmp_path, args,
                                                          message):
    result = cli("answer", SLUG, "-f", write(tmp_path, "An answer."), *args)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert message in result.stderr and practice.answers() == []


def test_an_unknown_slug_names_the_closest(cli, practice):
    result = cli("answer", "classification-metric", "--ticks", "none")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "did you mean classification-metrics" in result.stderr


@pytest.mark.parametrize("text, message", [
    ("   \n\n", "empty answer"),
    ("x" * (MAX_ANSWER_CHARS + 1), f"more than the {MAX_ANSWER_CHARS}"),
])
def test_an_empty_or_too_long_answer_file_stores_nothing(cli, practice, tmp_path, text,
                                                         message):
    result = cli("answer", SLUG, "-f", write(tmp_path, text), "--ticks", "none")
    assert result.exit_code == 2 and message in result.stderr
    assert practice.answers() == []


def test_a_too_long_answer_on_standard_input_is_refused_not_cut(cli, practice):
    text = "  " + "x" * MAX_ANSWER_CHARS + "\n"  # too long, though stripped it would fit
    result = cli("answer", SLUG, "-f", "-", "--ticks", "none", input=text)
    assert result.exit_code == 2 and "more than the" in result.stderr
    assert practice.answers() == []


def test_answer_file_problems(cli, practice, tmp_path):
    missing = cli("answer", SLUG, "-f", tmp_path / "nope.md", "--ticks", "none")
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    (tmp_path / "bin.md").write_bytes(b"\xff\xfe\x00bad")
    binary = cli("answer", SLUG, "-f", tmp_path / "bin.md", "--ticks", "none")
    assert binary.exit_code == 2 and "not text" in binary.stderr
    assert practice.answers() == []


def test_without_a_slug_the_most_due_card_is_asked(cli, practice, study, tmp_path):
    first = study.due()[0].slug  # a fresh study: the first new card in index order
    result = cli("answer", "-f", write(tmp_path, "Something."), "--ticks", "none")
    assert result.exit_code == 0, result.stderr
    assert practice.answers()[0].slug == first
    assert f"The most due card: {first}" in result.stdout


def test_random_and_a_slug_together_are_refused(cli):
    result = cli("answer", SLUG, "--random")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_history_lists_the_answers_newest_first(cli, practice, tmp_path):
    practice.write(SLUG, "My first try.")
    assert cli("answer", SLUG, "-f", write(tmp_path, "My second try."),
               "--ticks", "1").exit_code == 0
    table = cli("answer", SLUG, "--history")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0] == "2 answer(s), newest first"
    assert "My second try." in lines[2] and f"1 of {len(POINTS)}" in lines[2]
    assert "My first try." in lines[3] and "not graded" in lines[3]
    data = json.loads(cli("answer", "--history", "--json").stdout)
    assert [a["answer"] for a in data] == ["My second try.", "My first try."]


def test_help_teaches_with_an_example(cli):
    result = cli("answer", "--help")
    assert result.exit_code == 0
    assert "Example: mlinterview answer classification-metrics" in result.stdout
    assert "--answer-file" in result.stdout and "--accept-suggested" in result.stdout


@pytest.mark.parametrize("raw, expected", [
    ("", [1, 3]), ("none", []), ("all", [0, 1, 2, 3]), ("4 1", [0, 3]), ("2,2, 3", [1, 2])])
def test_parse_ticks(raw, expected):
    assert _answer.parse_ticks(raw, 4, [3, 1]) == expected


@pytest.mark.parametrize("raw", ["5", "0", "1.5", "one", "-1"])
def test_parse_ticks_refuses(raw):
    with pytest.raises(ValueError, match="from 1 to 4"):
        _answer.parse_ticks(raw, 4, [])


@pytest.mark.parametrize("seconds, text", [(0, "0:00"), (59.9, "0:59"), (125.3, "2:05"),
                                           (3725, "1:02:05"), (None, "-")])
def test_format_seconds(seconds, text):
    assert _answer.format_seconds(seconds) == text


def test_a_killed_cli_loses_no_answer(isolated_home, practice):
    """SIGKILL at the ticks prompt: the answer written before it is in the database."""
    env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    asked, code = kill_at_ticks_prompt([str(SCRIPT), "answer", SLUG, "--no-editor"],
                                       "Killed before grading.", env)
    assert asked and code == -signal.SIGKILL
    [stored] = practice.answers(SLUG)
    assert stored.answer == "Killed before grading." and not stored.graded
