"""Metrics computed from scores: ROC and precision-recall curves and the areas under them.

A score metric asks how well a model *ranks* positives above negatives, before any
threshold is chosen. Both curves come from one pass:

1. sort the samples by score, highest first (once, ``O(n log n)``);
2. walking down that list is lowering the threshold; the cumulative sums of positives
   and negatives are the true and false positives at each threshold;
3. keep one point per distinct score (tied scores cross the threshold together).

- ROC: true-positive rate ``TP / P`` against false-positive rate ``FP / N``. Its area
  (ROC AUC) is the probability that a random positive scores above a random negative,
  so it ignores class balance.
- PR: precision ``TP / (TP + FP)`` against recall ``TP / P``. Average precision (AP) is
  its area as a step function, ``sum_k (R_k - R_{k-1}) P_k``; with few positives it
  shows what ROC AUC hides, because precision feels every false positive.
"""

from __future__ import annotations

import warnings
from itertools import combinations

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_1d,
    check_consistent_length,
    check_option,
    check_scalar,
    no_overflow,
)
from mlinterview.ml.exceptions import UndefinedMetricWarning
from mlinterview.ml.metrics._labels import (
    check_label_vector,
    check_labels,
    check_scores,
    check_weights,
    lookup,
)


def _check_scores(y_score, name="y_score"):
    """A finite float array of scores."""
    return check_scores(y_score, name)


def _positive_mask(y_true, pos_label):
    """``y_true == pos_label`` after checking that the positive class is well defined."""
    classes = np.unique(y_true)
    if pos_label is None:
        numeric = classes.dtype.kind in "biuf"
        allowed = ({0, 1}, {-1, 1}, {0}, {-1}, {1})
        if not numeric or len(classes) > 2 or set(classes.tolist()) not in allowed:
            raise ValueError(
                f"pos_label: y_true takes values {classes.tolist()} and pos_label is not "
                "given; either make y_true take values in {0, 1} or {-1, 1} or pass "
                "pos_label explicitly"
            )
        pos_label = 1
    elif len(classes) > 2:
        # Multiclass y_true is allowed with an explicit pos_label: one class vs the rest.
        pass
    return y_true == pos_label


def _binary_clf_curve(y_true, y_score, *, pos_label=None, sample_weight=None):
    """False and true positives at each distinct score, thresholds descending.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_score : array-like of shape (n_samples,)
    pos_label : label, default=None (1 for {0, 1} or {-1, 1} labels)
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    fps, tps : ndarray of shape (n_thresholds,)
        (Weighted) false and true positives when predicting positive for
        ``score >= thresholds[i]``.
    thresholds : ndarray of shape (n_thresholds,)
        The distinct scores, decreasing.
    """
    y_true, _ = check_label_vector(y_true, "y_true")
    y_score = check_1d(y_score, "y_score")
    y_score = _check_scores(y_score)
    check_consistent_length(y_true=y_true, y_score=y_score)
    weight = check_weights(sample_weight, len(y_true))
    positive = _positive_mask(y_true, pos_label)
    if weight is not None:
        # Zero-weight samples must not create thresholds of their own.
        keep = weight != 0
        positive, y_score, weight = positive[keep], y_score[keep], weight[keep]

    # One stable sort; ties keep their input order, as in scikit-learn.
    order = np.argsort(-y_score, kind="stable")
    y_score = y_score[order]
    positive = positive[order]
    last_of_run = np.r_[np.flatnonzero(np.diff(y_score)), len(y_score) - 1]
    if weight is None:
        tps = np.cumsum(positive, dtype=np.float64)[last_of_run]
        fps = 1.0 + last_of_run - tps
    else:
        w = weight[order].astype(np.float64)
        tps = np.cumsum(positive * w)[last_of_run]
        # A cumulative sum (not total - tps) keeps fps monotone under rounding.
        fps = np.cumsum(~positive * w)[last_of_run]
    return fps, tps, y_score[last_of_run]


def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=True):
    """Receiver operating characteristic: TPR against FPR as the threshold falls.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels ({0, 1}, {-1, 1}, or any two labels with ``pos_label``).
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more likely positive (probabilities or margins).
    pos_label : label, default=None
    sample_weight : array-like of shape (n_samples,), default=None
    drop_intermediate : bool, default=True
        Drop points on straight segments between corners (they do not change the area).

    Returns
    -------
    fpr, tpr : ndarray of shape (n_thresholds + 1,)
        The curve, starting at (0, 0).
    thresholds : ndarray of shape (n_thresholds + 1,)
        Decreasing; ``thresholds[0] = inf`` (nothing predicted positive).
    """
    fps, tps, thresholds = _binary_clf_curve(y_true, y_score, pos_label=pos_label,
                                             sample_weight=sample_weight)
    if drop_intermediate and len(fps) > 2:
        # A point is a corner when either coordinate's second difference is non-zero.
        corner = np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True]
        fps, tps, thresholds = fps[corner], tps[corner], thresholds[corner]
    fps = np.r_[0.0, fps]
    tps = np.r_[0.0, tps]
    thresholds = np.r_[np.inf, thresholds.astype(np.float64)]
    if fps[-1] <= 0:
        warnings.warn("No negative samples in y_true, false positive value should be "
                      "meaningless", UndefinedMetricWarning, stacklevel=2)
        fpr = np.full(fps.shape, np.nan)
    else:
        fpr = fps / fps[-1]
    if tps[-1] <= 0:
        warnings.warn("No positive samples in y_true, true positive value should be "
                      "meaningless", UndefinedMetricWarning, stacklevel=2)
        tpr = np.full(tps.shape, np.nan)
    else:
        tpr = tps / tps[-1]
    return fpr, tpr, thresholds


def precision_recall_curve(y_true, y_score, *, pos_label=None, sample_weight=None,
                           drop_intermediate=False):
    """Precision and recall at every threshold, recall decreasing.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_score : array-like of shape (n_samples,)
    pos_label : label, default=None
    sample_weight : array-like of shape (n_samples,), default=None
    drop_intermediate : bool, default=False
        Keep only the first and last point of each run of equal recall.

    Returns
    -------
    precision, recall : ndarray of shape (n_thresholds + 1,)
        The last point is (recall 0, precision 1) by convention, so the curve is closed.
    thresholds : ndarray of shape (n_thresholds,)
        Increasing.
    """
    fps, tps, thresholds = _binary_clf_curve(y_true, y_score, pos_label=pos_label,
                                             sample_weight=sample_weight)
    if drop_intermediate and len(fps) > 2:
        keep = np.r_[True, np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:])), True]
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    predicted = tps + fps
    precision = np.divide(tps, predicted, out=np.zeros_like(tps), where=predicted != 0)
    if tps[-1] == 0:
        warnings.warn("No positive class found in y_true, recall is set to one for all "
                      "thresholds.", UserWarning, stacklevel=2)
        recall = np.ones_like(tps)
    else:
        recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def auc(x, y):
    """Area under a curve given by points, by the trapezoidal rule.

    Parameters
    ----------
    x : array-like of shape (n,)
        Monotonic (increasing or decreasing) x coordinates.
    y : array-like of shape (n,)

    Returns
    -------
    area : float
    """
    x = _check_scores(check_1d(x, "x"), "x")
    y = _check_scores(check_1d(y, "y"), "y")
    check_consistent_length(x=x, y=y)
    if len(x) < 2:
        raise ValueError(f"x: at least 2 points are needed to compute an area, got {len(x)}")
    dx = np.diff(x)
    direction = 1.0
    if (dx < 0).any():
        if (dx <= 0).all():
            direction = -1.0
        else:
            raise ValueError("x: expected monotonic values (increasing or decreasing)")
    with no_overflow("x and y"):  # widths times heights of values near 1e308
        return float(direction * np.trapezoid(y, x))


# ---------------------------------------------------------------------------------------
# Areas, and their averages over classes
# ---------------------------------------------------------------------------------------


def _binary_roc_auc(y_true, y_score, sample_weight=None, max_fpr=None):
    if len(np.unique(y_true)) != 2:
        warnings.warn("Only one class is present in y_true. ROC AUC score is not defined in "
                      "that case.", UndefinedMetricWarning, stacklevel=3)
        return np.nan
    fpr, tpr, _ = roc_curve(y_true, y_score, sample_weight=sample_weight)
    if max_fpr is None or max_fpr == 1:
        # the curve is ours and monotone already; NaN (one class after zero weights)
        # must come out as NaN, so no validation here
        return float(np.trapezoid(tpr, fpr))
    # Partial area up to max_fpr (interpolating one point at max_fpr), then the McClish
    # correction maps it to [0.5, 1] so that chance still reads 0.5.
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr_at = np.interp(max_fpr, fpr[stop - 1: stop + 1], tpr[stop - 1: stop + 1])
    partial = float(np.trapezoid(np.r_[tpr[:stop], tpr_at], np.r_[fpr[:stop], max_fpr]))
    min_area = 0.5 * max_fpr**2
    return 0.5 * (1 + (partial - min_area) / (max_fpr - min_area))


def _binary_average_precision(y_true, y_score, sample_weight=None):
    precision, recall, _ = precision_recall_curve(y_true, y_score, sample_weight=sample_weight)
    # Step integral: recall decreases along the arrays, hence the minus sign.
    return max(0.0, float(-np.sum(np.diff(recall) * precision[:-1])))


def _average_over_columns(metric, Y, S, average, sample_weight):
    """Apply a binary score metric per column of indicator ``Y`` and average.

    ``Y``, ``S`` : arrays of shape (n_samples, n_labels). ``average`` in micro, macro,
    weighted, samples or None.
    """
    if average == "micro":
        w = None if sample_weight is None else np.repeat(sample_weight, Y.shape[1])
        return metric(Y.ravel(), S.ravel(), sample_weight=w)
    if average == "samples":
        scores = np.array([metric(Y[i], S[i]) for i in range(Y.shape[0])])
        return float(np.average(scores, weights=sample_weight))
    weights = None
    if average == "weighted":
        weights = (Y if sample_weight is None else Y * sample_weight[:, None]).sum(axis=0)
        if np.isclose(weights.sum(), 0):
            # No positives anywhere: nothing to weight by; 0 without scoring a column.
            return 0.0
    scores = np.array([metric(Y[:, j], S[:, j], sample_weight=sample_weight)
                       for j in range(Y.shape[1])], dtype=np.float64)
    if average is None:
        return scores
    if weights is not None:
        # A label with no positives has weight 0 and must not turn the mean into NaN.
        scores[weights == 0] = 0
    return float(np.average(scores, weights=weights))


def _n_rows(arr: np.ndarray, name: str) -> int:
    if arr.ndim == 0:
        raise ValueError(f"{name}: expected an array of shape (n_samples,) or "
                         f"(n_samples, n_labels), got a scalar")
    return len(arr)


def _check_indicator(y, name):
    """A 2-D 0/1 label-indicator matrix of shape (n_samples, n_labels)."""
    Y = as_array(y, name)
    if Y.ndim != 2 or not np.isin(Y, (0, 1)).all():
        raise ValueError(f"{name}: expected a 0/1 indicator matrix, got shape {Y.shape}")
    return Y.astype(np.int64)


def roc_auc_score(y_true, y_score, *, average="macro", sample_weight=None, max_fpr=None,
                  multi_class="raise", labels=None):
    """Area under the ROC curve: P(score of a random positive > a random negative).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_labels)
        Binary labels, multiclass labels, or a 0/1 multilabel indicator matrix.
    y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
        Scores of the positive class (binary) or probabilities per class (multiclass,
        columns in sorted label order, rows summing to 1).
    average : {"macro", "weighted", "micro", "samples"} or None, default="macro"
        How per-class areas are combined (multiclass ``ovr`` and multilabel).
    sample_weight : array-like of shape (n_samples,), default=None
    max_fpr : float in (0, 1], default=None
        Binary only: standardised partial AUC over ``FPR <= max_fpr`` (McClish).
    multi_class : {"raise", "ovr", "ovo"}, default="raise"
        One-vs-rest or one-vs-one (Hand and Till, 2001) for multiclass targets.
    labels : array-like, default=None
        Multiclass only: the classes, in the order of ``y_score``'s columns.

    Returns
    -------
    auc : float, or ndarray of shape (n_classes,) if ``average=None``
    """
    check_option(average, "average", ("micro", "macro", "weighted", "samples", None))
    check_option(multi_class, "multi_class", ("raise", "ovr", "ovo"))
    if max_fpr is not None:
        check_scalar(max_fpr, "max_fpr", lo=0.0, hi=1.0, include_lo=False)
    weight_arr = as_array(y_true, "y_true")
    scores = _check_scores(y_score)
    # All-zero weights are let through: the area is then undefined, which the binary
    # path reports with an UndefinedMetricWarning and NaN (scikit-learn does the same
    # for a one-sample input).
    weight = check_weights(sample_weight, _n_rows(weight_arr, "y_true"), allow_all_zero=True)
    if weight_arr.ndim == 2 and weight_arr.shape[1] > 1:  # multilabel indicator
        Y = _check_indicator(weight_arr, "y_true")
        if scores.shape != Y.shape:
            raise ValueError(f"y_score: expected shape {Y.shape}, got {scores.shape}")
        metric = lambda y, s, sample_weight=None: _binary_roc_auc(  # noqa: E731
            y, s, sample_weight, max_fpr)
        return _average_over_columns(metric, Y, scores, average, weight)
    y, _ = check_label_vector(weight_arr, "y_true")
    check_consistent_length(y_true=y, y_score=scores)
    classes = np.unique(y)
    if len(classes) > 2 or (scores.ndim == 2 and scores.shape[1] > 2):
        return _multiclass_roc_auc(y, scores, labels, multi_class, average, weight, max_fpr)
    # Binary: one score per sample, for the larger label (the positive one). `average`
    # has nothing to combine here and is ignored.
    scores = check_1d(scores, "y_score")
    positive = (y == classes[-1]).astype(np.int64)
    return _binary_roc_auc(positive, scores, weight, max_fpr)


def _multiclass_roc_auc(y, scores, labels, multi_class, average, weight, max_fpr):
    if max_fpr is not None and max_fpr != 1.0:
        raise ValueError("max_fpr: partial AUC is not available for multiclass targets; "
                         "leave max_fpr as None")
    if multi_class == "raise":
        raise ValueError("multi_class: the target is multiclass; choose 'ovr' or 'ovo'")
    if scores.ndim != 2:
        raise ValueError("y_score: expected shape (n_samples, n_classes) for a multiclass "
                         f"y_true, got {scores.shape}")
    allowed = ("macro", "weighted", None) + (("micro",) if multi_class == "ovr" else ())
    check_option(average, "average", allowed)
    if average is None and multi_class == "ovo":
        raise ValueError("average: None is not implemented for multi_class='ovo'")
    if not np.allclose(1, scores.sum(axis=1)):
        raise ValueError("y_score: multiclass ROC AUC needs probabilities that sum to 1 over "
                         "classes")
    if labels is not None:
        classes = check_labels(labels)
        if not np.array_equal(np.sort(classes), classes):
            raise ValueError("labels: expected labels in sorted order")
        if (lookup(classes, y) < 0).any():
            raise ValueError("y_true: contains labels that are not in `labels`")
    else:
        classes = np.unique(y)
    if len(classes) != scores.shape[1]:
        raise ValueError(f"y_score: has {scores.shape[1]} columns for {len(classes)} classes")
    codes = lookup(classes, y)
    if multi_class == "ovr":
        Y = (codes[:, None] == np.arange(len(classes))).astype(np.int64)
        return _average_over_columns(
            lambda t, s, sample_weight=None: _binary_roc_auc(t, s, sample_weight), Y, scores,
            average, weight)
    if weight is not None:
        raise ValueError("sample_weight: not supported for multi_class='ovo'")
    # Hand & Till: average over class pairs of the two one-vs-one AUCs.
    present = np.unique(codes)
    pair_scores, prevalence = [], []
    for a, b in combinations(present, 2):
        in_pair = (codes == a) | (codes == b)
        a_true = codes[in_pair] == a
        pair_scores.append((_binary_roc_auc(a_true, scores[in_pair, a])
                            + _binary_roc_auc(~a_true, scores[in_pair, b])) / 2)
        prevalence.append(in_pair.mean())
    return float(np.average(pair_scores, weights=prevalence if average == "weighted" else None))


def average_precision_score(y_true, y_score, *, average="macro", pos_label=1,
                            sample_weight=None):
    """Average precision: the area under the precision-recall step curve.

    ``AP = sum_k (R_k - R_{k-1}) P_k``, precision at each threshold weighted by the
    recall it adds. No linear interpolation (that would be optimistic).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_labels)
        Binary labels, multiclass labels (one-vs-rest), or a 0/1 indicator matrix.
    y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
    average : {"micro", "macro", "weighted", "samples"} or None, default="macro"
    pos_label : label, default=1
        The positive class for binary targets.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    ap : float, or ndarray of shape (n_labels,) if ``average=None``
    """
    check_option(average, "average", ("micro", "macro", "weighted", "samples", None))
    arr = as_array(y_true, "y_true")
    scores = _check_scores(y_score)
    weight = check_weights(sample_weight, _n_rows(arr, "y_true"))
    if arr.ndim == 2 and arr.shape[1] > 1:
        if pos_label != 1:
            raise ValueError("pos_label: is fixed to 1 for multilabel-indicator y_true")
        Y = _check_indicator(arr, "y_true")
    else:
        y, _ = check_label_vector(arr, "y_true")
        classes = np.unique(y)
        if len(classes) <= 2:
            if len(classes) == 2 and lookup(classes, np.asarray([pos_label]))[0] < 0:
                raise ValueError(f"pos_label: {pos_label!r} is not a label of y_true; it should "
                                 f"be one of {classes.tolist()}")
            scores = check_1d(scores, "y_score")
            check_consistent_length(y_true=y, y_score=scores)
            return _binary_average_precision((y == pos_label).astype(np.int64), scores, weight)
        if pos_label != 1:
            raise ValueError("pos_label: is fixed to 1 for multiclass y_true")
        Y = (y[:, None] == classes[None, :]).astype(np.int64)
    if scores.shape != Y.shape:
        raise ValueError(f"y_score: expected shape {Y.shape} (n_samples, n_classes), got "
                         f"{scores.shape}")
    return _average_over_columns(_binary_average_precision, Y, scores, average, weight)
