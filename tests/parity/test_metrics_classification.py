"""Parity of ``mlinterview.ml.metrics`` with scikit-learn 1.9.1.

Every test calls our function and scikit-learn's on the same inputs and compares the
results, and the warnings each raised (by class name: ours are our own classes).
Tolerance: counts and label metrics are ratios of the same integer sums, so they must
agree to ``rtol=1e-12``; score metrics (areas, log loss) sum floats in a different order,
so ``rtol=1e-10, atol=1e-12``. Where a test needs another tolerance it says so.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sklearn.metrics as skm

import mlinterview.ml.metrics as ours

LABEL_RTOL = 1e-12
SCORE_RTOL, SCORE_ATOL = 1e-10, 1e-12


def _call(fn, *args, **kwargs):
    """Result and the set of warning class names raised, or the exception class."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except (ValueError, TypeError) as exc:
            return exc, set()
    return result, {w.category.__name__ for w in caught}


def assert_same(a, b, *, rtol=LABEL_RTOL, atol=0.0):
    """Equal numbers/arrays (NaN equals NaN), recursively through tuples and dicts."""
    if isinstance(b, dict):
        assert isinstance(a, dict) and list(a) == list(b), (list(a), list(b))
        for k in b:
            assert_same(a[k], b[k], rtol=rtol, atol=atol)
    elif isinstance(b, tuple | list):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            assert_same(x, y, rtol=rtol, atol=atol)
    elif b is None:
        assert a is None
    else:
        np.testing.assert_allclose(np.asarray(a, dtype=np.float64),
                                   np.asarray(b, dtype=np.float64),
                                   rtol=rtol, atol=atol, equal_nan=True)
        assert np.shape(a) == np.shape(b)


def check(name, *args, rtol=LABEL_RTOL, atol=0.0, **kwargs):
    """Run ``name`` from both libraries; same result, same warnings, or both raise."""
    mine, mine_warned = _call(getattr(ours, name), *args, **kwargs)
    ref, ref_warned = _call(getattr(skm, name), *args, **kwargs)
    if isinstance(ref, Exception):
        assert isinstance(mine, ValueError | TypeError), (
            f"{name}: scikit-learn raised {ref!r}, we returned {mine!r}")
        return mine
    assert not isinstance(mine, Exception), f"{name}: we raised {mine!r}, sklearn gave {ref!r}"
    assert_same(mine, ref, rtol=rtol, atol=atol)
    assert mine_warned == ref_warned, (name, mine_warned, ref_warned)
    return mine


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

def _labels(n, k, seed, skew=None):
    rng = np.random.default_rng(seed)
    p = None if skew is None else skew / np.sum(skew)
    y = rng.choice(k, size=n, p=p)
    # predictions right 60 % of the time, otherwise uniform: every cell of C is used
    wrong = rng.random(n) < 0.4
    return y, np.where(wrong, rng.integers(0, k, n), y)


BINARY = _labels(200, 2, 0)
MULTI = _labels(300, 5, 1)
IMBALANCED = _labels(500, 3, 2, skew=np.array([90.0, 9, 1]))
LABEL_SETS = {"binary": BINARY, "multiclass": MULTI, "imbalanced": IMBALANCED}

LABEL_METRICS = ["precision_score", "recall_score", "f1_score"]
AVERAGES = ["micro", "macro", "weighted", None]


@pytest.mark.parametrize("data", LABEL_SETS)
def test_confusion_matrix_and_accuracy(data):
    y, p = LABEL_SETS[data]
    check("confusion_matrix", y, p)
    for normalize in ("true", "pred", "all"):
        check("confusion_matrix", y, p, normalize=normalize)
    check("accuracy_score", y, p)
    check("accuracy_score", y, p, normalize=False)
    check("balanced_accuracy_score", y, p)
    check("balanced_accuracy_score", y, p, adjusted=True)
    check("matthews_corrcoef", y, p)


@pytest.mark.parametrize("data", LABEL_SETS)
@pytest.mark.parametrize("metric", LABEL_METRICS)
@pytest.mark.parametrize("average", AVERAGES)
def test_precision_recall_f1_averages(data, metric, average):
    y, p = LABEL_SETS[data]
    check(metric, y, p, average=average)
    check("fbeta_score", y, p, beta=0.5, average=average)
    check("precision_recall_fscore_support", y, p, beta=2.0, average=average)


@pytest.mark.parametrize("metric", LABEL_METRICS)
def test_binary_average_and_pos_label(metric):
    y, p = BINARY
    check(metric, y, p)
    check(metric, y, p, pos_label=0)
    names = np.array(["cat", "dog"])
    check(metric, names[y], names[p], pos_label="cat")
    check(metric, names[y], names[p], pos_label="dog")


@pytest.mark.parametrize("data", LABEL_SETS)
def test_classification_report(data):
    y, p = LABEL_SETS[data]
    mine = ours.classification_report(y, p, digits=4)
    ref = skm.classification_report(y, p, digits=4)
    assert mine == ref
    check("classification_report", y, p, output_dict=True)


def test_log_loss_and_ranking_binary():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 400)
    s = np.clip(0.3 * y + 0.7 * rng.random(400), 0, 1)
    tol = {"rtol": SCORE_RTOL, "atol": SCORE_ATOL}
    check("log_loss", y, s, **tol)
    check("roc_curve", y, s, **tol)
    check("roc_auc_score", y, s, **tol)
    check("precision_recall_curve", y, s, **tol)
    check("average_precision_score", y, s, **tol)
