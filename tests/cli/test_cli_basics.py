"""The command tree, help texts, start-up time, plain output in a pipe, and the topic
commands (topics, show, coverage, version)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mlinterview import __version__
from mlinterview.topics import all_topics, load_index

COMMANDS = ("topics", "show", "search", "answer", "mock", "journal", "demo", "exercise", "review",
            "stats", "coverage", "serve",
            "export", "import", "version")
ANSI = re.compile(r"\x1b\[")
SCRIPT = Path(sys.executable).with_name("mlinterview")  # the installed entry point


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    listed = set(re.findall(r"^\W*([a-z]+)\s{2,}\S", result.stdout, re.M))
    assert set(COMMANDS) <= listed
    assert "Example: mlinterview" in result.stdout


@pytest.mark.parametrize("command", [
    *[[c] for c in COMMANDS],
    ["exercise", "list"], ["exercise", "start"], ["exercise", "check"],
    ["exercise", "solution"], ["exercise", "show"], ["demo", "classification-metrics"],
    ["settings"],
])
def test_every_help_teaches_with_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # help is wrapped to the terminal width
    assert f"Example: mlinterview {' '.join(command)}" in text


def test_no_arguments_prints_help(cli):
    result = cli()
    assert "Usage: mlinterview" in result.stdout + result.stderr


def test_cli_import_is_lazy():
    """`mlinterview --help` stays fast because the command tree imports nothing heavy; the
    start-up time itself is measured by `make bench` (bench_cli), never asserted here."""
    code = ("import sys, mlinterview.cli; "
            "print(' '.join(sorted(m for m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    heavy = {"numpy", "matplotlib", "scipy", "fastapi", "uvicorn", "fsrs", "sqlite3",
             "mlinterview.topics", "mlinterview.demos", "mlinterview.exercises", "yaml",
             "markdown_it", "jinja2", "rich.console", "rich.markdown"}
    assert heavy.isdisjoint(out), heavy & set(out)


def test_version(cli):
    result = cli("version")
    assert result.exit_code == 0 and result.stdout == f"mlinterview {__version__}\n"


# -- topics ----------------------------------------------------------------------------------


def test_topics_table(cli):
    result = cli("topics")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("slug"))
    assert lines[header].split() == ["slug", "title", "area", "card", "demo", "exercise",
                                     "complete"]
    _, index = load_index()
    rows = [line.split()[0] for line in lines[header + 1:]]
    assert rows == list(index)  # every slug of the index, in its order
    row = next(line for line in lines if line.startswith("classification-metrics "))
    assert "Classification metrics" in row and " evaluation " in row


def test_topics_json_and_area(cli):
    data = json.loads(cli("topics", "--json").stdout)
    _, index = load_index()
    assert [t["slug"] for t in data] == list(index)
    cards = all_topics()
    for t in data:
        assert t["card"] == (t["slug"] in cards)
        assert t["title"] == (cards[t["slug"]].title if t["card"] else None)
    trees = json.loads(cli("topics", "--area", "trees", "--json").stdout)
    assert trees and {t["area"] for t in trees} == {"trees"}


def test_topics_unknown_area(cli):
    result = cli("topics", "--area", "astrology")
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "evaluation" in result.stderr


# -- show -------------------------------------------------------------------------------------


def test_show_prints_the_card_with_readable_math(cli):
    result = cli("show", "classification-metrics")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Classification metrics\n")
    assert "Q: What metrics would you use in a classification problem?" in out
    for section in ("In 30 seconds", "The answer", "Key points", "Common mistakes",
                    "Follow-up questions"):
        assert f"## {section}" in out
    # $\frac{TP}{TP + FP}$ becomes plain text, no TeX left behind.
    assert "TP/(TP + FP)" in out
    assert "$" not in out and "\\frac" not in out
    assert "mlinterview.ml.metrics.f1_score" in out
    assert "mlinterview demo classification-metrics" in out


def test_show_section_checks_and_json(cli):
    section = cli("show", "classification-metrics", "--section", "in 30 SECONDS")
    assert section.exit_code == 0 and section.stdout.startswith("## In 30 seconds")
    assert "## The answer" not in section.stdout
    bad = cli("show", "classification-metrics", "--section", "Epilogue")
    assert bad.exit_code == 2 and "Key points" in bad.stderr
    topic = all_topics()["classification-metrics"]
    checks = cli("show", "classification-metrics", "--checks").stdout
    for q in topic.quick_checks:
        assert q.prompt in checks
    data = json.loads(cli("show", "classification-metrics", "--json").stdout)
    assert data["slug"] == "classification-metrics" and data["difficulty"] == "E"
    assert list(data["sections"]) == list(topic.sections)
    # The JSON of a card must not give the answers away.
    assert all("answer" not in q for q in data["quick_checks"])
    assert data["prerequisites"] == list(topic.prerequisites)
    assert data["figure"]["demo"] == topic.figure.demo


def test_show_names_what_to_read_first_and_where_the_figure_comes_from(cli):
    topic = next(t for t in all_topics().values() if t.prerequisites and t.figure)
    out = cli("show", topic.slug).stdout
    assert "Read first: " + ", ".join(topic.prerequisites) in out
    assert f"mlinterview topics --path {topic.slug}" in out
    assert f"draw it: mlinterview demo {topic.figure.demo}" in out


@pytest.mark.parametrize(("slug", "suggestion"), [
    ("classification-metric", "classification-metrics"),
    ("clasification-metrics", "classification-metrics"),
    ("decision-treshold", "decision-threshold"),
])
def test_unknown_slug_suggests_and_exits_2(cli, slug, suggestion):
    result = cli("show", slug)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1  # one line
    assert result.stderr.startswith(f"error: unknown topic '{slug}'")
    assert suggestion in result.stderr


def test_listed_slug_without_card(cli, hidden_card):
    result = cli("show", hidden_card)
    assert result.exit_code == 2 and "no card yet" in result.stderr


# -- coverage ---------------------------------------------------------------------------------


def test_coverage_json_shape(cli):
    data = json.loads(cli("coverage", "--json").stdout)
    _, index = load_index()
    assert [t["slug"] for t in data["topics"]] == list(index)
    keys = {"slug", "area", "card", "lib", "demo", "exercise", "parity", "complete"}
    counts = {"exercise_count", "exercise_levels"}  # issue 13: how many, and at which levels
    for t in data["topics"]:
        assert set(t) == keys | counts
        assert all(isinstance(t[k], bool) for k in keys - {"slug", "area"})
        assert len(t["exercise_levels"]) == t["exercise_count"]
        assert t["area"] == index[t["slug"]].area
    cm = next(t for t in data["topics"] if t["slug"] == "classification-metrics")
    assert cm["card"] and cm["lib"] and cm["demo"] and cm["exercise"]


def test_coverage_table_and_check(cli):
    from mlinterview import coverage

    report = coverage.report()
    table = cli("coverage")
    assert table.exit_code == 0
    assert f"{sum(t.complete for t in report.topics)} of {len(report.topics)} topics complete" \
        in table.stdout
    assert re.search(r"^slug\s+area\s+card\s+lib\s+demo\s+exercise\s+parity\s+complete$",
                     table.stdout, re.M)
    check = cli("coverage", "--check")
    if report.problems:
        assert check.exit_code == 1
        assert all(p in check.stderr for p in report.problems)
    else:
        assert check.exit_code == 0 and check.stdout.startswith("ok:")


# -- terminal or pipe -------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    # Tables, Markdown, code, styled lines and an error: each way the CLI prints.
    ["topics"], ["show", "classification-metrics", "--checks"], ["stats"],
    ["exercise", "solution", "classification-metrics/precision-recall-f1"], ["show", "nope"],
])
def test_plain_text_when_piped(shell, args):
    done = shell(*args)
    assert done.stdout or done.stderr
    assert not ANSI.search(done.stdout) and not ANSI.search(done.stderr)


def test_colour_on_a_terminal(tmp_path):
    """In a pseudo-terminal the same command uses Rich styling (escape codes)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ.pop("NO_COLOR", None)
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"] = "120"
        os.execv(str(SCRIPT), [str(SCRIPT), "show", "classification-metrics", "-s",
                               "In 30 seconds"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert ANSI.search(b"".join(chunks).decode(errors="replace"))


def test_help_paragraphs_are_reflowed_to_the_terminal_width():
    from typer.testing import CliRunner

    from mlinterview.cli import _reflow, app

    text = "Find the cards that answer\na question.\n\n- one item\n- another\n\nExample: x"
    assert _reflow(text) == ("Find the cards that answer a question.\n\n- one item\n- another"
                             "\n\nExample: x")
    # Through the command: no stray short line where the source broke a sentence.
    result = CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "200"})
    assert "key points, answer, follow-ups, exercises and demos" in result.stdout


def test_topics_path_lists_every_prerequisite_before_the_topic(cli):
    cards = all_topics()
    target = max(cards, key=lambda s: len(cards[s].prerequisites))  # the most to read first
    steps = json.loads(cli("topics", "--path", target, "--json").stdout)
    order = [s["slug"] for s in steps]
    assert order[-1] == target and [s["step"] for s in steps] == list(range(1, len(order) + 1))
    for i, slug in enumerate(order):
        assert set(cards[slug].prerequisites) <= set(order[:i])
    table = cli("topics", "--path", target).stdout
    assert f"Study path to {target}: {len(order)} topics" in table
