"""``mlinterview journal``: the listing, one topic, export (file, stdout, JSON), import
(dry run, twice, unmapped questions) and a one-line error for every bad input."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from mlinterview.practice import Practice
from mlinterview.practice.journal import parse_markdown
from mlinterview.topics import get_topic

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ANSI = re.compile(r"\x1b\[")
JOURNAL = """---
title: mine
---

# How to check overfitting? How to deal with it?

## My initial answer:
Train well, test badly.

## My final answer:
A gap between training and validation error; k-fold CV shows it.

# What is your greatest weakness?
Interviews.

# Explain RandomForests
Many deep trees on bootstrap samples.
"""


@pytest.fixture
def answers():
    """Two answers to overfitting (one graded) and one to SVMs."""
    practice = Practice()
    first = practice.write("overfitting", "Memorising the training set.", seconds=40, now=T0)
    practice.grade(first.uid, [0], now=T0)
    practice.write("overfitting", "Training vs validation gap; use k-fold CV.", seconds=75,
                   now=T0 + timedelta(days=2))
    practice.write("svm", "Max-margin linear classifiers.", now=T0)
    return practice


def one_line_error(result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


def test_an_empty_journal_says_how_to_start(cli):
    result = cli("journal")
    assert result.exit_code == 0
    assert "No answers yet" in result.stdout and "journal import" in result.stdout


def test_the_listing_shows_first_and_latest(cli, answers):
    result = cli("journal")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "3 answer(s) to 2 question(s)" in out
    assert f"overfitting · {get_topic('overfitting').question}" in out
    n_points = len(get_topic("overfitting").key_points)
    assert f"first: 2026-03-02 09:30 · 40 s · card · 1/{n_points} key points ticked" in out
    assert "latest: 2026-03-04 09:30 · 75 s · card" in out and "(suggested" in out
    assert "Memorising the training set." in out
    assert "only answer: 2026-03-02 09:30" in out and "Max-margin" in out
    assert not ANSI.search(out)


def test_one_topic_in_full_with_its_key_points(cli, answers):
    result = cli("journal", "overfitting")
    assert result.exit_code == 0, result.stderr
    points = get_topic("overfitting").key_points
    assert f"[x] {points[0]}" in result.stdout  # ticked by the user
    assert f"[ ] {points[1]}" in result.stdout
    assert "svm" not in result.stdout


def test_json_listing_and_json_for_one_topic(cli, answers):
    data = json.loads(cli("journal", "--json").stdout)
    assert [q["slug"] for q in data["questions"]] == ["overfitting", "svm"]
    first = data["questions"][0]["answers"][0]
    assert (first["covered"], first["coverage_suggested"], first["seconds"]) == ([0], False, 40)
    for args in (("journal", "overfitting", "--json"), ("journal", "--json", "overfitting")):
        one = json.loads(cli(*args).stdout)
        assert [q["slug"] for q in one["questions"]] == ["overfitting"]


def test_export_md_then_import_elsewhere(cli, answers, tmp_path, monkeypatch):
    out = tmp_path / "journal.md"
    result = cli("journal", "export", "--format", "md", out)
    assert result.exit_code == 0, result.stderr
    assert "Wrote 2 question(s)" in result.stdout
    parsed = parse_markdown(out.read_text(encoding="utf-8"))
    assert [q.heading for q in parsed.questions] == [get_topic("overfitting").question,
                                                     get_topic("svm").question]

    monkeypatch.setenv("MLINTERVIEW_HOME", str(tmp_path / "elsewhere"))
    result = cli("journal", "import", out)
    assert result.exit_code == 0, result.stderr
    assert "Imported 3 answer(s) to 2 question(s)" in result.stdout
    texts = [(a.slug, a.answer) for a in reversed(Practice().answers())]
    assert sorted(texts) == sorted([
        ("overfitting", "Memorising the training set."),
        ("overfitting", "Training vs validation gap; use k-fold CV."),
        ("svm", "Max-margin linear classifiers.")])


def test_export_to_stdout_and_as_json(cli, answers):
    md = cli("journal", "export", "-")
    assert md.exit_code == 0 and md.stdout.startswith("---\n")
    assert "## My initial answer:\n\nMemorising the training set." in md.stdout
    data = json.loads(cli("journal", "export", "--format", "json", "-").stdout)
    assert data["format"] == "mlinterview-journal" and len(data["questions"]) == 2
    only = json.loads(cli("journal", "export", "-f", "json", "--slug", "svm", "-").stdout)
    assert [q["slug"] for q in only["questions"]] == ["svm"]


def test_export_replaces_a_file_whole(cli, answers, tmp_path):
    out = tmp_path / "journal.md"
    out.write_text("old content that is much longer than nothing\n" * 100)
    assert cli("journal", "export", out).exit_code == 0
    assert "old content" not in out.read_text() and out.read_text().startswith("---\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.md"]  # no temp left


def test_import_dry_run_then_twice(cli, tmp_path):
    path = tmp_path / "mine.md"
    path.write_text(JOURNAL, encoding="utf-8")
    dry = cli("journal", "import", path, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "Would import 3 answer(s) to 2 question(s)" in dry.stdout
    assert "line 13: What is your greatest weakness?" in dry.stdout
    assert Practice().answers() == []

    first = cli("journal", "import", path)
    assert "Imported 3 answer(s) to 2 question(s)" in first.stdout
    assert "1 question(s) with answers match no topic" in first.stdout
    again = cli("journal", "import", path)
    assert "Imported 0 answer(s) to 0 question(s)" in again.stdout
    assert "3 already in your journal" in again.stdout
    assert len(Practice().answers()) == 3

    summary = json.loads(cli("journal", "import", path, "--json").stdout)
    assert summary["unmapped"] == ["What is your greatest weakness?"]
    assert {q["slug"] for q in summary["questions"]} == {"overfitting", "random-forests", None}


def test_subcommand_names_and_slugs_share_the_first_word(cli):
    assert "Usage: mlinterview journal export" in cli("journal", "export", "--help").stdout
    assert "Usage: mlinterview journal import" in cli("journal", "import", "--help").stdout
    help_ = cli("journal", "--help")
    assert help_.exit_code == 0 and "export" in help_.stdout and "import" in help_.stdout
    text = " ".join(help_.stdout.split())
    assert "Example: mlinterview journal overfitting" in text
    assert cli("journal", "svm").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (("journal", "no-such-topic"), "no-such-topic"),
    (("journal", "export", "--format", "xml", "x.md"), "--format"),
    (("journal", "export", "--slug", "nope", "-"), "nope"),
    (("journal", "import", "missing.md"), "no such file"),
])
def test_bad_input_is_one_line(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert message in one_line_error(cli(*args))


def test_unreadable_or_unwritable_paths_are_one_line(cli, tmp_path):
    latin = tmp_path / "latin.md"
    latin.write_bytes("# Qué es?\n".encode("latin-1"))
    assert "not UTF-8" in one_line_error(cli("journal", "import", latin))
    assert "is a folder" in one_line_error(cli("journal", "import", tmp_path))
    assert "cannot write" in one_line_error(cli("journal", "export", tmp_path / "no" / "x.md"))
    assert "cannot write" in one_line_error(cli("journal", "export", tmp_path))


def test_piped_output_is_plain(shell, tmp_path):
    path = tmp_path / "mine.md"
    path.write_text(JOURNAL, encoding="utf-8")
    assert shell("journal", "import", path).returncode == 0
    result = shell("journal")
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout)
    assert "first: " in result.stdout and "latest: " in result.stdout
