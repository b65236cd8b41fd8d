"""Parity of ``mlinterview.ml.metrics`` with scikit-learn 1.9.1.

Every test calls our function and scikit-learn's on the same inputs and compares the
results and the warnings each raised (by class name: ours are our own classes with the
same names). Where scikit-learn raises, we must raise ``ValueError`` or ``TypeError`` too.

Tolerances:
- label metrics (confusion counts and the ratios read off them) use the same integer or
  weighted sums: ``rtol=1e-12``;
- score metrics (curves, areas, log loss) add floats in a different order: ``rtol=1e-10``,
  ``atol=1e-12``;
- float32 inputs: ``rtol=1e-6`` (single precision), stated where used.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mlinterview.ml.metrics as ours

LABEL = {"rtol": 1e-12, "atol": 0.0}
SCORE = {"rtol": 1e-10, "atol": 1e-12}
SINGLE = {"rtol": 1e-6, "atol": 1e-9}


def _call(fn, *args, **kwargs):
    """``(result, warning class names)``; an expected kind of exception is the result."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except (ValueError, TypeError, NotImplementedError) as exc:
            return exc, set()
    return result, {w.category.__name__ for w in caught}


_NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def _split_numbers(text):
    """The text with each decimal number replaced by a mark, and the numbers."""
    return _NUMBER.sub("#", text), [float(x) for x in _NUMBER.findall(text)]


def assert_same(a, b, *, rtol, atol):
    """Equal numbers/arrays of equal shape (NaN equals NaN), through tuples and dicts."""
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
    elif isinstance(b, str):
        # Text reports: the same words and layout; the numbers in them within tolerance
        # (a weighted support printed in full may differ in its last bit).
        words_a, nums_a = _split_numbers(a)
        words_b, nums_b = _split_numbers(b)
        assert words_a == words_b, f"\n{a}\n---- scikit-learn ----\n{b}"
        np.testing.assert_allclose(nums_a, nums_b, rtol=rtol, atol=atol, err_msg=f"\n{a}\n{b}")
    else:
        assert np.shape(a) == np.shape(b), (np.shape(a), np.shape(b))
        np.testing.assert_allclose(np.asarray(a, dtype=np.float64),
                                   np.asarray(b, dtype=np.float64),
                                   rtol=rtol, atol=atol, equal_nan=True)


def check(name, *args, tol=LABEL, **kwargs):
    """Run metric ``name`` from both libraries: same result and warnings, or both raise."""
    mine, mine_warned = _call(getattr(ours, name), *args, **kwargs)
    ref, ref_warned = _call(getattr(skm, name), *args, **kwargs)
    if isinstance(ref, Exception):
        assert isinstance(mine, ValueError | TypeError), (
            f"{name}: scikit-learn raised {ref!r}, we returned {mine!r}")
        return mine
    assert not isinstance(mine, Exception), f"{name}: we raised {mine!r}, sklearn gave {ref!r}"
    assert_same(mine, ref, **tol)
    assert mine_warned == ref_warned, (name, mine_warned, ref_warned)
    return mine


# ---------------------------------------------------------------------------------------
# Label data: random sets and the edge cases the issue names
# ---------------------------------------------------------------------------------------


def _labels(n, k, seed, skew=None):
    rng = np.random.default_rng(seed)
    p = None if skew is None else np.asarray(skew) / np.sum(skew)
    y = rng.choice(k, size=n, p=p)
    # right 60 % of the time, otherwise uniform: every cell of C gets used
    wrong = rng.random(n) < 0.4
    return y, np.where(wrong, rng.integers(0, k, n), y)


ANIMALS = np.array(["ant", "bee", "cat", "dog", "eel"])
RANDOM_SETS = {
    "binary": _labels(200, 2, 0),
    "multiclass": _labels(300, 5, 1),
    "imbalanced": _labels(500, 3, 2, skew=[90.0, 9, 1]),
}
EDGE_SETS = {
    # class 2 is in y_true but never predicted (its precision is 0/0)
    "class never predicted": (np.array([0, 0, 1, 1, 2, 2]), np.array([0, 1, 1, 0, 1, 1])),
    "class only predicted": (np.array([0, 0, 1, 1]), np.array([0, 2, 1, 1])),
    "all predictions one class": (np.array([0, 1, 2, 1, 0]), np.array([1, 1, 1, 1, 1])),
    "binary all predicted 0": (np.array([0, 1, 0, 1, 0]), np.array([0, 0, 0, 0, 0])),
    "single class 1": (np.array([1, 1, 1]), np.array([1, 1, 1])),
    "single class 0": (np.array([0, 0, 0]), np.array([0, 0, 0])),
    "strings": (ANIMALS[[0, 1, 2, 1, 0, 3]], ANIMALS[[0, 2, 2, 1, 3, 3]]),
    "binary strings": (ANIMALS[[0, 1, 0, 1, 1]], ANIMALS[[0, 1, 1, 1, 0]]),
    "object strings": (np.array(["x", "y", "x"], dtype=object),
                       np.array(["y", "y", "x"], dtype=object)),
    "floats": (np.array([0.0, 1, 1, 0, 2]), np.array([0.0, 1, 0, 0, 2])),
    "bools": (np.array([True, False, True, True]), np.array([True, True, False, True])),
    "-1/+1": (np.array([-1, 1, 1, -1]), np.array([-1, -1, 1, 1])),
    "uint8": (np.array([3, 5, 5, 7], np.uint8), np.array([3, 5, 7, 7], np.uint8)),
    "int8 and int64": (np.array([0, 1, 2, 2], np.int8), np.array([0, 2, 2, 1])),
    "lists": ([0, 1, 2, 2, 1], [0, 2, 2, 1, 1]),
}
ALL_SETS = RANDOM_SETS | EDGE_SETS
ZERO_DIVISIONS = ["warn", 0, 1, np.nan]
PRF = ["precision_score", "recall_score", "f1_score"]


def _weights(n):
    """No weights, integer weights and float weights for ``n`` samples."""
    return [None, np.arange(1, n + 1), np.linspace(0.1, 2.0, n)]


@pytest.mark.parametrize("data", ALL_SETS)
def test_confusion_matrix_accuracy_mcc(data):
    y, p = ALL_SETS[data]
    for w in _weights(len(y)):
        for normalize in (None, "true", "pred", "all"):
            check("confusion_matrix", y, p, sample_weight=w, normalize=normalize)
        check("accuracy_score", y, p, sample_weight=w)
        check("accuracy_score", y, p, sample_weight=w, normalize=False)
        check("balanced_accuracy_score", y, p, sample_weight=w)
        check("balanced_accuracy_score", y, p, sample_weight=w, adjusted=True)
        check("matthews_corrcoef", y, p, sample_weight=w)


def test_confusion_matrix_dtype_follows_the_weights():
    y, p = RANDOM_SETS["multiclass"]
    for w in (None, np.ones(len(y), np.int32), np.ones(len(y), bool), np.ones(len(y))):
        mine = ours.confusion_matrix(y, p, sample_weight=w)
        ref = skm.confusion_matrix(y, p, sample_weight=w)
        assert mine.dtype.kind == ref.dtype.kind
        np.testing.assert_array_equal(mine, ref)


@pytest.mark.parametrize("data", ALL_SETS)
@pytest.mark.parametrize("average", ["binary", "micro", "macro", "weighted", None])
def test_precision_recall_fbeta(data, average):
    """Every average x zero_division x weighting, including the warnings."""
    y, p = ALL_SETS[data]
    for w in _weights(len(y)):
        for zd in ZERO_DIVISIONS:
            kw = {"average": average, "sample_weight": w, "zero_division": zd}
            for metric in PRF:
                check(metric, y, p, **kw)
            check("fbeta_score", y, p, beta=0.5, **kw)
            check("precision_recall_fscore_support", y, p, beta=2.0, **kw)


@pytest.mark.parametrize("beta", [0.0, 0.3, 1.0, 3.0, np.inf])
def test_fbeta_beta_limits(beta):
    y, p = RANDOM_SETS["imbalanced"]
    for average in ("micro", "macro", "weighted", None):
        check("fbeta_score", y, p, beta=beta, average=average)
        check("precision_recall_fscore_support", y, p, beta=beta, average=average)


@pytest.mark.parametrize("metric", PRF)
def test_pos_label(metric):
    y, p = RANDOM_SETS["binary"]
    names = ANIMALS[:2]
    for pos in (0, 1):
        check(metric, y, p, pos_label=pos)
        check(metric, 2 * y - 1, 2 * p - 1, pos_label=2 * pos - 1)
        check(metric, names[y], names[p], pos_label=names[pos])
    # pos_label is ignored (with a warning) when average != "binary"
    check(metric, y, p, pos_label=0, average="macro")
    check(metric, y, p, pos_label=1, average="micro")
    # not among the two classes; a string label for numbers; the default 1 for strings
    check(metric, y, p, pos_label=5)
    check(metric, y, p, pos_label="1")
    check(metric, names[y], names[p])
    # a single class present: pos_label may be absent
    check(metric, [2, 2, 2], [2, 2, 2])
    check(metric, [2, 2, 2], [2, 2, 2], pos_label=2)


def _label_subsets(y, p):
    present = np.unique(np.r_[np.asarray(y), np.asarray(p)])
    if present.dtype.kind == "b":
        return [present[::-1], present[:1]]
    absent = present.max() + 7 if present.dtype.kind in "iuf" else "zzz"
    return [present[::-1], present[:1], present[-2:], np.append(present[:1], absent)]


@pytest.mark.parametrize("data", ["multiclass", "class never predicted", "strings",
                                  "floats", "bools", "-1/+1"])
def test_labels_argument(data):
    """Reordered, partial and absent ``labels``: rows, averages and the report follow."""
    y, p = ALL_SETS[data]
    for labels in _label_subsets(y, p):
        check("confusion_matrix", y, p, labels=labels)
        for average in ("micro", "macro", "weighted", None):
            check("precision_recall_fscore_support", y, p, labels=labels, average=average)
            check("f1_score", y, p, labels=labels, average=average, zero_division=np.nan)
        check("classification_report", y, p, labels=labels, output_dict=True)
        check("classification_report", y, p, labels=labels, digits=3)
    # only a label that never occurs: refused by both
    check("confusion_matrix", y, p, labels=_label_subsets(y, p)[-1][1:])


@pytest.mark.parametrize("data", ALL_SETS)
def test_classification_report(data):
    y, p = ALL_SETS[data]
    for w in _weights(len(y)):
        for zd in ZERO_DIVISIONS:
            check("classification_report", y, p, sample_weight=w, zero_division=zd)
            check("classification_report", y, p, sample_weight=w, zero_division=zd,
                  output_dict=True)
    check("classification_report", y, p, digits=5)
    check("classification_report", y, p, digits=0)


def test_classification_report_target_names():
    y, p = [0, 1, 1, 2], [0, 2, 1, 2]
    check("classification_report", y, p, target_names=["zero", "one", "a long class name"])
    check("classification_report", y, p, target_names=["zero", "one"])  # too few: raises
    check("classification_report", y, p, labels=[0, 1], target_names=["a", "b", "c"])
    check("classification_report", y, p, labels=[0, 1, 2], target_names=["a", "b"])
    check("classification_report", y, p, labels=[0, 1], target_names=["a", "b"],
          output_dict=True)


# ---------------------------------------------------------------------------------------
# Log loss
# ---------------------------------------------------------------------------------------


def _proba(n, k, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    P = rng.random((n, k)) ** 3  # some probabilities near 0
    return (P / P.sum(axis=1, keepdims=True)).astype(dtype)


@pytest.mark.parametrize("k", [2, 3, 6])
def test_log_loss(k):
    rng = np.random.default_rng(k)
    y = rng.integers(0, k, 120)
    P = _proba(120, k, k)
    for w in _weights(len(y)):
        check("log_loss", y, P, sample_weight=w, tol=SCORE)
        check("log_loss", y, P, sample_weight=w, normalize=False, tol=SCORE)
        check("log_loss", y, P, sample_weight=w, labels=np.arange(k), tol=SCORE)
    check("log_loss", y, P.astype(np.float32), tol=SINGLE)
    check("log_loss", list(y), P.tolist(), tol=SCORE)
    check("log_loss", ANIMALS[:k][y] if k <= 4 else y, P, tol=SCORE)
    # confident and exactly right / exactly wrong: the clipping decides the value
    check("log_loss", y, np.eye(k)[y], tol=SCORE)
    check("log_loss", y, np.eye(k)[(y + 1) % k], tol=SCORE)
    # labels out of order warn; rows not summing to one warn; a missing column raises
    check("log_loss", y, P, labels=np.arange(k)[::-1], tol=SCORE)
    check("log_loss", y, P * 1.5 / (P * 1.5).max(), tol=SCORE)
    check("log_loss", y, P[:, :-1], tol=SCORE)


def test_log_loss_binary_forms():
    y = np.array([0, 1, 1, 0, 1])
    s = np.array([0.1, 0.9, 0.6, 0.4, 0.99])
    check("log_loss", y, s, tol=SCORE)                      # 1-D: P(larger label)
    check("log_loss", y, s[:, None], tol=SCORE)             # one column
    check("log_loss", y, np.c_[1 - s, s], tol=SCORE)        # two columns
    check("log_loss", ["no", "yes", "yes", "no", "yes"], s, tol=SCORE)
    check("log_loss", [1, 1, 1], [0.9, 0.8, 0.7], tol=SCORE)               # one class: raises
    check("log_loss", [1, 1, 1], [0.9, 0.8, 0.7], labels=[0, 1], tol=SCORE)
    check("log_loss", [0, 1, 2], [0.9, 0.8, 0.7], labels=[0, 1], tol=SCORE)  # 2 not in labels
    check("log_loss", [0, 1, 1], [1.2, 0.2, 0.3], tol=SCORE)  # > 1 raises
    check("log_loss", [0, 1, 1], [-0.2, 0.2, 0.3], tol=SCORE)  # < 0 raises


# ---------------------------------------------------------------------------------------
# Curves and areas from scores
# ---------------------------------------------------------------------------------------


def _scores(n, seed, ties):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    s = np.clip(0.35 * y + 0.65 * rng.random(n), 0, 1)
    if ties:
        s = np.round(s * 5) / 5  # only six distinct values: long runs of ties
    return y, s


@pytest.mark.parametrize("n", [1, 2, 7, 60, 500])
@pytest.mark.parametrize("ties", [False, True])
def test_binary_curves_and_areas(n, ties):
    y, s = _scores(n, n, ties)
    rng = np.random.default_rng(n + 1)
    for w in [None, rng.random(n), rng.integers(0, 3, n)]:
        for drop in (True, False):
            check("roc_curve", y, s, sample_weight=w, drop_intermediate=drop, tol=SCORE)
            check("precision_recall_curve", y, s, sample_weight=w, drop_intermediate=drop,
                  tol=SCORE)
        check("roc_auc_score", y, s, sample_weight=w, tol=SCORE)
        for max_fpr in (0.05, 0.3, 0.5, 1.0):
            check("roc_auc_score", y, s, sample_weight=w, max_fpr=max_fpr, tol=SCORE)
        check("average_precision_score", y, s, sample_weight=w, tol=SCORE)
        check("average_precision_score", y, s, sample_weight=w, pos_label=0, tol=SCORE)


def test_curves_label_kinds_and_pos_label():
    y, s = _scores(80, 3, ties=True)
    names = np.array(["neg", "pos"])
    for labels in (y, 2 * y - 1, y.astype(bool), y.astype(float), y.astype(np.uint8)):
        check("roc_curve", labels, s, tol=SCORE)
        check("precision_recall_curve", labels, s, tol=SCORE)
        check("roc_auc_score", labels, s, tol=SCORE)
    check("roc_curve", list(y), list(s), tol=SCORE)
    check("roc_curve", y, s.astype(np.float32), tol=SINGLE)
    check("roc_curve", y, (s * 10).astype(np.int64), tol=SCORE)  # integer scores
    check("roc_curve", names[y], s, pos_label="pos", tol=SCORE)
    check("roc_curve", names[y], s, tol=SCORE)  # no pos_label for strings: raises
    check("precision_recall_curve", names[y], s, pos_label="neg", tol=SCORE)
    check("average_precision_score", names[y], s, pos_label="pos", tol=SCORE)
    check("average_precision_score", names[y], s, pos_label="cat", tol=SCORE)  # raises
    check("roc_auc_score", names[y], s, tol=SCORE)
    check("roc_curve", [0, 1, 2], [0.2, 0.8, 0.3], tol=SCORE)  # multiclass: raises
    check("roc_curve", [0, 1, 2], [0.2, 0.8, 0.3], pos_label=2, tol=SCORE)


def test_curves_one_class_only():
    s = np.array([0.2, 0.6, 0.6, 0.9])
    for y in ([1, 1, 1, 1], [0, 0, 0, 0]):
        check("roc_curve", y, s, tol=SCORE)
        check("precision_recall_curve", y, s, tol=SCORE)
        check("roc_auc_score", y, s, tol=SCORE)
        check("average_precision_score", y, s, tol=SCORE)
    check("roc_auc_score", [0, 1, 1], [0.2, 0.3, 0.6], average="samples", tol=SCORE)
    check("roc_auc_score", [0, 1, 1], [[0.8, 0.2], [0.7, 0.3], [0.4, 0.6]], tol=SCORE)


@pytest.mark.parametrize("k", [3, 4])
@pytest.mark.parametrize("weighted", [False, True])
def test_multiclass_roc_auc_and_ap(k, weighted):
    rng = np.random.default_rng(k)
    n = 150
    y = rng.integers(0, k, n)
    P = _proba(n, k, k + 10)
    P[np.arange(n), y] += 0.5  # informative scores
    P /= P.sum(axis=1, keepdims=True)
    w = rng.random(n) if weighted else None
    for multi_class in ("ovr", "ovo", "raise"):
        for average in ("macro", "weighted", "micro", "samples", None):
            check("roc_auc_score", y, P, multi_class=multi_class, average=average,
                  sample_weight=w, tol=SCORE)
    check("roc_auc_score", y, P, multi_class="ovr", labels=np.arange(k), tol=SCORE)
    check("roc_auc_score", y, P, multi_class="ovr", labels=np.arange(k)[::-1], tol=SCORE)
    check("roc_auc_score", y, P, multi_class="ovr", max_fpr=0.5, tol=SCORE)
    check("roc_auc_score", y, P * 2, multi_class="ovr", tol=SCORE)  # not probabilities
    check("roc_auc_score", y, P[:, :2], multi_class="ovr", tol=SCORE)  # too few columns
    check("roc_auc_score", ANIMALS[:k][y], P, multi_class="ovo", tol=SCORE)
    check("roc_auc_score", ANIMALS[:k][y], P, multi_class="ovr", average=None, tol=SCORE)
    # a class absent from y_true, declared through labels
    y_missing = np.where(y == k - 1, 0, y)
    check("roc_auc_score", y_missing, P, multi_class="ovr", labels=np.arange(k), tol=SCORE)
    for average in ("macro", "weighted", "micro", "samples", None):
        check("average_precision_score", y, P, average=average, sample_weight=w, tol=SCORE)
    check("average_precision_score", y, P, pos_label=2, tol=SCORE)  # raises


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_multilabel_indicator_areas(seed):
    rng = np.random.default_rng(seed)
    n, k = 40, 4
    Y = rng.integers(0, 2, (n, k))
    Y[:, 3] = 0 if seed == 1 else Y[:, 3]  # a label with no positives
    S = np.clip(0.4 * Y + 0.6 * rng.random((n, k)), 0, 1)
    for w in (None, rng.random(n)):
        for average in ("macro", "weighted", "micro", "samples", None):
            check("roc_auc_score", Y, S, average=average, sample_weight=w, tol=SCORE)
            check("average_precision_score", Y, S, average=average, sample_weight=w,
                  tol=SCORE)
    check("roc_auc_score", np.zeros((3, 3), int), rng.random((3, 3)), average="weighted",
          tol=SCORE)


def test_auc_function():
    x = np.array([0.0, 0.1, 0.4, 0.4, 1.0])
    y = np.array([0.0, 0.5, 0.6, 0.8, 1.0])
    check("auc", x, y, tol=SCORE)
    check("auc", x[::-1], y[::-1], tol=SCORE)
    check("auc", [0.0, 0.5, 0.2], [1.0, 1.0, 1.0], tol=SCORE)  # not monotonic: raises
    check("auc", [0.0], [1.0], tol=SCORE)  # one point: raises


# ---------------------------------------------------------------------------------------
# Inputs both libraries refuse
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    ("f1_score", [0, 1], [0, 1, 1], {}),
    ("f1_score", [], [], {"average": "macro"}),
    ("f1_score", [0, 1, 2], [0, 1, 2], {}),  # multiclass with average="binary"
    ("f1_score", [0, 1, 1], [0, 1, 1], {"average": "mean"}),
    ("f1_score", [0, 1, 1], [0, 1, 1], {"zero_division": 2}),
    ("f1_score", [0, 1, 1], [0, 1, 1], {"zero_division": "nan"}),
    ("f1_score", [0, 1, 1], [0.5, 1, 1], {}),  # continuous predictions
    ("f1_score", [0, 1, 1], ["0", "1", "1"], {}),  # strings mixed with numbers
    ("fbeta_score", [0, 1, 1], [0, 1, 1], {"beta": -1.0}),
    ("accuracy_score", [0, 1, 1], [0, 1, 1], {"sample_weight": [0, 0, 0]}),
    ("accuracy_score", [0, 1, 1], [0, 1, 1], {"sample_weight": [1, 1]}),
    ("confusion_matrix", [0, 1, 1], [0, 1, 0], {"labels": [5, 6]}),
    ("confusion_matrix", [0, 1, 1], [0, 1, 0], {"normalize": "rows"}),
    ("matthews_corrcoef", [0, 1, np.nan], [0, 1, 1], {}),
    ("roc_auc_score", [0, 1, 1], [0.2, 0.8, np.nan], {}),
    ("roc_auc_score", [0, 1, 1], [0.2, 0.8, np.inf], {}),
    ("roc_auc_score", [0, 1, 1], [0.2, 0.8, 0.1], {"max_fpr": 0.0}),
    ("roc_auc_score", [0, 1, 1], [0.2, 0.8, 0.1], {"average": "median"}),
    ("roc_auc_score", [0, 1, 2], [[0.2, 0.8, 0], [0.5, 0.5, 0], [0, 0, 1.0]],
     {"multi_class": "ova"}),
    ("roc_auc_score", [0, 1, 2], [[0.2, 0.8, 0], [0.5, 0.5, 0], [0, 0, 1.0]],
     {"multi_class": "ovo", "average": None}),
    ("roc_curve", [0, 1, 1], [0.2, 0.8], {}),
    ("roc_curve", [0, 1, 1], [0.2, 0.8, 0.5], {"sample_weight": [0.0, 0.0, 0.0]}),
    ("precision_recall_curve", [0, 1, 1], [0.2, np.nan, 0.5], {}),
    ("log_loss", [0, 1, 1], [0.2, 0.8, np.nan], {}),
])
def test_both_refuse(call):
    name, y, s, kwargs = call
    mine = check(name, y, s, tol=SCORE, **kwargs)
    assert isinstance(mine, ValueError | TypeError), mine


# ---------------------------------------------------------------------------------------
# Generated inputs
# ---------------------------------------------------------------------------------------

FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def label_pairs(draw):
    """Two label vectors over up to 5 classes, and maybe weights; small, ragged cases."""
    n = draw(st.integers(1, 30))
    k = draw(st.integers(1, 5))
    ints = st.lists(st.integers(0, k - 1), min_size=n, max_size=n)
    y, p = np.array(draw(ints)), np.array(draw(ints))
    w = draw(st.one_of(st.none(), st.lists(st.integers(1, 4), min_size=n, max_size=n),
                       st.lists(st.floats(0.05, 3.0), min_size=n, max_size=n)))
    if draw(st.booleans()):
        y, p = ANIMALS[y], ANIMALS[p]
    return y, p, None if w is None else np.array(w)


@FAST
@given(label_pairs(), st.sampled_from(["binary", "micro", "macro", "weighted", None]),
       st.sampled_from(ZERO_DIVISIONS))
def test_generated_label_metrics(data, average, zero_division):
    y, p, w = data
    check("confusion_matrix", y, p, sample_weight=w)
    check("accuracy_score", y, p, sample_weight=w)
    check("balanced_accuracy_score", y, p, sample_weight=w)
    check("matthews_corrcoef", y, p, sample_weight=w, tol={"rtol": 1e-10, "atol": 1e-12})
    check("precision_recall_fscore_support", y, p, average=average, sample_weight=w,
          zero_division=zero_division, pos_label=np.asarray(y)[0])
    check("classification_report", y, p, sample_weight=w, zero_division=zero_division)


@st.composite
def scored(draw):
    """Binary labels with scores drawn from a few levels (many ties) or freely."""
    n = draw(st.integers(1, 40))
    y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    levels = draw(st.sampled_from([3, 10, 10**6]))
    s = np.array(draw(st.lists(st.integers(0, levels), min_size=n, max_size=n))) / levels
    w = draw(st.one_of(st.none(), st.lists(st.floats(0.1, 3.0), min_size=n, max_size=n)))
    return y, s, None if w is None else np.array(w)


@FAST
@given(scored(), st.booleans())
def test_generated_score_metrics(data, drop):
    y, s, w = data
    check("roc_curve", y, s, sample_weight=w, drop_intermediate=drop, tol=SCORE)
    check("precision_recall_curve", y, s, sample_weight=w, drop_intermediate=drop, tol=SCORE)
    check("roc_auc_score", y, s, sample_weight=w, tol=SCORE)
    check("roc_auc_score", y, s, sample_weight=w, max_fpr=0.4, tol=SCORE)
    check("average_precision_score", y, s, sample_weight=w, tol=SCORE)
    check("log_loss", y, s, sample_weight=w, labels=[0, 1], tol=SCORE)
