"""Suggested ticks on hand-worked answers (the measured figures are in make bench)."""

from __future__ import annotations

import pytest

from mlinterview.practice.suggest import suggest, terms
from mlinterview.topics import get_topic

POINTS = get_topic("classification-metrics").key_points


def test_an_answer_that_restates_a_point_covers_it_and_an_unrelated_one_covers_nothing():
    assert 1 in suggest(POINTS[1], POINTS)
    assert suggest("I would bake a cake with flour and eggs.", POINTS) == []
    assert suggest("", POINTS) == []


def test_spelling_variants_and_word_forms_meet():
    assert terms("Regularisation") == terms("regularization")
    assert terms("overfitting") == terms("overfits")


def test_the_answer_must_be_text():
    with pytest.raises(TypeError, match="answer"):
        suggest(None, POINTS)
