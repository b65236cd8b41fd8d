"""Multi-label metrics and wrappers: hand-worked cases, conventions and bad input."""

import numpy as np
import pytest

from mlinterview.ml import metrics
from mlinterview.ml.multilabel import BinaryRelevance, LabelPowerset
from mlinterview.ml.naive_bayes import GaussianNB

Y = np.array([[1, 0, 1], [0, 1, 0]])
P = np.array([[1, 1, 1], [0, 0, 0]])


def test_hand_worked_example():
    assert metrics.hamming_loss(Y, P) == pytest.approx(2 / 6)   # samples x labels
    assert metrics.subset_accuracy_score(Y, P) == 0.0
    # Row 1: 2/3, row 2: 0/1.
    assert metrics.jaccard_score(Y, P, average="samples") == pytest.approx(1 / 3)
    # Pooled: intersection 2, union 4.
    assert metrics.jaccard_score(Y, P, average="micro") == pytest.approx(0.5)
    p, r, f, _ = metrics.multilabel_precision_recall_fscore_support(Y, P, average="micro")
    assert (p, r, f) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_coverage_and_ranking_loss_by_hand():
    y = np.array([[1, 0, 0, 1]])
    s = np.array([[0.9, 0.8, 0.1, 0.5]])
    # Relevant scores 0.9 and 0.5; labels scoring >= 0.5: three.
    assert metrics.coverage_error(y, s) == 3
    # Pairs (relevant, irrelevant): (0.9,0.8) ok, (0.9,0.1) ok, (0.5,0.8) wrong, (0.5,0.1) ok.
    assert metrics.label_ranking_loss(y, s) == pytest.approx(1 / 4)


def test_zero_division_warns_by_default():
    from mlinterview.ml.exceptions import UndefinedMetricWarning
    with pytest.warns(UndefinedMetricWarning):
        metrics.jaccard_score(np.zeros((2, 2)), np.zeros((2, 2)), average="macro")


@pytest.mark.parametrize("bad, match", [
    (np.array([[0, 2], [1, 0]]), "only 0 and 1"),
    (np.zeros((2, 3)), "same shape"),
])
def test_bad_indicator_input(bad, match):
    with pytest.raises(ValueError, match=match):
        metrics.hamming_loss(np.zeros((2, 2)), bad)


def test_bad_average():
    with pytest.raises(ValueError, match="average"):
        metrics.jaccard_score(Y, P, average="binary")
    with pytest.raises(ValueError, match="average"):
        metrics.jaccard_score([0, 1], [1, 1], average="samples")


def test_wrappers_handle_constant_labels_and_unseen_fit():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 2))
    Yc = np.column_stack([(X[:, 0] > 0), np.ones(50), np.zeros(50)]).astype(int)
    br = BinaryRelevance(GaussianNB()).fit(X, Yc)
    proba = br.predict_proba(X)
    assert np.all(proba[:, 1] == 1) and np.all(proba[:, 2] == 0)
    assert br.score(X, Yc) > 0.9
    lp = LabelPowerset(GaussianNB()).fit(X, Yc)
    # Every predicted row is a label set seen in training.
    seen = {tuple(r) for r in Yc}
    assert {tuple(r) for r in lp.predict(X)} <= seen
    with pytest.raises(ValueError, match="not fitted"):
        BinaryRelevance(GaussianNB()).predict(X)
