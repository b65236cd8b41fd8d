"""Numeric quick-check answers of the evaluation cards overfitting, bias-variance,
classification-metrics, imbalanced-data and multilabel, and of the coding card
traversals-search, recomputed from the library.

Each entry is keyed ``"slug/quick-check-id"`` and maps to a zero-argument callable that
computes the number with :mod:`mlinterview.ml` or :mod:`mlinterview.algo` (NumPy only
builds the inputs), so a card whose typed answer drifts from what the code computes fails
the shared content test.
"""

from __future__ import annotations

import numpy as np

from mlinterview.algo.graphs import Graph, bfs
from mlinterview.ml.imbalance import compute_class_weight
from mlinterview.ml.metrics import (
    accuracy_score,
    average_precision_score,
    f1_score,
    hamming_loss,
    jaccard_score,
    mean_squared_error,
    multilabel_precision_recall_fscore_support,
    recall_score,
    roc_auc_score,
)
from mlinterview.ml.model_selection import EarlyStopping, KFold, decompose_predictions
from mlinterview.ml.multilabel import bce_with_logits


def _first_fold_size() -> float:
    """Test-fold size of the first of 5 folds over 23 samples."""
    _, test = next(iter(KFold(5).split(np.zeros((23, 1)))))
    return float(len(test))


def _early_stopping_epoch() -> float:
    """The 0-based epoch at which EarlyStopping(patience=3) stops on the card's losses."""
    stopper = EarlyStopping(patience=3)
    for loss in [0.9, 0.7, 0.72, 0.71, 0.75, 0.74, 0.73]:
        if stopper.step(loss):
            break
    return float(stopper.stopped_epoch)


def _expected_error_from_terms() -> float:
    """bias² 0.02 + variance 0.05 (two models at one point, f = 0) + noise 0.09 (targets
    ±0.3 around f): the expected loss of the decomposition plus the noise MSE."""
    preds = np.sqrt(0.02) + np.array([[np.sqrt(0.05)], [-np.sqrt(0.05)]])
    loss, _, _ = decompose_predictions(preds, [0.0], unbiased=False)
    noise = mean_squared_error(np.array([0.3, -0.3]), np.zeros(2))
    return float(loss + noise)


def _unbiased_bias2() -> float:
    """Ten predictions at one point, mean sqrt(0.3) above f, divide-by-R spread 0.9."""
    a = np.sqrt(0.9)
    preds = (np.sqrt(0.3) + np.array([a] * 5 + [-a] * 5))[:, None]
    return decompose_predictions(preds, [0.0]).bias


def _spam_filter():
    """Labels of the spam filter: 40 flagged (30 spam, 10 not), 20 spam missed, 50 ham
    not flagged; 1 = spam."""
    y_true = np.array([1] * 30 + [0] * 10 + [1] * 20 + [0] * 50)
    y_pred = np.array([1] * 40 + [0] * 70)
    return y_true, y_pred


def _always_negative_accuracy() -> float:
    """Accuracy of "never fraud" on 1% fraud."""
    y_true = np.array([1] * 1 + [0] * 99)
    return accuracy_score(y_true, np.zeros(100, dtype=int))


def _balanced_positive_weight() -> float:
    """class_weight='balanced' of the positive class, 100 positives in 10,000 rows."""
    y = np.array([1] * 100 + [0] * 9_900)
    return float(compute_class_weight("balanced", classes=np.array([0, 1]), y=y)[1])


def _chance_average_precision() -> float:
    """Average precision of a scorer that cannot tell the classes apart (all scores
    tied) at 99 negatives per positive: the positive rate."""
    y = np.array([1] * 10 + [0] * 990)
    return average_precision_score(y, np.full(len(y), 0.5))


def _six_wrong_cells() -> float:
    """Hamming loss of a 4 x 5 prediction with 6 flipped cells."""
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, size=(4, 5))
    y_pred = y_true.copy()
    flat = y_pred.reshape(-1)
    flat[rng.choice(20, size=6, replace=False)] ^= 1
    return hamming_loss(y_true, y_pred)


def _one_sample_jaccard() -> float:
    """Labels (a, b, c, d): true {a, b, c}, predicted {b, c, d}."""
    return jaccard_score(np.array([[1, 1, 1, 0]]), np.array([[0, 1, 1, 1]]),
                         average="samples")


def _empty_prediction_hamming() -> float:
    """1,000 labels, 3 true per sample, nothing predicted (10 samples)."""
    y_true = np.zeros((10, 1000), dtype=int)
    y_true[:, [5, 500, 995]] = 1
    return hamming_loss(y_true, np.zeros_like(y_true))


def _macro_f1_two_labels() -> float:
    """Label A: 90 positives all found; label B: 10 positives, 1 found; no false
    positives; 100 samples."""
    y_true = np.zeros((100, 2), dtype=int)
    y_pred = np.zeros_like(y_true)
    y_true[:90, 0] = y_pred[:90, 0] = 1
    y_true[:10, 1] = 1
    y_pred[:1, 1] = 1
    return float(multilabel_precision_recall_fscore_support(y_true, y_pred,
                                                            average="macro")[2])


def _complete_tree_frontier() -> float:
    """Largest BFS queue on a complete binary tree of 15 nodes (heap numbering)."""
    tree = Graph.from_edges([(i, c) for i in range(7) for c in (2 * i + 1, 2 * i + 2)])
    return float(bfs(tree, 0).max_frontier)


def _hops_a_to_g() -> float:
    """Edges on a shortest path A -> G of the card's directed graph."""
    g = Graph.from_edges([("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "E"),
                          ("B", "F"), ("F", "G"), ("E", "G")])
    return bfs(g, "A", "G").cost


ANSWERS = {
    "overfitting/fold-sizes": _first_fold_size,
    "overfitting/early-epoch": _early_stopping_epoch,
    "bias-variance/sum": _expected_error_from_terms,
    "bias-variance/unbiased-bias": _unbiased_bias2,
    "classification-metrics/recall-value": lambda: recall_score(*_spam_filter()),
    "classification-metrics/f1-value": lambda: f1_score(*_spam_filter()),
    "classification-metrics/paradox": _always_negative_accuracy,
    "imbalanced-data/balanced-weight": _balanced_positive_weight,
    "imbalanced-data/chance-pr-auc": _chance_average_precision,
    "multilabel/hamming-value": _six_wrong_cells,
    "multilabel/jaccard-value": _one_sample_jaccard,
    "multilabel/empty-hamming": _empty_prediction_hamming,
    "multilabel/macro-f1": _macro_f1_two_labels,
    "multilabel/bce-value": lambda: float(bce_with_logits(np.array([2.0, -1.0]),
                                                          np.array([1.0, 0.0]))),
    "traversals-search/tree-frontier": _complete_tree_frontier,
    "traversals-search/shortest-hops": _hops_a_to_g,
    "classification-metrics/auc-pairs": lambda: roc_auc_score(
        [1, 1, 0, 0, 0], [0.9, 0.4, 0.5, 0.3, 0.1]),
}
