"""The training-serving demos: helpers on hand-worked cases, and the default runs show
what their summaries claim (the skewed feature alone flagged, the accuracy it costs; the
leaky join's offline AUC not reproduced in shadow, the point-in-time candidate promoted)."""

import numpy as np
import pytest

from mlinterview.demos.system_design.training_serving import (
    FEATURES,
    alert_recall,
    compute_features,
    join_features,
    skew_detection,
)

from .._defaults import at_defaults


def _raw():
    return {"amount": np.array([10.0, 1.0]),
            "daily_counts": np.array([[1, 0, 2, 0, 0, 1, 3], [0, 0, 0, 0, 0, 0, 0]]),
            "account_age": np.array([np.e, 1.0]), "distance": np.array([1.0, np.e ** 2]),
            "hour": np.array([5, 23]), "is_fraud": np.array([1, 0])}


def test_compute_features_hand_worked():
    X = compute_features(_raw())
    np.testing.assert_allclose(X, [[np.log(10), 7, 1, 0, 5], [0, 0, 0, 2, 23]])
    # The window skew keeps only today's count (3); the units skew adds ln 100.
    assert compute_features(_raw(), "window")[:, 1].tolist() == [3, 0]
    np.testing.assert_allclose(compute_features(_raw(), "units")[:, 0],
                               [np.log(1000), np.log(100)])
    unchanged = [k for k in range(len(FEATURES)) if k != 1]
    np.testing.assert_array_equal(compute_features(_raw(), "window")[:, unchanged],
                                  X[:, unchanged])
    with pytest.raises(ValueError, match="skew"):
        compute_features(_raw(), "cents")


def test_alert_recall_hand_worked():
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 1, 0])
    score = np.array([0.9, 0.8, 0.1, 0.7, 0, 0, 0, 0, 0.95, 0])
    # 20% of 10 = 2 alerts: the two highest scores (rows 8 and 0) are both frauds: 2 of 3.
    assert alert_recall(y, score, 0.2) == pytest.approx(2 / 3)
    assert alert_recall(y, score, 0.3) == pytest.approx(2 / 3)     # third alert: row 1
    assert alert_recall(y, score, 1.0) == 1.0


def test_join_features_point_in_time_vs_snapshot():
    # One user; transactions at day 2 (fraud) and day 10. The fraud is confirmed at day 5.
    log = {"user": np.array([0, 0]), "time": np.array([2.0, 10.0]),
           "log_amount": np.array([0.5, -0.5]), "is_fraud": np.array([1, 0]),
           "signal_user": np.array([0, 0]), "signal_time": np.array([0.0, 8.0]),
           "signal_value": np.array([0.1, 0.7]),
           "frauds_user": np.array([0, 0]), "frauds_time": np.array([0.0, 5.0]),
           "frauds_value": np.array([0.0, 1.0])}
    pit = join_features(log, point_in_time=True)
    snap = join_features(log, point_in_time=False)
    np.testing.assert_allclose(pit, [[0.1, 0.0, 0.5], [0.7, np.log(2), -0.5]])
    # The snapshot gives the day-2 fraud its own confirmation (and the day-8 signal).
    np.testing.assert_allclose(snap, [[0.7, np.log(2), 0.5], [0.7, np.log(2), -0.5]])


def _rows(result):
    return {r[0]: dict(zip(result.table.columns, r, strict=True)) for r in result.table.rows}


def test_default_skew_run_flags_only_the_skewed_feature():
    result = at_defaults("training-serving")
    rows = _rows(result)
    assert [name for name, r in rows.items() if r["flagged"]] == ["txn_count_7d"]
    assert rows["txn_count_7d"]["PSI"] > 1.0 and rows["txn_count_7d"]["KS statistic"] > 0.5
    for name, r in rows.items():
        assert r["PSI, same code"] < 0.01                # the population did not change
        if name != "txn_count_7d":
            assert r["PSI"] < 0.01 and r["KS p (Holm)"] > 0.05
    assert "accuracy falls from 0.76" in result.summary
    assert set(result.figures) == {"skew"}


def test_units_skew_keeps_auc_but_breaks_the_threshold():
    result = skew_detection(skew="units")
    assert [n for n, r in _rows(result).items() if r["flagged"]] == ["log_amount"]
    assert "AUC stays" in result.summary and "to 0.3" in result.summary


def test_no_skew_flags_nothing():
    result = skew_detection(skew="none")
    assert not any(r["flagged"] for r in _rows(result).values())
    assert "flags 0 of 5" in result.summary


def test_default_leakage_run_rejects_the_leaky_candidate():
    result = at_defaults("training-serving/leakage")
    rows = list(_rows(result).values())
    prod, honest, leaky = rows
    assert leaky["offline AUC"] > 0.9 > honest["offline AUC"]
    # The leak inflates offline AUC by far more than the honest gain, and it is not
    # reproduced in shadow, where the leaky model is below production.
    assert leaky["offline AUC"] - leaky["shadow AUC"] > 0.15
    assert leaky["shadow AUC"] < prod["shadow AUC"] < honest["shadow AUC"]
    assert honest["offline AUC"] == honest["shadow AUC"]      # same features, same rows
    assert prod["offline AUC"] == prod["shadow AUC"]
    assert leaky["mean score in shadow"] < 0.8 * leaky["mean score offline"]
    assert [r["decision"] for r in rows] == ["in production", "promote (canary next)",
                                             "reject: worse than production"]
    assert "100% of the fraudulent training rows" in result.summary
    assert set(result.figures) == {"leakage"}
