"""The ads-ctr demos: the impression generator on small cases, and the default runs show
what their summaries claim (FM beats hashed LR; down-sampling breaks calibration and the
correction repairs it; a smaller hash table costs NE; the naive delayed label is biased
low and the corrections are not)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.ads_ctr import (
    FIELDS,
    simulate_impressions,
)

from .._defaults import at_defaults


def test_simulate_impressions_shapes_and_determinism():
    X, y, p = simulate_impressions(5000, np.random.default_rng(1))
    assert X.shape == (5000, len(FIELDS)) and y.shape == p.shape == (5000,)
    assert np.all(X.max(axis=0) < list(FIELDS.values())) and X.min() >= 0
    assert set(np.unique(y)) <= {0, 1} and np.all((p > 0) & (p < 1))
    X2, y2, _ = simulate_impressions(5000, np.random.default_rng(1))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    # Zipf-like popularity: the most frequent user is far above the uniform share.
    assert np.bincount(X[:, 0]).max() > 5 * 5000 / FIELDS["user"]
    # The clicks follow the probabilities: the observed rate is the mean probability.
    assert y.mean() == pytest.approx(p.mean(), abs=4 * np.sqrt(p.mean() / 5000))


def test_simulate_impressions_interaction_moves_the_clicks():
    # Without the affinity term the log-odds are additive in the fields; with it, the
    # spread of the true probabilities grows.
    _, _, p0 = simulate_impressions(20_000, np.random.default_rng(0), affinity=0.0)
    _, _, p1 = simulate_impressions(20_000, np.random.default_rng(0), affinity=1.5)
    assert np.std(np.log(p1 / (1 - p1))) > 1.2 * np.std(np.log(p0 / (1 - p0)))


@pytest.fixture(scope="module")
def default_run():
    result = at_defaults("ads-ctr")
    rows = {r[0].strip(): dict(zip(result.table.columns, r, strict=True))
            for r in result.table.rows}
    return result, rows


def test_fm_beats_hashed_logistic_regression(default_run):
    result, rows = default_run
    lr, cross, fm = rows["LR, fields"], rows["LR + user x ad cross"], rows["FM k=2, fields"]
    oracle = rows["true probabilities"]
    assert fm["NE"] < cross["NE"] - 0.03 and cross["NE"] < lr["NE"]
    assert fm["AUC"] > lr["AUC"] + 0.05
    assert oracle["NE"] < fm["NE"] < 1.0
    assert f"NE {fm['NE']:.3f}" in result.summary


def test_downsampling_breaks_calibration_and_the_correction_repairs_it(default_run):
    result, rows = default_run
    raw = rows["LR + cross on 10% of non-clicks, raw"]
    assert f"predicts {raw['calibration ratio']:.1f}x the observed clicks" in result.summary
    fixed, platt = rows["+ correction p/(p+(1-p)/w)"], rows["+ Platt scaling on a later slice"]
    assert raw["calibration ratio"] > 3 and raw["NE"] > 1      # worse than the base rate
    assert abs(fixed["calibration ratio"] - 1) < 0.15 and abs(platt["calibration ratio"] - 1) < 0.1
    # A monotone map: the ranking (AUC) is unchanged.
    assert fixed["AUC"] == raw["AUC"] == platt["AUC"]
    assert fixed["ECE"] < raw["ECE"] / 5


def test_smaller_hash_tables_collide_more_and_cost_ne(default_run):
    result, rows = default_run
    sweep = [rows[f"LR + cross, 2^{b} buckets"] for b in (8, 10, 12, 14, 16)]
    shares = [r["colliding tokens"] for r in sweep]
    assert shares == sorted(shares, reverse=True) and shares[-1] < 0.5 and shares[0] > 0.95
    assert sweep[0]["NE"] > sweep[-1]["NE"] + 0.05
    assert set(result.figures) == {"calibration", "hashing"}


def test_delayed_feedback_default_run():
    result = at_defaults("ads-ctr/delayed-feedback")
    rows = {r[0].split(":")[0].split(";")[0]: r for r in result.table.rows}
    truth = rows["true rate of these clicks"][2]
    assert rows["naive"][3] < -0.15                          # biased low
    assert -0.15 < rows["waiting window"][3] < 0             # less biased, fewer clicks
    assert rows["waiting window"][1] < rows["naive"][1]
    assert abs(rows["inverse-probability weights 1/F(age), known delay"][3]) < 0.05
    assert abs(rows["maximum likelihood (EM)"][3]) < 0.05
    assert truth == pytest.approx(0.1, abs=0.01)
    assert "-27%" in result.summary
