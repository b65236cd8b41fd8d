"""Levels where people look: ``mlinterview coverage`` (count and levels per topic, and the
exercise bar behind --check-exercises) and ``mlinterview exercise list``."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from mlinterview import coverage, exercises
from mlinterview.cli import app
from mlinterview.coverage import TopicCoverage, exercise_gaps


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def topic(exercise_levels: tuple[str, ...], core: bool) -> TopicCoverage:
    return TopicCoverage(slug="t", area="a", needs=("card",), card=True, lib=1, demo=1,
                         exercise=len(exercise_levels), parity=None,
                         exercise_levels=exercise_levels, core=core)


@pytest.fixture(scope="module")
def levels_by_slug() -> dict[str, list[str]]:
    """Each topic's exercise levels, read straight from the registered folders' meta.yaml."""
    import yaml

    found = defaultdict(list)
    for e in exercises.registry().values():
        meta = yaml.safe_load((e.folder / "meta.yaml").read_text(encoding="utf-8"))
        found[e.slug].append(meta["level"])
    return {slug: sorted(levels, key="EMH".index) for slug, levels in found.items()}


def test_the_count_and_levels_as_text():
    assert topic((), core=False).exercise_text == "0"
    assert topic(("E", "M"), core=True).exercise_text == "2 (E,M)"


def test_a_topic_without_a_card_has_no_exercise_gap_yet():
    unwritten = TopicCoverage(slug="t", area="a", needs=("card", "exercise"), card=False,
                              lib=0, demo=0, exercise=0, parity=None)
    assert exercise_gaps(unwritten) == [] and not unwritten.complete


@pytest.mark.parametrize("levels, core, gap", [
    (("E", "M", "H"), True, None),
    (("E", "E", "M", "H"), True, None),
    (("M", "H"), False, None),
    (("M",), False, "t: exercises 1 (M); a topic needs 2"),
    ((), False, "t: exercises 0; a topic needs 2"),
    (("E", "M"), True, "t: exercises 2 (E,M); a core topic needs 3, one of each level "
                       "E, M, H (missing H)"),
    # Three is not enough for a core topic without a hard one.
    (("E", "M", "M"), True, "(missing H)"),
])
def test_the_exercise_bar(levels, core, gap):
    gaps = exercise_gaps(topic(levels, core))
    if gap is None:
        assert gaps == []
    else:
        assert len(gaps) == 1 and gap in gaps[0]


def test_the_report_counts_levels_per_topic(levels_by_slug):
    for t in coverage.report(parity=False).topics:
        assert list(t.exercise_levels) == levels_by_slug.get(t.slug, [])
        assert t.exercise == len(t.exercise_levels)


def test_coverage_table_shows_count_and_levels(levels_by_slug):
    result = run("coverage")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    for slug, levels in levels_by_slug.items():
        assert f" {len(levels)} ({','.join(levels)}) " in lines[slug], lines[slug]


def test_coverage_json_has_count_and_levels(levels_by_slug):
    data = json.loads(run("coverage", "--json").stdout)
    for t in data["topics"]:
        assert t["exercise_levels"] == levels_by_slug.get(t["slug"], [])
        assert t["exercise_count"] == len(t["exercise_levels"])


def test_the_exercise_bar_is_a_problem_only_behind_its_flag():
    report = coverage.report()
    plain = run("coverage", "--check")
    strict = run("coverage", "--check-exercises")
    assert plain.exit_code == (1 if report.problems else 0)
    gaps = report.exercise_gaps
    if report.problems or gaps:
        assert strict.exit_code == 1
        assert all(gap in strict.stderr for gap in gaps)
    else:
        assert strict.exit_code == 0
    help_text = run("coverage", "--help").stdout.replace("│", " ")
    assert "exercises are still being written" in " ".join(help_text.split())


def test_exercise_list_shows_the_level():
    result = run("exercise", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split()[:3] == ["id", "title", "level"]
    for e in exercises.registry().values():
        line = next(line for line in result.stdout.splitlines() if line.startswith(e.id + " "))
        assert line.split()[-3:] == [e.level, "0", "no"]
    data = json.loads(run("exercise", "list", "--json").stdout)
    assert {d["id"]: d["level"] for d in data} == {
        e.id: e.level for e in exercises.registry().values()}


def test_the_registry_is_ordered_by_topic_then_level(levels_by_slug):
    order = [(e.slug, "EMH".index(e.level)) for e in exercises.registry().values()]
    assert order == sorted(order)
