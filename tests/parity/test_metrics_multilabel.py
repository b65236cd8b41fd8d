"""Multi-label metrics and wrappers against scikit-learn.

Tolerance: the same counts and divisions in float64, so 1e-12 relative.
"""

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
