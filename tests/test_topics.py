"""The topic registry: parsing cards, finding problems in them, looking slugs up."""

import re
from pathlib import Path

import pytest

from mlinterview import topics
from mlinterview.topics import (
    CardError,
    UnknownTopicError,
    all_topics,
    check_topic,
    parse_card,
)

COVERAGE = Path(__file__).resolve().parents[2] / "shared" / "design" / "COVERAGE.md"

GOOD = """---
slug: classification-metrics
title: T
area: evaluation
question: Q?
difficulty: E
library: [mlinterview.ml.metrics.f1_score]
demos: [classification-metrics]
exercises: [classification-metrics/precision-recall-f1]
related: [imbalanced-data]
quick_checks:
  - {kind: numeric, prompt: "1 + 1?", answer: 2}
  - {kind: choice, prompt: "pick", choices: [a, b], answer: 1}
---
## In 30 seconds
a
## The answer
b
## Key points
c
## Common mistakes
d
## Follow-up questions
e
"""


def card(text=GOOD):
    return parse_card(text, Path("classification-metrics.md"))


def test_a_well_formed_card_has_no_problems():
    t = card()
    assert t.sections["The answer"] == "b"
    assert [q.kind for q in t.quick_checks] == ["numeric", "choice"]
    assert check_topic(t) == []


@pytest.mark.parametrize("broken, problem", [
    ("mlinterview.ml.metrics.f1_score", "mlinterview.ml.metrics.no_such_metric"),
    ("demos: [classification-metrics]", "demos: [classification-metrics/nope]"),
    ("exercises: [classification-metrics/precision-recall-f1]", "exercises: [x/y]"),
    ("related: [imbalanced-data]", "related: [not-a-slug]"),
    ("## Key points\nc\n", ""),
    ("difficulty: E", "difficulty: Z"),
    ("  - {kind: choice, prompt: \"pick\", choices: [a, b], answer: 1}\n", ""),
    ("library: [mlinterview.ml.metrics.f1_score]", "library: [os.path.join]"),
])
def test_each_broken_link_or_part_is_reported(broken, problem):
    text = GOOD.replace(broken, problem)
    assert text != GOOD
    assert check_topic(card(text)), f"no problem reported after replacing {broken!r}"


@pytest.mark.parametrize("text, message", [
    ("no front matter", "front matter"),
    ("---\n: [\n---\nbody", "not valid YAML"),
    ("---\nslug: x\n---\nbody", "lacks 'title'"),
    (GOOD.replace("kind: numeric", "kind: essay"), "kind must be one of"),
    (GOOD.replace("answer: 1}", "answer: 5}"), "choice index"),
])
def test_malformed_cards_raise_card_error(text, message):
    with pytest.raises(CardError, match=message):
        card(text)


def test_unknown_slug_suggests_close_ones():
    with pytest.raises(UnknownTopicError) as info:
        topics.get_topic("clasification-metrics")
    assert "classification-metrics" in info.value.suggestions


def test_a_listed_slug_without_a_card_says_so(hidden_card):
    with pytest.raises(UnknownTopicError, match="no card yet"):
        topics.get_topic(hidden_card)


def test_index_lists_exactly_the_slugs_of_coverage_md():
    if not COVERAGE.exists():
        pytest.skip("COVERAGE.md is outside this checkout")
    wanted = set(re.findall(r"^\| ([a-z0-9-]+) \|", COVERAGE.read_text(), re.M)) - {"slug"}
    _, index = topics.load_index()
    assert set(index) == wanted


def test_resolve_symbol_handles_modules_and_members():
    assert topics.resolve_symbol("mlinterview.ml.metrics").__name__ == "mlinterview.ml.metrics"
    assert callable(topics.resolve_symbol("mlinterview.ml.metrics.f1_score"))
    with pytest.raises(ImportError):
        topics.resolve_symbol("mlinterview.ml.metrics.nope")


def test_bullets_join_continuation_lines_and_keep_nested_items_in_their_parent():
    from mlinterview.topics import bullets

    text = "Intro line.\n\n- first item\n  goes on here\n- second\n  - nested one\n* third\n"
    assert bullets(text) == ("first item goes on here", "second - nested one", "third")
    assert bullets("no list at all") == ()


@pytest.mark.parametrize("item, question, answer", [
    ("Why? *(Because.)*", "Why?", "Because."),
    ("How do you pick `ccp_alpha`? (Cross-validate (over the path).)", "How do you pick "
     "`ccp_alpha`?", "Cross-validate (over the path)."),
    ("Why no scaling (for trees)?", "Why no scaling (for trees)?", ""),
    ("What about f(x) = (a)?", "What about f(x) = (a)?", ""),
])
def test_a_follow_up_splits_into_question_and_answer(item, question, answer):
    from mlinterview.topics import FollowUp

    assert FollowUp.parse(item) == FollowUp(question, answer)


def test_every_card_has_the_parts_practice_needs():
    for topic in all_topics().values():
        assert len(topic.key_points) >= 3, topic.slug
        assert topic.common_mistakes and topic.follow_ups and topic.short_answer, topic.slug
