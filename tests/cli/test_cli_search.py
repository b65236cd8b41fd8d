"""``mlinterview search``: plain lines in a pipe, a table with the matched words styled in a
terminal, JSON, the nearest topics without a hit, and one-line errors."""

from __future__ import annotations

import io
import json
import re

import pytest

from mlinterview.cli import _output as o

ANSI = re.compile(r"\x1b\[")


def test_a_question_finds_its_card_first(cli):
    result = cli("search", "How", "does", "SMOTE", "create", "new", "samples?")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("10 results for “How does SMOTE create new samples?”")
    assert lines[1] == "1. [card] Dealing with an imbalanced data set (imbalanced-data)"
    assert lines[3] == "   mlinterview show imbalanced-data"
    assert "SMOTE" in lines[2]
    assert not ANSI.search(result.stdout)  # plain when not a terminal


def test_json_lists_hits_of_every_kind_with_their_snippets(cli):
    result = cli("search", "SMOTE synthetic minority", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "SMOTE synthetic minority"
    assert data["terms"] == ["smote", "synthetic", "minority"]
    assert data["nearest"] == []
    hits = data["hits"]
    assert hits[0]["kind"] == "card" and hits[0]["slug"] == "imbalanced-data"
    assert {h["kind"] for h in hits} == {"card", "exercise", "demo"}
    exercise = next(h for h in hits if h["kind"] == "exercise")
    assert exercise["id"] == "imbalanced-data/smote"
    assert exercise["url"] == "/exercises/imbalanced-data/smote"
    assert exercise["command"] == "mlinterview exercise show imbalanced-data/smote"
    for hit in hits:
        assert hit["snippet"] == "".join(p["text"] for p in hit["parts"])
    assert any(p["marked"] and p["text"].lower() == "smote" for p in hits[0]["parts"])


def test_kind_and_limit_narrow_the_results(cli):
    data = json.loads(cli("search", "gradient", "--kind", "demo", "-n", "3", "--json").stdout)
    assert len(data["hits"]) == 3
    assert {h["kind"] for h in data["hits"]} == {"demo"}
    assert all(h["url"] == f"/demos/{h['id']}" for h in data["hits"])


def test_no_hit_suggests_the_nearest_topics(cli):
    result = cli("search", "kalmann", "filtr")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "No exact match; nearest topics:"
    assert lines[1].split()[0] == "kalman-filter"
    assert "mlinterview show kalman-filter" in lines[1]
    data = json.loads(cli("search", "kalmann", "filtr", "--json").stdout)
    assert data["hits"] == [] and data["nearest"][0]["slug"] == "kalman-filter"
    nothing = cli("search", "zzzz", "qqqq")
    assert nothing.exit_code == 0 and "no topic looks like it" in nothing.stdout


@pytest.mark.parametrize(("args", "message"), [
    ([], "QUERY: give a question"),
    (["  "], "QUERY: give a question"),
    (["x", "--kind", "video"], "--kind: expected one of card, exercise, demo, got 'video'"),
    (["x", "--limit", "0"], "--limit: expected a number from 1 to 100, got 0"),
    (["x" * 201], "QUERY: longer than 200 characters (201)"),
])
def test_bad_input_is_one_line_and_exit_2(cli, args, message):
    result = cli("search", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert message in result.stderr


def test_fts_syntax_is_searched_as_words(cli):
    for query in ('"AND (', "NEAR*", "title: recall", "(("):
        result = cli("search", query, "--json")
        assert result.exit_code == 0, (query, result.stderr)
        json.loads(result.stdout)


def test_help_has_an_example(cli):
    result = cli("search", "--help")
    assert result.exit_code == 0
    assert "Example: mlinterview search" in " ".join(result.stdout.split())


def test_a_terminal_gets_a_table_with_the_matched_words_styled(cli, monkeypatch):
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(o, "_OUT", Console(file=screen, force_terminal=True, width=140,
                                           color_system="standard"))
    result = cli("search", "SMOTE", "-n", "2")
    assert result.exit_code == 0
    text = screen.getvalue()
    assert "┃" in text or "│" in text  # a Rich table
    assert "\x1b[1;33mSMOTE" in text or "\x1b[1;33msmote" in text  # bold yellow mark
    assert "mlinterview show imbalanced-data" in re.sub(r"\x1b\[[0-9;]*m", "", text)
