"""The fraud-detection demo: its helpers on small cases, and the default run shows what its
summary claims (without exploration the loop's recall collapses in some week and the
labelled-only fraud rate is biased low; with exploration the recall holds and the IPW
estimate is near the truth; the cost-optimal threshold beats the F1 threshold in money;
dividing by the label maturity recovers the recent fraud rate)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.fraud_detection import (
    MEAN_AMOUNT,
    recent_cohorts,
    threshold_rows,
)
from mlinterview.ml.design.feedback_loop import simulate_transactions

from .._defaults import at_defaults


def test_mean_amount_is_the_lognormal_mean():
    amounts = simulate_transactions(400_000, random_state=0).amount
    assert amounts.mean() == pytest.approx(MEAN_AMOUNT, rel=0.02)


def test_recent_cohorts_bookkeeping():
    ages, sizes, frauds, observed = recent_cohorts(0.03, np.random.default_rng(1))
    assert len(ages) == 28 and ages[0] == 27.5 and ages[-1] == 0.5
    assert sizes.sum() == 28 * 2000
    assert (observed <= frauds).all()
    # the oldest cohorts are nearly complete, the newest barely started
    assert observed[:7].sum() > 0.9 * frauds[:7].sum()
    assert observed[-1] < 0.3 * frauds[-1]


def test_threshold_rows_rules():
    rng = np.random.default_rng(2)
    val = simulate_transactions(20_000, new_pattern_share=0.5, random_state=rng)
    test = simulate_transactions(20_000, new_pattern_share=0.5, random_state=rng)
    rows = {name: (t, recall, cost) for name, t, recall, cost in
            threshold_rows(val, test, 0.5, 0.03, 10.0)}
    assert rows["closed form c_FP / (c_FP + c_FN)"][0] == pytest.approx(10 / (10 + MEAN_AMOUNT))
    assert rows["default 0.5"][0] == 0.5
    # lower thresholds block more fraud
    assert rows["closed form c_FP / (c_FP + c_FN)"][1] > rows["default 0.5"][1]


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("fraud-detection")


def _rows(result):
    return {row[0]: dict(zip(result.table.columns, row, strict=True))
            for row in result.table.rows}


def test_default_run_feedback_loop_and_exploration(default_run):
    rows = _rows(default_run)
    none = rows["loop, no exploration (labelled-only estimate)"]
    five = rows["loop, exploration ε = 5% (IPW estimate)"]
    two = rows["loop, exploration ε = 2% (IPW estimate)"]
    assert none["recall (worst week)"] < 0.2                 # the model forgets
    assert five["recall (worst week)"] > 0.5 and two["recall (worst week)"] > 0.4
    assert five["recall (mean)"] > none["recall (mean)"] + 0.1
    assert none["fraud-rate estimate"] < 0.02                 # truth is about 0.03
    assert abs(five["fraud-rate estimate"] - 0.03) < 0.005
    assert five["cost per 10,000 transactions ($)"] < none["cost per 10,000 transactions ($)"]
    # the summary names the weeks of the collapse and the recovery the card quotes
    assert "is below 0.1 in weeks 6–8 and is back to 0.84 in week 9" in default_run.summary


def test_default_run_thresholds_in_money(default_run):
    rows = _rows(default_run)
    cost = "cost per 10,000 transactions ($)"
    f1 = rows["calibrated scores, F1-optimal (validation)"]
    star = rows["calibrated scores, closed form c_FP / (c_FP + c_FN)"]
    chosen = rows["calibrated scores, cost-optimal (validation)"]
    amount = rows["calibrated scores, amount-aware: p · amount ≥ (1 − p) · c_FP"]
    assert star[cost] < 0.8 * f1[cost]
    assert abs(chosen["threshold"] - star["threshold"]) < 0.03   # validation finds p*
    assert amount[cost] < star[cost]
    assert "F1-optimal" in default_run.summary and "after dividing" in default_run.summary
