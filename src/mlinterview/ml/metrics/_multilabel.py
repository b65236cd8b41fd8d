"""Multi-label metrics: each sample carries a *set* of labels, stored as a 0/1 indicator
matrix ``Y`` of shape ``(n_samples, n_labels)`` (``Y[i, j] = 1`` when sample ``i`` has
label ``j``).

- :func:`hamming_loss`: the share of wrong cells, over samples x labels;
- :func:`subset_accuracy_score`: the share of samples whose whole label set is right;
- :func:`jaccard_score`: intersection over union, per label or per sample;
- :func:`multilabel_precision_recall_fscore_support`: precision, recall and F-beta with
  the ``micro``, ``macro``, ``weighted`` and ``samples`` averages;
- :func:`label_ranking_loss`, :func:`coverage_error`: how well scores rank the labels.

Every count is a column or row sum of a boolean matrix: no Python loop over samples.
``hamming_loss`` and ``jaccard_score`` also accept 1-D class labels as scikit-learn does.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import (
    check_array,
    check_option,
    check_scalar,
)
from mlinterview.ml.metrics._classification import (
    _check_zero_division,
    _nanaverage,
    _prf_from_totals,
    _safe_divide,
)
from mlinterview.ml.metrics._labels import (
    check_indicator,
    check_indicator_pair,
    check_label_columns,
    check_labels,
    check_targets,
    check_weights,
    encode_labels,
    indicator_totals,
    is_multilabel,
    lookup,
)

__all__ = [
    "check_indicator",  # re-exported: ml.multilabel validates its Y with it
    "coverage_error",
    "hamming_loss",
    "jaccard_score",
    "label_ranking_loss",
    "multilabel_precision_recall_fscore_support",
    "subset_accuracy_score",
]

_AVERAGES = (None, "micro", "macro", "weighted", "samples")


def hamming_loss(y_true, y_pred, *, sample_weight=None):
    """Share of wrongly predicted labels: ``mean_ij [Y_ij != P_ij]``.

    Multi-label input ``(n_samples, n_labels)`` is normalised by **samples x labels**;
    1-D class labels ``(n_samples,)`` give the plain error rate ``1 - accuracy``.
    ``sample_weight`` of shape ``(n_samples,)`` weights rows.
    """
    if is_multilabel(y_true, y_pred):
        Y, P, w = check_indicator_pair(y_true, y_pred, sample_weight)
        wrong_per_sample = (Y != P).mean(axis=1)   # already divided by n_labels
    else:
        y, p, w = check_targets(y_true, y_pred, sample_weight)
        wrong_per_sample = (y != p).astype(np.float64)
    return float(np.average(wrong_per_sample, weights=w))


def subset_accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    """Exact-match ratio: share of samples whose predicted label set equals the true set.

    ``y_true, y_pred`` of shape ``(n_samples, n_labels)``; this is what scikit-learn's
    ``accuracy_score`` returns for multi-label input. ``normalize=False`` gives the count.
    """
    Y, P, w = check_indicator_pair(y_true, y_pred, sample_weight)
    exact = (Y == P).all(axis=1)
    if not normalize:
        return float(exact.sum()) if w is None else float(np.dot(exact, w))
    return float(np.average(exact, weights=w))


def _one_hot(y_true, y_pred, labels, sample_weight):
    """1-D class labels as indicator matrices over ``labels`` (default: their union)."""
    y, p, w = check_targets(y_true, y_pred, sample_weight)
    (codes_y, codes_p), classes = encode_labels(y, p)
    if labels is None:
        labels = classes
    else:
        labels = check_labels(labels)
    pos = lookup(classes, labels)
    # A label absent from the data gives an all-False column (pos = -1 never matches).
    Y = codes_y[:, None] == np.where(pos >= 0, pos, -2)[None, :]
    P = codes_p[:, None] == np.where(pos >= 0, pos, -2)[None, :]
    return Y, P, w, labels


def _average(values, weights, average):
    """Combine per-label (or per-sample) scores; ``weights`` all zero -> plain mean, as in
    scikit-learn (a ``weighted`` average over labels that never occur)."""
    if average is None:
        return values
    return _nanaverage(values, weights if average in ("weighted", "samples") else None)


def jaccard_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                  sample_weight=None, zero_division="warn"):
    """Jaccard index |T ∩ P| / |T ∪ P| = TP / (TP + FP + FN).

    Parameters
    ----------
    y_true, y_pred : array of shape (n_samples, n_labels) (indicator) or (n_samples,)
    labels : labels to score for 1-D input, default their sorted union.
    average : {"binary", "micro", "macro", "weighted", "samples", None}
        ``samples`` (multi-label only): the index of each sample's sets, averaged;
        ``micro``: pool TP, FP, FN over labels first; ``macro``: plain mean over labels;
        ``weighted``: mean weighted by each label's support; ``binary``: ``pos_label`` only.
    zero_division : {"warn", 0, 1, np.nan} for an empty union.

    Returns
    -------
    float, or an array of shape (n_labels,) when ``average=None``.
    """
    check_option(average, "average", (*_AVERAGES, "binary"))
    _check_zero_division(zero_division)
    if is_multilabel(y_true, y_pred):
        if average == "binary":
            raise ValueError("average: 'binary' is for 1-D binary labels; choose 'micro', "
                             "'macro', 'weighted', 'samples' or None for multi-label input")
        Y, P, w = check_indicator_pair(y_true, y_pred, sample_weight)
        if labels is not None:
            cols = check_label_columns(labels, Y.shape[1])
            Y, P = Y[:, cols], P[:, cols]
    else:
        if average == "samples":
            raise ValueError("average: 'samples' needs multi-label (2-D indicator) input")
        if average == "binary":
            # Score the positive class alone, like scikit-learn's binary average.
            Y, P, w, _ = _one_hot(y_true, y_pred, np.array([pos_label]), sample_weight)
            if len(np.union1d(np.asarray(y_true), np.asarray(y_pred))) > 2:
                raise ValueError("average: 'binary' needs at most two classes; the target "
                                 "is multiclass, choose 'micro', 'macro' or 'weighted'")
            average = "macro"
        else:
            Y, P, w, _ = _one_hot(y_true, y_pred, labels, sample_weight)

    tp, pred, true = indicator_totals(Y, P, w, samplewise=average == "samples")
    if average == "micro":
        # Pool the counts; kept as 1-element arrays for the shared divide helper.
        tp, pred, true = (np.atleast_1d(c.sum()) for c in (tp, pred, true))
    scores = _safe_divide(tp, true + pred - tp, metric="jaccard", reason="true or predicted",
                          zero_division=zero_division, warn=True,
                          samplewise=average == "samples")
    if average == "micro":
        return float(scores[0])
    weights = true if average == "weighted" else w if average == "samples" else None
    result = _average(scores, weights, average)
    return result if average is None else float(result)


def multilabel_precision_recall_fscore_support(y_true, y_pred, *, beta=1.0, average=None,
                                               sample_weight=None, zero_division="warn"):
    """Precision, recall, F-beta and support of a multi-label prediction.

    Per label ``j``: precision ``TP_j / (TP_j + FP_j)``, recall ``TP_j / (TP_j + FN_j)``,
    ``F_beta = (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP)``. With ``average="samples"``
    the same ratios are taken per sample (over its labels) and averaged over samples.

    Parameters
    ----------
    y_true, y_pred : array of shape (n_samples, n_labels), 0/1
    beta : float >= 0
    average : {None, "micro", "macro", "weighted", "samples"}
    zero_division : {"warn", 0, 1, np.nan}

    Returns
    -------
    precision, recall, fbeta : float or array of shape (n_labels,)
    support : array of shape (n_labels,) (true count of each label) when ``average=None``,
        else None.
    """
    check_option(average, "average", _AVERAGES)
    beta = check_scalar(beta, "beta", lo=0.0)
    _check_zero_division(zero_division)
    Y, P, w = check_indicator_pair(y_true, y_pred, sample_weight)
    tp, pred, true = indicator_totals(Y, P, w, samplewise=average == "samples")
    return _prf_from_totals(tp, pred, true, beta=beta, average=average, sample_weight=w,
                            warn_for=("precision", "recall", "f-score"),
                            zero_division=zero_division)


def _check_scores(y_true, y_score, sample_weight):
    Y = check_indicator(y_true, "y_true")
    S = check_array(y_score, "y_score")
    if S.shape != Y.shape:
        raise ValueError(f"y_true and y_score: expected the same shape, got {Y.shape} and "
                         f"{S.shape}")
    return Y, S, check_weights(sample_weight, Y.shape[0])


def label_ranking_loss(y_true, y_score, *, sample_weight=None):
    """Share of (relevant, irrelevant) label pairs ranked the wrong way, per sample, averaged.

    A pair is wrong when the irrelevant label scores at least as high as the relevant one
    (ties count as wrong). Samples whose labels are all relevant or all irrelevant score 0.
    ``y_true`` 0/1 and ``y_score`` of shape ``(n_samples, n_labels)``.
    """
    Y, S, w = _check_scores(y_true, y_score, sample_weight)
    n, n_labels = Y.shape
    wrong = np.empty(n)
    # Broadcast (sample, relevant j, irrelevant k) in row blocks of bounded memory.
    block = max(1, 4_000_000 // (n_labels * n_labels))
    for start in range(0, n, block):
        y, s = Y[start:start + block], S[start:start + block]
        bad = (s[:, :, None] <= s[:, None, :]) & y[:, :, None] & ~y[:, None, :]
        wrong[start:start + block] = bad.sum(axis=(1, 2))
    n_pos = Y.sum(axis=1)
    pairs = n_pos * (n_labels - n_pos)
    loss = np.divide(wrong, pairs, out=np.zeros(n), where=pairs > 0)
    return float(np.average(loss, weights=w))


def coverage_error(y_true, y_score, *, sample_weight=None):
    """How far down the ranking one must go to cover every relevant label, averaged.

    Per sample: the number of labels scoring at least the lowest-scored relevant label
    (ties count in). A sample without relevant labels counts 0.
    """
    Y, S, w = _check_scores(y_true, y_score, sample_weight)
    lowest_relevant = np.where(Y, S, np.inf).min(axis=1, keepdims=True)
    depth = (lowest_relevant <= S).sum(axis=1)
    depth = np.where(Y.any(axis=1), depth, 0)
    return float(np.average(depth, weights=w))
