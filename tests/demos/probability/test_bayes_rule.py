"""The bayes-rule demo's table against hand-worked natural frequencies."""

import pytest

from mlinterview.demos import registry

SPEC = registry()["bayes-rule"]


def test_default_numbers_by_hand():
    rows = dict(SPEC.run().result.table.rows)
    # 100,000 people, 1% sick: 1,000 sick, 900 found; 99,000 healthy, 9% flagged = 8,910.
    assert rows["sick people"] == 1000
    assert rows["true positives"] == pytest.approx(900)
    assert rows["false positives"] == pytest.approx(8910)
    assert rows["false negatives"] == pytest.approx(100)
    assert rows["true negatives"] == pytest.approx(90090)
    assert rows["P(disease | positive)"] == pytest.approx(900 / 9810, abs=1e-6)
    assert rows["P(positive test)"] == pytest.approx(9810 / 100_000, abs=1e-6)
    assert rows["P(healthy | negative)"] == pytest.approx(90090 / (90090 + 100), abs=1e-6)
    ppv = 900 / 9810
    second = 0.9 * ppv / (0.9 * ppv + 0.09 * (1 - ppv))
    assert rows["P(disease | two independent positives)"] == pytest.approx(second, abs=1e-6)


def test_a_perfect_specificity_makes_every_positive_sick():
    rows = dict(SPEC.run(specificity=0.9999, prevalence=0.2).result.table.rows)
    assert rows["P(disease | positive)"] > 0.999
