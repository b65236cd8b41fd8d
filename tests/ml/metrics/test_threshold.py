"""Threshold selection: counts against scikit-learn's roc_curve and precision_recall_curve,
each method against a brute force over thresholds, hand-worked values, bad input."""

import numpy as np
import pytest
from sklearn import metrics as skm

from mlinterview.ml import metrics


def _data(n, seed, decimals=None):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.3).astype(int)
    s = np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1)
    return y, (np.round(s, decimals) if decimals is not None else s)


@pytest.mark.parametrize("n, decimals", [(5, None), (200, 1), (1000, 2), (3000, None)])
def test_counts_match_scikit_learn_curves(n, decimals):
    y, s = _data(n, n, decimals)
    y[0], y[1] = 0, 1
    m = metrics.threshold_metrics(y, s)
    fpr, tpr, thr = skm.roc_curve(y, s, drop_intermediate=False)
    np.testing.assert_allclose(m["fpr"], fpr, rtol=1e-12)
    np.testing.assert_allclose(m["recall"], tpr, rtol=1e-12)
    np.testing.assert_array_equal(m["threshold"], thr)
    prec, rec, _ = skm.precision_recall_curve(y, s)
    # scikit-learn lists increasing thresholds and drops the "predict none" point.
    np.testing.assert_allclose(m["precision"][1:][::-1], prec[:-1], rtol=1e-12)
    np.testing.assert_allclose(m["recall"][1:][::-1], rec[:-1], rtol=1e-12)


def _brute(y, s, objective):
    best_t, best_v = None, None
    for t in sorted({*s.tolist(), np.inf}, reverse=True):       # highest first wins ties
        pred = s >= t
        tp, fp = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum())
        fn, tn = int(y.sum()) - tp, int((y == 0).sum()) - fp
        v = objective(tp, fp, fn, tn)
        if v is not None and (best_v is None or v > best_v):
            best_t, best_v = t, v
    return best_t, best_v


@pytest.mark.parametrize("seed", range(4))
def test_every_method_against_brute_force(seed):
    y, s = _data(120, seed, decimals=2)
    P, N = y.sum(), (y == 0).sum()
    cases = {
        ("f_beta", 2.0): lambda tp, fp, fn, tn: 5 * tp / (5 * tp + 4 * fn + fp) if tp + fn + fp
        else 0.0,
        ("youden", None): lambda tp, fp, fn, tn: tp / P - fp / N,
        ("cost", None): lambda tp, fp, fn, tn: -(2.0 * fp + 7.0 * fn),
        ("precision_at", 0.6): lambda tp, fp, fn, tn: (tp / P) if (tp + fp and tp / (tp + fp)
                                                                    >= 0.6) else None,
        ("recall_at", 0.8): lambda tp, fp, fn, tn: ((tp / (tp + fp)) if tp + fp else 1.0)
        if tp / P >= 0.8 else None,
    }
    for (method, param), objective in cases.items():
        kw = {"beta": param} if method == "f_beta" else (
            {"cost_fp": 2.0, "cost_fn": 7.0} if method == "cost" else
            {"target": param} if param is not None else {})
        t, v = metrics.best_threshold(y, s, method=method, **kw)
        bt, bv = _brute(y, s, objective)
        assert t == bt, method
        assert v == pytest.approx(-bv if method == "cost" else bv, rel=1e-12), method


def test_hand_worked_cost_example():
    assert metrics.best_threshold([0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8], method="cost",
                                  cost_fp=1.0, cost_fn=3.0) == (0.35, 1.0)


@pytest.mark.parametrize("kwargs, match", [
    ({"method": "nope"}, "method"),
    ({"method": "precision_at"}, "target"),
    ({"method": "precision_at", "target": 1.5}, "target"),
    ({"method": "f_beta", "beta": 0.0}, "beta"),
    ({"method": "cost", "cost_fp": -1.0}, "cost_fp"),
])
def test_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        metrics.best_threshold([0, 1, 1], [0.1, 0.2, 0.3], **kwargs)


def test_bad_labels_and_scores():
    with pytest.raises(ValueError, match="y_true"):
        metrics.threshold_metrics([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match="y_score"):
        metrics.threshold_metrics([0, 1], [0.1, np.nan])
