"""Study commands: a review session driven through stdin, stats, export/import and
settings."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mlinterview.cli._study import _heatmap
from mlinterview.exercises.judge import Verdict
from mlinterview.study import Study
from mlinterview.topics import get_topic

SLUG = "classification-metrics"
FAILED = Verdict("wrong answer", 1, 3, "Wrong answer on case 2 of 3.")


def right_answer(check) -> str:
    return str(check.answer) if check.kind != "numeric" else repr(check.answer)


def answers_input(slug: str, right: bool) -> list[str]:
    return [right_answer(q) if right else "zzz" for q in get_topic(slug).quick_checks]


@pytest.fixture
def due_card():
    """Make classification-metrics due (a failed exercise), so a session starts with it."""
    Study().record_attempt(f"{SLUG}/precision-recall-f1", SLUG, FAILED, "source")
    return SLUG


def session(cli, lines: list[str], *args: str):
    return cli("review", "--limit", "1", *args, input="".join(f"{line}\n" for line in lines))


def test_review_all_right_accepts_the_suggested_rating(cli, due_card):
    result = session(cli, [*answers_input(SLUG, True), ""])
    assert result.exit_code == 0, result.stderr
    topic = get_topic(SLUG)
    assert topic.title in result.stdout
    for q in topic.quick_checks:
        assert q.prompt in result.stdout
    assert result.stdout.count("✓ Right.") == len(topic.quick_checks)
    assert "[Enter = 3 good]" in result.stdout
    assert "saved (good); next review in" in result.stdout
    assert "Session over: 1 review(s) saved." in result.stdout
    stored = Study().reviews(SLUG)
    assert len(stored) == 1
    assert (stored[0]["rating"], stored[0]["suggested"]) == (3, 3)
    assert stored[0]["correct"] == stored[0]["total"] == len(topic.quick_checks)


def test_review_wrong_answers_with_an_override(cli, due_card):
    result = session(cli, [*answers_input(SLUG, False), "4"])
    assert result.exit_code == 0
    assert "✗ Not quite" in result.stdout and "[Enter = 1 again]" in result.stdout
    row = Study().reviews(SLUG)[0]
    assert (row["rating"], row["suggested"], row["correct"]) == (4, 1, 0)
    assert set(json.loads(row["answers"]).values()) == {"zzz"}


def test_review_reasks_a_bad_rating_and_takes_names(cli, due_card):
    result = session(cli, [*answers_input(SLUG, True), "x", "9", "hard"])
    assert result.stdout.count("type 1, 2, 3 or 4") == 2
    assert Study().reviews(SLUG)[0]["rating"] == 2


def test_end_of_input_stops_without_saving_the_open_card(cli, due_card):
    result = session(cli, answers_input(SLUG, True)[:1])
    assert result.exit_code == 0
    assert "Session over: 0 review(s) saved." in result.stdout
    assert Study().reviews() == []


def test_two_cards_in_one_session(cli, due_card):
    items = Study().due(limit=2)
    if len(items) < 2:
        pytest.skip("only one card exists")
    lines = []
    for item in items:
        lines += [*answers_input(item.slug, True), ""]
    result = cli("review", "--limit", "2", input="".join(f"{line}\n" for line in lines))
    assert "[1/2]" in result.stdout and "[2/2]" in result.stdout and "(new)" in result.stdout
    assert "Session over: 2 review(s) saved." in result.stdout
    assert {r["slug"] for r in Study().reviews()} == {item.slug for item in items}


def test_nothing_to_review(cli):
    Study().set_setting("new_per_day", 0)
    result = cli("review")
    assert result.exit_code == 0 and "Nothing to review now" in result.stdout


@pytest.mark.parametrize("args", [["--area", "astrology"], ["--limit", "0"]])
def test_review_usage_errors(cli, args):
    assert cli("review", *args).exit_code == 2


# -- stats -------------------------------------------------------------------------------------


def test_stats_after_a_review(cli, due_card):
    session(cli, [*answers_input(SLUG, True), ""])
    data = json.loads(cli("stats", "--json").stdout)
    assert {"due_now", "due_today", "due_week", "new_available", "reviews_total",
            "reviews_today", "retention", "retention_reviews", "streak_days", "per_day",
            "areas", "attempts_total", "attempts_accepted", "exercises_solved",
            "exercises_due", "exercises_scheduled", "exercises_mastered", "exercise_lapses",
            "solved_without_hints", "solved_with_hints", "mock_interviews"} == set(data)
    assert (data["reviews_total"], data["reviews_today"], data["streak_days"]) == (1, 1, 1)
    assert data["due_now"] == 0 and data["retention"] is None
    assert (data["attempts_total"], data["attempts_accepted"]) == (1, 0)
    assert list(data["per_day"].values()) == [1]
    evaluation = next(a for a in data["areas"] if a["area"] == "evaluation")
    assert evaluation["studied"] == 1

    text = cli("stats").stdout
    for label in ("due now", "due this week", "retention (30 days)", "Reviews per day",
                  "Progress by area"):
        assert label in text
    rows = [line for line in text.splitlines() if line[:3] in
            ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    assert len(rows) == 7
    assert sum(line.count("#") + line.count("*") + line.count(":") + line.count(".")
               for line in rows) == 1  # one day with reviews


def test_heatmap_by_hand():
    # Wednesday 4 March 2026, two weeks: columns are the weeks of 23 Feb and 2 Mar.
    per_day = {date(2026, 2, 23): 4, date(2026, 3, 3): 1, date(2026, 3, 4): 2}
    lines = _heatmap(per_day, date(2026, 3, 4), weeks=2)
    # level = 1 + min(3, int(3 * count / busiest day)): 4 -> '#', 1 -> '.', 2 -> ':';
    # a day without reviews '-', a day after today blank.
    assert lines == ["Mon #-", "Tue -.", "Wed -:", "Thu - ", "Fri - ", "Sat - ", "Sun - "]


# -- export and import -------------------------------------------------------------------------


def test_export_then_import_into_a_fresh_home(cli, due_card, tmp_path, monkeypatch):
    session(cli, [*answers_input(SLUG, True), ""])
    Study().set_setting("new_per_day", 3)
    first = tmp_path / "backup.json"
    result = cli("export", first)
    assert result.exit_code == 0
    assert result.stdout == (f"Exported 1 reviews, 1 card states and 1 attempts to {first}\n")

    fresh = tmp_path / "fresh-home"
    fresh.mkdir()
    monkeypatch.setenv("MLINTERVIEW_HOME", str(fresh))
    result = cli("import", first)
    assert result.exit_code == 0
    assert result.stdout == f"Imported 1 new reviews, 1 card states and 1 attempts from {first}\n"
    second = tmp_path / "again.json"
    cli("export", second)
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert a.pop("exported_at") <= b.pop("exported_at")
    assert a == b
    assert Study().settings()["new_per_day"] == 3


@pytest.mark.parametrize("content", ['{"format": "anki"}', "[1, 2", ""])
def test_import_of_a_malformed_file(cli, due_card, tmp_path, content):
    session(cli, [*answers_input(SLUG, True), ""])
    before = Study().export_data()
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = cli("import", path)
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: file: ")
    after = Study().export_data()
    assert before.pop("exported_at") <= after.pop("exported_at") and before == after


def test_import_missing_file_and_export_to_a_bad_place(cli, tmp_path):
    missing = cli("import", tmp_path / "nope.json")
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    bad = cli("export", tmp_path / "no" / "dir" / "x.json")
    assert bad.exit_code == 1 and bad.stderr.startswith("error: cannot write")


# -- settings ----------------------------------------------------------------------------------


def test_settings(cli):
    table = cli("settings").stdout
    assert "desired_retention" in table and "new_per_day" in table
    assert cli("settings", "desired_retention", "0.92").stdout == "desired_retention = 0.92\n"
    assert Study().settings()["desired_retention"] == 0.92
    assert cli("settings", "desired_retention").stdout == "0.92\n"
    bad = cli("settings", "desired_retention", "2")
    assert bad.exit_code == 2 and "desired_retention" in bad.stderr
    for key, value in (("desired_retention", "high"), ("new_per_day", "ten"),
                       ("fuzz", "maybe")):
        bad = cli("settings", key, value)
        assert bad.exit_code == 2 and bad.stderr.startswith(f"error: {key}: expected")
    assert cli("settings", "colour").exit_code == 2
    assert Study().settings()["desired_retention"] == 0.92


@pytest.mark.parametrize("args", [["stats"], ["review"], ["exercise", "list"]])
def test_unusable_database_is_one_line_not_a_traceback(shell, isolated_home, args):
    (isolated_home / "mlinterview.sqlite3").write_bytes(b"not sqlite at all" * 64)
    done = shell(*args)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert "not a database" in done.stderr and "Traceback" not in done.stderr
