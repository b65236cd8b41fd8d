"""Every card in the repository: parses, links resolve, has its sections and checks, and
its quick checks can be answered right (the stored answer is graded as correct)."""

import pytest

from mlinterview import coverage, topics
from mlinterview.quickchecks import grade
from mlinterview.render import markdown_to_html

CARDS = list(topics.all_topics().values())


def test_no_card_fails_to_parse():
    assert topics.load_errors() == ()


def test_coverage_check_finds_no_problem():
    assert coverage.report().problems == []


@pytest.mark.parametrize("topic", CARDS, ids=lambda t: t.slug)
def test_card_is_valid(topic):
    assert topics.check_topic(topic) == []


@pytest.mark.parametrize("topic", CARDS, ids=lambda t: t.slug)
def test_every_quick_check_accepts_its_own_answer(topic):
    for check in topic.quick_checks:
        assert grade(check, str(check.answer)).correct, f"{topic.slug}/{check.id}: own answer"


@pytest.mark.parametrize("topic", CARDS, ids=lambda t: t.slug)
def test_all_math_renders_to_mathml(topic):
    html = markdown_to_html(topic.body)
    assert "math-error" not in html, f"{topic.slug}: some LaTeX did not convert"
    if "$" in topic.body:
        assert "<math" in html


def test_classification_card_corrects_the_seed_about_precision():
    card = topics.get_topic("classification-metrics")
    mistakes = card.sections["Common mistakes"].lower()
    assert "precision" in mistakes and "tp / (tp + fp)" in mistakes
    assert "confidence" in mistakes and "calibration" in mistakes


def test_classification_metrics_is_complete_and_the_rest_listed():
    report = {t.slug: t for t in coverage.report().topics}
    assert report["classification-metrics"].complete
    _, index = topics.load_index()
    assert set(report) == set(index)
