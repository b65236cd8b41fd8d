"""The ab-testing demo: its helpers on hand-worked cases, and the default run shows what
its summary claims (peeking inflates false positives, sequential designs keep them near
5% at some cost in power, CUPED cuts the variance by about ρ², a novelty effect inflates
the early estimate)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.ab_testing import (
    cuped_runs,
    novelty_effect,
    novelty_run,
    stopping_day,
)

from .._defaults import at_defaults


def test_stopping_day_hand_worked():
    z = np.array([[0.0, 2.5, 3.0], [0.0, 0.0, 0.0], [-4.0, 0.0, 0.0]])
    assert stopping_day(z, 1.96).tolist() == [2, 3, 1]     # never crossed: the last day
    assert stopping_day(z, [5.0, 2.8, 2.0]).tolist() == [3, 3, 3]


def test_novelty_effect_halves_every_half_life():
    base = novelty_effect(np.array([1e9]), 0.1)[0]           # the long-run lift alone
    boost = novelty_effect(np.array([0.0, 3.0, 6.0]), 0.1) - base
    np.testing.assert_allclose(boost, boost[0] * np.array([1, 0.5, 0.25]))


def test_novelty_run_cumulative_is_the_running_mean_of_daily():
    truth, daily, cumulative = novelty_run(10, 0.1, np.random.default_rng(0))
    np.testing.assert_allclose(cumulative, np.cumsum(daily) / np.arange(1, 11))
    assert truth.shape == daily.shape == (10,)


def test_cuped_runs_without_correlation_changes_little():
    raw, adjusted, reduction = cuped_runs(50, 400, 0.0, 0.1, np.random.default_rng(1))
    assert abs(reduction) < 0.05          # ρ = 0: nothing to remove (estimated θ ≈ 0)
    assert raw.shape == adjusted.shape == (50,)


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("ab-testing")


def _rows(result):
    return {row[0].split(" ")[0].split(",")[0]: dict(zip(result.table.columns, row,
                                                         strict=True))
            for row in result.table.rows}


def test_default_run_peeking_and_sequential_designs(default_run):
    rows = _rows(default_run)
    fp = "false positives (A/A)"
    n = 4000
    slack = 4 * np.sqrt(0.05 * 0.95 / n)          # 4 Monte Carlo standard errors
    assert abs(rows["fixed"][fp] - 0.05) < slack
    assert rows["daily"][fp] > 0.2                 # the headline: 5% becomes 20%+
    assert abs(rows["O'Brien-Fleming-type"][fp] - 0.05) < slack
    assert abs(rows["Pocock-type"][fp] - 0.05) < slack
    assert rows["mSPRT"][fp] < 0.05
    power = "power at the MDE"
    assert abs(rows["fixed"][power] - 0.8) < 4 * np.sqrt(0.16 / n)
    # sequential designs pay in power at the same maximum sample and stop earlier
    assert rows["Pocock-type"][power] < rows["O'Brien-Fleming-type"][power] < \
        rows["fixed"][power]
    assert rows["mSPRT"][power] < rows["Pocock-type"][power]
    day = "mean stopping day (A/B)"
    assert rows["Pocock-type"][day] < rows["O'Brien-Fleming-type"][day] < 28
    assert set(default_run.figures) == {"peeking", "power-curve", "cuped", "novelty"}


def test_default_run_summary_numbers(default_run):
    s = default_run.summary
    assert "57,763 users per arm" in s                 # +5% relative on 10%, 80% power
    # CUPED's variance cut near ρ² = 49%, and a novelty-inflated first week
    cut = float(s.split("cut the estimate's variance by ")[1].split("%")[0])
    assert 40 <= cut <= 58
    ratio = float(s.split("first week's cumulative estimate is ")[1].split(", ")[1]
                  .split("×")[0])
    assert ratio > 2
