"""Multi-label metrics and wrappers against scikit-learn 1.9.1.

Tolerance: the same counts and divisions in float64, so 1e-12 relative.
"""

import re
import warnings

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.multioutput import MultiOutputClassifier
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from mlinterview.ml import metrics
from mlinterview.ml.multilabel import BinaryRelevance, LabelPowerset
from mlinterview.ml.naive_bayes import GaussianNB

RTOL = 1e-12
AVERAGES = [None, "micro", "macro", "weighted", "samples"]


def _case(n, k, density, seed, dtype=int):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, k)) < density).astype(dtype)
    P = np.where(rng.random((n, k)) < 0.25, 1 - Y, Y).astype(dtype)
    return Y, P


CASES = [_case(1, 2, 0.5, 0), _case(30, 4, 0.3, 1), _case(500, 12, 0.1, 2),
         _case(200, 5, 0.5, 3, dtype=bool), _case(100, 3, 0.6, 4, dtype=np.float32)]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_hamming_and_subset_accuracy(case):
    Y, P = CASES[case]
    assert metrics.hamming_loss(Y, P) == pytest.approx(skm.hamming_loss(Y, P), rel=RTOL)
    assert metrics.subset_accuracy_score(Y, P) == pytest.approx(skm.accuracy_score(Y, P),
                                                                rel=RTOL)
    w = np.linspace(0.5, 2, len(Y))
    assert metrics.hamming_loss(Y, P, sample_weight=w) == pytest.approx(
        skm.hamming_loss(Y, P, sample_weight=w), rel=RTOL)
    assert metrics.subset_accuracy_score(Y, P, sample_weight=w, normalize=False) == \
        pytest.approx(skm.accuracy_score(Y, P, sample_weight=w, normalize=False), rel=RTOL)
    if Y.shape[1] > 1:
        # accuracy_score itself gives subset accuracy on indicator matrices, as sklearn's.
        assert metrics.accuracy_score(Y, P) == pytest.approx(skm.accuracy_score(Y, P),
                                                             rel=RTOL)
        assert metrics.accuracy_score(Y, P, sample_weight=w, normalize=False) == \
            pytest.approx(skm.accuracy_score(Y, P, sample_weight=w, normalize=False), rel=RTOL)


@pytest.mark.parametrize("average", AVERAGES)
@pytest.mark.parametrize("zero_division", [0, 1, np.nan])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_jaccard_and_prf(case, average, zero_division):
    Y, P = CASES[case]
    Y = Y.copy()
    Y[:, 0] = 0  # a label never true: exercises the 0/0 conventions
    P[:, 0] = 0 if case % 2 else P[:, 0]
    if not np.isnan(zero_division):  # scikit-learn's jaccard_score takes only 0 or 1
        ours = metrics.jaccard_score(Y, P, average=average, zero_division=zero_division)
        ref = skm.jaccard_score(Y, P, average=average, zero_division=zero_division)
        np.testing.assert_allclose(ours, ref, rtol=RTOL)
    for beta in (0.5, 1.0, 2.0):
        ours = metrics.multilabel_precision_recall_fscore_support(
            Y, P, beta=beta, average=average, zero_division=zero_division)
        ref = skm.precision_recall_fscore_support(Y, P, beta=beta, average=average,
                                                  zero_division=zero_division)
        for a, b in zip(ours[:3], ref[:3], strict=True):
            np.testing.assert_allclose(a, b, rtol=RTOL)
        if average is None:
            np.testing.assert_array_equal(ours[3], ref[3])


def test_weighted_prf_and_jaccard_with_sample_weight():
    Y, P = CASES[2]
    w = np.random.default_rng(0).random(len(Y))
    for average in AVERAGES:
        np.testing.assert_allclose(
            metrics.jaccard_score(Y, P, average=average, sample_weight=w, zero_division=0),
            skm.jaccard_score(Y, P, average=average, sample_weight=w, zero_division=0),
            rtol=RTOL)
        ours = metrics.multilabel_precision_recall_fscore_support(
            Y, P, average=average, sample_weight=w, zero_division=0)
        ref = skm.precision_recall_fscore_support(Y, P, average=average, sample_weight=w,
                                                  zero_division=0)
        for a, b in zip(ours[:3], ref[:3], strict=True):
            np.testing.assert_allclose(a, b, rtol=RTOL)


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted", "binary"])
def test_jaccard_on_class_labels(average):
    rng = np.random.default_rng(5)
    k = 2 if average == "binary" else 4
    y, p = rng.integers(0, k, 300), rng.integers(0, k, 300)
    np.testing.assert_allclose(metrics.jaccard_score(y, p, average=average),
                               skm.jaccard_score(y, p, average=average), rtol=RTOL)
    assert metrics.hamming_loss(y, p) == pytest.approx(skm.hamming_loss(y, p), rel=RTOL)


@pytest.mark.parametrize("seed", range(4))
def test_ranking_loss_and_coverage(seed):
    rng = np.random.default_rng(seed)
    n, k = 80, 2 + 3 * seed
    Y = (rng.random((n, k)) < 0.4).astype(int)
    Y[0] = 0       # no relevant label
    Y[1] = 1       # every label relevant
    S = rng.random((n, k)).round(1)  # rounding makes ties, which count as wrong pairs
    w = rng.random(n)
    assert metrics.label_ranking_loss(Y, S) == pytest.approx(
        skm.label_ranking_loss(Y, S), rel=RTOL)
    assert metrics.coverage_error(Y, S, sample_weight=w) == pytest.approx(
        skm.coverage_error(Y, S, sample_weight=w), rel=RTOL)
    assert metrics.label_ranking_loss(Y, S, sample_weight=w) == pytest.approx(
        skm.label_ranking_loss(Y, S, sample_weight=w), rel=RTOL)


def _multilabel_data(seed=0, n=300, k=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    Y = (X @ rng.normal(size=(3, k)) + rng.normal(size=(n, k)) > 0.3).astype(int)
    return X, Y


def test_binary_relevance_equals_multioutput_classifier():
    X, Y = _multilabel_data()
    ours = BinaryRelevance(GaussianNB()).fit(X, Y)
    ref = MultiOutputClassifier(SkGaussianNB()).fit(X, Y)
    ref_proba = np.column_stack([p[:, 1] for p in ref.predict_proba(X)])
    # Naive Bayes itself matches scikit-learn within 1e-10 (tests/parity/test_naive_bayes.py).
    np.testing.assert_allclose(ours.predict_proba(X), ref_proba, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_label_powerset_equals_multiclass_on_encoded_sets():
    X, Y = _multilabel_data(1)
    ours = LabelPowerset(GaussianNB()).fit(X, Y)
    sets, ids = np.unique(Y, axis=0, return_inverse=True)
    ref = SkGaussianNB().fit(X, ids.ravel())
    np.testing.assert_array_equal(ours.predict(X), sets[ref.predict(X)])
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X) @ sets,
                               rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------------------------------
# precision_score, recall_score, f1_score, fbeta_score, precision_recall_fscore_support on
# indicator matrices (issue 11). Same counts and divisions in float64: rtol 1e-12; the
# warnings each library raised must be the same too.
# ---------------------------------------------------------------------------------------

PRF_NAMES = ["precision_score", "recall_score", "f1_score", "fbeta_score",
             "precision_recall_fscore_support"]


def _run(fn, *args, **kwargs):
    """``(result, warning class names)``, or ``(exception, set())`` if it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except (ValueError, TypeError) as exc:
            return exc, set()
    return result, {w.category.__name__ for w in caught}


def check_both(name, *args, **kwargs):
    """Our ``metrics.<name>`` and scikit-learn's agree (values and warnings), or both raise;
    returns ours."""
    mine, mine_warned = _run(getattr(metrics, name), *args, **kwargs)
    ref, ref_warned = _run(getattr(skm, name), *args, **kwargs)
    if isinstance(ref, Exception):
        assert isinstance(mine, ValueError | TypeError), (name, ref, mine)
        return mine
    assert not isinstance(mine, Exception), (name, mine, ref)
    if name == "classification_report":
        assert mine == ref, f"\n{mine}\n---- scikit-learn ----\n{ref}"
    else:
        for a, b in zip(np.atleast_1d(mine) if np.ndim(mine) == 0 else mine,
                        np.atleast_1d(ref) if np.ndim(ref) == 0 else ref, strict=True):
            if b is None:
                assert a is None
            else:
                np.testing.assert_allclose(a, b, rtol=RTOL, atol=0, equal_nan=True)
    assert mine_warned == ref_warned, (name, mine_warned, ref_warned)
    return mine


def check_prf(Y, P, **kwargs):
    for name in PRF_NAMES:
        extra = {"beta": 0.5} if name == "fbeta_score" else {}
        check_both(name, Y, P, **extra, **kwargs)
    check_both("precision_recall_fscore_support", Y, P, beta=2.0, **kwargs)


def _prf_case(n, k, density, seed, dtype=int):
    """Indicator matrices with the 0/0 edge cases built in where the shape has room: a
    label nobody has nor predicts (last column), a row empty in both, a row with no true
    label, a row with no predicted label."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, k)) < density).astype(int)
    P = np.where(rng.random((n, k)) < 0.3, 1 - Y, Y)
    if k >= 3:
        Y[:, -1] = P[:, -1] = 0
    if n >= 4:
        Y[1] = P[1] = 0
        Y[2], P[2, 0] = 0, 1
        Y[3, 0], P[3] = 1, 0
    return Y.astype(dtype), P.astype(dtype)


PRF_CASES = {
    "1x2": _prf_case(1, 2, 0.5, 0),
    "6x3 sparse": _prf_case(6, 3, 0.1, 1),
    "40x5 dense": _prf_case(40, 5, 0.8, 2),
    "300x12 sparse": _prf_case(300, 12, 0.05, 3),
    "200x4 half": _prf_case(200, 4, 0.5, 4),
    "bool": _prf_case(50, 3, 0.4, 5, dtype=bool),
    "float32": _prf_case(50, 6, 0.3, 6, dtype=np.float32),
    "all zero": (np.zeros((5, 3), int), np.zeros((5, 3), int)),
    "nothing predicted": (np.eye(4, dtype=int), np.zeros((4, 4), int)),
}
ML_AVERAGES = [None, "micro", "macro", "weighted", "samples"]


@pytest.mark.parametrize("zero_division", ["warn", 0, 1, np.nan])
@pytest.mark.parametrize("average", ML_AVERAGES)
@pytest.mark.parametrize("case", list(PRF_CASES))
def test_prf_on_indicator_matrices(case, average, zero_division):
    Y, P = PRF_CASES[case]
    check_prf(Y, P, average=average, zero_division=zero_division)


@pytest.mark.parametrize("average", ML_AVERAGES)
@pytest.mark.parametrize("weights", ["ints with zeros", "floats"])
def test_prf_on_indicator_matrices_with_sample_weight(average, weights):
    Y, P = PRF_CASES["40x5 dense"]
    rng = np.random.default_rng(7)
    # A zero weight makes its sample's counts 0/0 for "samples" (scikit-learn warns).
    w = rng.integers(0, 3, len(Y)) if weights == "ints with zeros" else rng.random(len(Y))
    for zero_division in ("warn", 0, 1, np.nan):
        check_prf(Y, P, average=average, sample_weight=w, zero_division=zero_division)


@pytest.mark.parametrize("labels", [[0], [2, 0], [4, 1, 3], [0, 1, 2, 3, 4]])
@pytest.mark.parametrize("average", ML_AVERAGES)
def test_prf_on_indicator_matrices_with_labels(labels, average):
    # Labels of an indicator matrix are column indices; their order orders the output.
    Y, P = PRF_CASES["40x5 dense"]
    check_prf(Y, P, average=average, labels=labels, zero_division=0)


def test_prf_weighted_average_over_labels_without_support():
    # All supports 0: scikit-learn falls back to the plain mean over labels (not to the
    # zero_division value); jaccard_score does the same.
    Y = np.zeros((4, 3), int)
    P = np.array([[1, 0, 0], [0, 0, 1], [1, 0, 0], [0, 0, 0]])
    for zero_division in (0, 1, np.nan):
        check_prf(Y, P, average="weighted", zero_division=zero_division)
    for zero_division in (0, 1):
        check_both("jaccard_score", Y, P, average="weighted", zero_division=zero_division)


def test_multilabel_report_matches_sklearn():
    Y, P = PRF_CASES["40x5 dense"]
    for zero_division in (0, 1):
        check_both("classification_report", Y, P, zero_division=zero_division)
        check_both("classification_report", Y, P, zero_division=zero_division,
                   output_dict=True, labels=[3, 0], target_names=["d", "a"])


@pytest.mark.parametrize("call, match", [
    # average="binary" (the default of the *_score functions) refuses multi-label input
    (("f1_score", PRF_CASES["6x3 sparse"], {}), "average"),
    (("precision_score", PRF_CASES["6x3 sparse"], {"average": "binary"}), "average"),
    # "samples" needs multi-label input
    (("recall_score", ([0, 1, 1], [0, 1, 0]), {"average": "samples"}), "average"),
    # labels are column indices in [0, n_labels)
    (("f1_score", PRF_CASES["6x3 sparse"], {"average": "macro", "labels": [0, 3]}), "labels"),
    (("f1_score", PRF_CASES["6x3 sparse"], {"average": "macro", "labels": [-1]}), "labels"),
    # the two matrices must have the same number of labels
    (("f1_score", (np.eye(3, dtype=int), np.eye(3, dtype=int)[:, :2]),
      {"average": "micro"}), "y_true and y_pred"),
    # one multi-label and one 1-D
    (("precision_score", (np.eye(3, dtype=int), [0, 1, 2]), {"average": "micro"}),
     "y_pred"),
    (("fbeta_score", PRF_CASES["6x3 sparse"], {"average": "micro", "beta": -1.0}), "beta"),
    (("precision_recall_fscore_support", PRF_CASES["6x3 sparse"],
      {"average": "micro", "sample_weight": np.zeros(6)}), "sample_weight"),
])
def test_prf_multilabel_refusals(call, match):
    name, (Y, P), kwargs = call
    mine = check_both(name, Y, P, **kwargs)
    assert isinstance(mine, ValueError | TypeError) and re.search(match, str(mine)), mine


def test_indicator_of_other_values_is_refused():
    # A deliberate difference: scikit-learn takes any two integers as an indicator
    # ({0, 2} counts 2 as "has the label"); we ask for 0 and 1.
    with pytest.raises(ValueError, match=r"y_pred: expected only 0 and 1.*found 2"):
        metrics.precision_score(np.eye(3, dtype=int), 2 * np.eye(3, dtype=int),
                                average="micro")


@pytest.mark.parametrize("name", ["confusion_matrix", "balanced_accuracy_score",
                                  "matthews_corrcoef"])
def test_other_label_metrics_refuse_multilabel_input_as_sklearn_does(name):
    Y, P = PRF_CASES["6x3 sparse"]
    mine = check_both(name, Y, P)
    assert isinstance(mine, ValueError) and "y_true" in str(mine), mine
    mine = check_both(name, Y[:, 0], P)
    assert isinstance(mine, ValueError) and "y_pred" in str(mine), mine


@pytest.mark.parametrize("case", ["6x3 sparse", "200x4 half", "all zero"])
def test_other_label_metrics_on_multilabel_input_match_sklearn(case):
    Y, P = PRF_CASES[case]
    check_both("accuracy_score", Y, P)
    check_both("hamming_loss", Y, P)
    for average in ML_AVERAGES:
        check_both("jaccard_score", Y, P, average=average, zero_division=0)


def test_log_loss_refuses_multilabel_y_true_by_name():
    # A deliberate difference: scikit-learn sums -log p over the true labels of each row
    # (ignoring the absent ones), which is not the log-likelihood of a multi-label model;
    # we ask for a 1-D y_true instead of returning that number.
    Y, _ = PRF_CASES["6x3 sparse"]
    with pytest.raises(ValueError, match="y_true"):
        metrics.log_loss(Y, np.full(Y.shape, 0.5))
