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
prerequisites: [bayes-rule]
figure: {demo: classification-metrics, name: pr-curve, caption: "A caption."}
quick_checks:
  - {kind: numeric, prompt: "1 + 1?", answer: 2, explain: "Two."}
  - {kind: choice, prompt: "pick", choices: [a, b], answer: 1, explain: "b."}
  - {kind: exact, prompt: "say c", answer: c, explain: "c."}
  - {kind: numeric, prompt: "2 + 2?", answer: 4, explain: "Four."}
---
## In 30 seconds
Precision is the share of predicted positives that are right; recall the share of real
positives found.
## What the interviewer is probing
Whether you know which error each metric counts.
## The answer
b
## Key points
- c
## Common mistakes
- d
## Follow-up questions
- Why? *(Because.)*
- Reverse a list. *(Walk it once.)*
## In the code
e
## Further reading
- A, *B* (2001).
- C, *D* (2002).
"""


def card(text=GOOD):
    return parse_card(text, Path("classification-metrics.md"))


def test_a_well_formed_card_has_no_problems():
    t = card()
    assert t.sections["The answer"] == "b"
    assert [q.kind for q in t.quick_checks] == ["numeric", "choice", "exact", "numeric"]
    assert check_topic(t) == []


@pytest.mark.parametrize("broken, problem", [
    ("mlinterview.ml.metrics.f1_score", "mlinterview.ml.metrics.no_such_metric"),
    ("demos: [classification-metrics]", "demos: [classification-metrics/nope]"),
    ("exercises: [classification-metrics/precision-recall-f1]", "exercises: [x/y]"),
    ("related: [imbalanced-data]", "related: [not-a-slug]"),
    ("## Key points\n- c\n", ""),
    ("difficulty: E", "difficulty: Z"),
    ("  - {kind: choice, prompt: \"pick\", choices: [a, b], answer: 1, explain: \"b.\"}\n", ""),
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
    (GOOD.replace("answer: 1, explain", "answer: 5, explain"), "choice index"),
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


# Areas added after COVERAGE.md by their own issues (its 51 seed topics are areas A-G).
BEYOND_THE_SEED = {"transformers", "system-design"}


def test_index_lists_exactly_the_slugs_of_coverage_md():
    if not COVERAGE.exists():
        pytest.skip("COVERAGE.md is outside this checkout")
    wanted = set(re.findall(r"^\| ([a-z0-9-]+) \|", COVERAGE.read_text(), re.M)) - {"slug"}
    _, index = topics.load_index()
    assert {s for s, e in index.items() if e.area not in BEYOND_THE_SEED} == wanted


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


# ---------------------------------------------------------------------------------------
# The form of a card (issue 14)
# ---------------------------------------------------------------------------------------

def problems_after(old: str, new: str) -> list[str]:
    text = GOOD.replace(old, new)
    assert text != GOOD, f"{old!r} is not in the card"
    return topics.format_problems(card(text))


def test_the_well_formed_card_has_the_new_parts():
    t = card()
    assert t.headings == topics.SECTIONS and topics.format_problems(t) == []
    assert t.prerequisites == ("bayes-rule",)
    assert t.figure == topics.CardFigure("classification-metrics", "pr-curve", "A caption.")
    assert t.further_reading == ("A, *B* (2001).", "C, *D* (2002).")
    assert [f.answer for f in t.follow_ups] == ["Because.", "Walk it once."]


@pytest.mark.parametrize("old, new, words", [
    ("## In the code\ne\n", "", "missing ['In the code']"),
    ("## Key points", "## Extra\nx\n## Key points", "not a card section ['Extra']"),
    ("## What the interviewer is probing\nWhether you know which error each metric counts.\n",
     "", "missing ['What the interviewer is probing']"),
    ("## Key points\n- c\n## Common mistakes\n- d\n",
     "## Common mistakes\n- d\n## Key points\n- c\n", "expected this order"),
    ("the share of real", "the share " + "very " * 80 + "of real", "has 97 words; at most 90"),
    ("the share of real", "$TP/(TP+FP)$ of real", "not speakable: it contains $"),
    ("the share of real", "`tp / (tp + fp)` of real", "not speakable: it contains `"),
    ("Whether you know", "Whether " + "you " * 70 + "know", "at most 70"),
    ("- Why? *(Because.)*", "- Why?", "1 follow-up question(s) without an answer"),
    ("  - {kind: exact, prompt: \"say c\", answer: c, explain: \"c.\"}\n", "",
     "has 3 quick checks, needs 4"),
    ("explain: \"c.\"", "explain: \"\"", "without an explanation: ['q3']"),
    ("- C, *D* (2002).\n", "", "lists 1 sources; needs 2"),
    ("figure: {demo: classification-metrics, name: pr-curve, caption: \"A caption.\"}\n", "",
     "no figure"),
])
def test_each_rule_of_the_form_is_enforced(old, new, words):
    found = problems_after(old, new)
    assert any(words in p for p in found), found


def test_a_card_without_a_demo_needs_no_figure():
    text = GOOD.replace("demos: [classification-metrics]", "demos: []").replace(
        "figure: {demo: classification-metrics, name: pr-curve, caption: \"A caption.\"}\n", "")
    assert topics.format_problems(card(text)) == []


def test_a_card_without_a_numeric_quick_check_is_reported():
    text = GOOD.replace("kind: numeric", "kind: exact")
    assert "no numeric quick check (a computation)" in topics.format_problems(card(text))


@pytest.mark.parametrize("raw", ["figure: pr-curve", "figure: {demo: a, name: b}",
                                 "figure: {demo: a, name: '', caption: c}"])
def test_a_malformed_figure_is_a_card_error(raw):
    text = GOOD.replace(
        "figure: {demo: classification-metrics, name: pr-curve, caption: \"A caption.\"}", raw)
    with pytest.raises(CardError, match="figure: expected a mapping with demo, name and caption"):
        card(text)


def test_the_figure_must_come_from_one_of_the_cards_demos_and_prerequisites_must_exist():
    text = GOOD.replace("figure: {demo: classification-metrics", "figure: {demo: entropy")
    assert any("is not one of the card's demos" in p for p in check_topic(card(text)))
    text = GOOD.replace("prerequisites: [bayes-rule]",
                        "prerequisites: [nope, classification-metrics]")
    found = check_topic(card(text))
    assert any("prerequisite 'nope' is not in index.yaml" in p for p in found)
    assert any("lists itself as a prerequisite" in p for p in found)


def _graph(edges: dict[str, list[str]]):
    """Stand-in cards with only prerequisites, in the order given."""
    return {slug: type("Card", (), {"prerequisites": tuple(before)})()
            for slug, before in edges.items()}


def test_a_cycle_is_found_and_named():
    assert topics.prerequisite_cycle(_graph({"a": [], "b": ["a"], "c": ["b", "a"]})) is None
    cycle = topics.prerequisite_cycle(_graph({"a": ["c"], "b": ["a"], "c": ["b"], "d": []}))
    assert cycle == ["a", "c", "b", "a"]
    assert topics.prerequisite_cycle(_graph({"a": ["a"]})) == ["a", "a"]


def test_the_study_path_puts_every_prerequisite_first_in_index_order():
    # Worked by hand: e needs d and b; d needs c and a; b needs a; c needs a.
    cards = _graph({"a": [], "b": ["a"], "c": ["a"], "d": ["c", "a"], "e": ["d", "b"]})
    assert topics.study_path("e", cards) == ["a", "b", "c", "d", "e"]
    assert topics.study_path("a", cards) == ["a"]
    assert topics.next_topics("a", cards) == ["b", "c", "d"]
    with pytest.raises(ValueError, match="cycle: a -> b -> a"):
        topics.study_path("a", _graph({"a": ["b"], "b": ["a"]}))


def test_the_real_prerequisites_are_acyclic_and_every_path_ends_at_its_topic():
    cards = all_topics()
    assert topics.prerequisite_cycle(cards) is None
    for slug in cards:
        path = topics.study_path(slug)
        assert path[-1] == slug and len(path) == len(set(path))
        for i, step in enumerate(path):
            assert set(cards[step].prerequisites) <= set(path[:i])


# ---------------------------------------------------------------------------------------
# Design cards (issue 16): the key points are a rubric, each point labelled with its step
# ---------------------------------------------------------------------------------------

RUBRIC = """- **Clarify:** ask what is optimised and under which latency.
- **Metrics:** offline recall@k and online watch time.
- **Data:** labels from implicit feedback.
- **Features:** user and item ids.
- **Model:** two towers for retrieval.
- **Serving:** approximate nearest neighbours.
- **Evaluation:** an A/B test on the online metric.
- **Monitoring:** drift of the inputs.
"""


def design_card(points: str = RUBRIC):
    text = GOOD.replace("area: evaluation", "area: system-design").replace(
        "## Key points\n- c\n", "## Key points\n" + points)
    return parse_card(text, Path("recommender-system.md"))


def test_a_design_cards_key_points_are_its_rubric_without_the_step_labels():
    t = design_card()
    assert t.is_design and topics.format_problems(t) == []
    assert t.rubric[0] == ("Clarify", "ask what is optimised and under which latency.")
    assert [step for step, _ in t.rubric] == ["Clarify", "Metrics", "Data", "Features",
                                              "Model", "Serving", "Evaluation", "Monitoring"]
    assert t.key_points[1] == "offline recall@k and online watch time."
    assert not card().is_design and card().key_points == ("c",)


@pytest.mark.parametrize("points, words", [
    ("\n".join(RUBRIC.splitlines()[:7]) + "\n", "rubric: 7 key points; a design card needs 8-15"),
    (RUBRIC + "- a point with no step.\n", "without a step label, e.g. 'a point with no step.'"),
    (RUBRIC.replace("**Data:**", "**Dataset:**"), "without a step label"),
    ("".join(f"- **Model:** point {i}.\n" for i in range(9)), "covers 1 step(s)"),
    (RUBRIC.replace("**Clarify:**", "**Training:**"), "not grouped in the steps' order"),
])
def test_each_rubric_rule_is_enforced(points, words):
    found = topics.format_problems(design_card(points))
    assert any(words in p for p in found), found


def test_a_step_label_outside_the_framework_stays_part_of_the_point():
    assert topics.rubric_item("**Note:** x") == ("", "**Note:** x")
    assert topics.rubric_item("**Data:** x y") == ("Data", "x y")
