"""Metrics computed from predicted labels: the confusion matrix and everything read off it.

Naming follows scikit-learn: ``*_score`` is better when higher, ``*_loss`` when lower.

For one class ``c`` treated as "positive", the four cells of the binary confusion matrix
are::

                      predicted c   predicted not c
    actually c            TP              FN
    actually not c        FP              TN

and the label metrics are ratios of them:

- precision  = TP / (TP + FP): of the samples we *called* c, the share that were c;
- recall     = TP / (TP + FN): of the samples that *were* c, the share we found
  (also sensitivity, true-positive rate);
- F-beta     = (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP), the weighted harmonic mean
  of precision and recall (recall counts ``b`` times as much as precision);
- accuracy   = (TP + TN) / N, which a majority-class guesser wins on imbalanced data.

Multiclass problems are many one-vs-rest binary problems, one per class; ``average``
says how to combine the per-class numbers: ``"macro"`` (plain mean, every class counts
the same), ``"weighted"`` (mean weighted by support), ``"micro"`` (pool TP, FP and FN over
classes first; equals accuracy when every class is included) or ``None`` (no averaging).
Multi-label indicator matrices ``(n_samples, n_labels)`` are one binary problem per
column, and add ``"samples"``: the ratios within each sample's label set, averaged.

All counting is a single ``np.bincount`` over label codes (see ``_labels.py``).
"""

from __future__ import annotations

import warnings

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_consistent_length,
    check_finite,
    check_option,
    check_scalar,
)
from mlinterview.ml.exceptions import UndefinedMetricWarning
from mlinterview.ml.metrics._labels import (
    check_indicator_pair,
    check_label_columns,
    check_label_vector,
    check_labels,
    check_targets,
    check_weights,
    confusion_counts,
    encode_labels,
    indicator_totals,
    is_multilabel,
    lookup,
)

AVERAGES = ("binary", "micro", "macro", "weighted", "samples", None)


# ---------------------------------------------------------------------------------------
# The confusion matrix
# ---------------------------------------------------------------------------------------


def _select(counts: np.ndarray, classes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Rows and columns of ``counts`` for ``labels``, zero for labels that never occur."""
    idx = lookup(classes, labels)
    padded = np.zeros((len(classes) + 1, len(classes) + 1), dtype=counts.dtype)
    padded[:-1, :-1] = counts
    # -1 picks the padding row/column: an absent label counts zero everywhere.
    return padded[np.ix_(idx, idx)]


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    """Confusion matrix ``C`` with ``C[i, j]`` = samples of true class ``i`` predicted ``j``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted class labels (numbers or strings).
    labels : array-like of shape (n_classes,), default=None
        Classes to index the matrix by, in this order. Samples whose true or predicted
        label is not listed are left out. Default: every label present, sorted.
    sample_weight : array-like of shape (n_samples,), default=None
        Each sample counts with its weight instead of 1.
    normalize : {"true", "pred", "all"}, default=None
        Divide by row sums (recall per class on the diagonal), column sums (precision
        on the diagonal) or the total. 0/0 becomes 0.

    Returns
    -------
    C : ndarray of shape (n_classes, n_classes)
        Integer counts, or floats with float weights or ``normalize``.

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 0], [0, 1, 0, 0])
    array([[2, 0],
           [1, 1]])
    """
    y_true, y_pred, weight = check_targets(y_true, y_pred, sample_weight)
    check_option(normalize, "normalize", ("true", "pred", "all", None))
    (t, p), classes = encode_labels(y_true, y_pred)
    counts = confusion_counts(t, p, len(classes), weight)
    if labels is not None:
        labels = check_labels(labels)
        if not (lookup(np.unique(y_true), labels) >= 0).any():
            raise ValueError("labels: at least one of the given labels must occur in y_true")
        counts = _select(counts, classes, labels)
    if normalize is not None:
        axis = {"true": 1, "pred": 0, "all": None}[normalize]
        total = counts.sum(axis=axis, keepdims=axis is not None)
        with np.errstate(invalid="ignore", divide="ignore"):
            counts = np.nan_to_num(counts / total)
    if counts.shape == (1, 1):
        # Almost always a mistake: the other class exists but this sample lacks it.
        warnings.warn("A single label was found in 'y_true' and 'y_pred'. For the confusion "
                      "matrix to have the correct shape, use the 'labels' parameter to pass "
                      "all known labels.", UserWarning, stacklevel=2)
    return counts


def _class_totals(y_true, y_pred, sample_weight):
    """Per present class: true positives, predicted totals (TP + FP), true totals (TP + FN).

    Returns ``(tp, pred_sum, true_sum, classes)``, the first three of shape (n_classes,).
    Three ``np.bincount`` calls of length ``k`` instead of the ``k x k`` matrix: cheaper for
    many classes, and each weighted total is summed in sample order (as scikit-learn sums
    it), so float supports agree to the last bit. Any weights make the totals floats.
    """
    y_true, y_pred, weight = check_targets(y_true, y_pred, sample_weight)
    (t, p), classes = encode_labels(y_true, y_pred)
    k = len(classes)
    hit = t == p
    tp = np.bincount(t[hit], weights=None if weight is None else weight[hit], minlength=k)
    pred_sum = np.bincount(p, weights=weight, minlength=k)
    true_sum = np.bincount(t, weights=weight, minlength=k)
    if not hit.any():
        # scikit-learn's totals turn float when no sample is right; its reports print
        # the support as 1.0 rather than 1 then, and so must ours.
        tp, pred_sum, true_sum = (v.astype(np.float64) for v in (tp, pred_sum, true_sum))
    return tp, pred_sum, true_sum, classes


def _per_label(totals, classes, labels):
    """Each of ``totals`` (arrays over ``classes``) read at ``labels``; absent labels get 0."""
    idx = lookup(classes, labels)
    return tuple(np.append(v, 0)[idx] for v in totals)


# ---------------------------------------------------------------------------------------
# Accuracy
# ---------------------------------------------------------------------------------------


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    """Share of samples whose predicted label equals the true one: (TP + TN) / N.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,), or 0/1 indicator matrices of shape
        (n_samples, n_labels) for multi-label data: then a sample counts as correct only
        when its whole label set is right (subset accuracy, as in scikit-learn).
    normalize : bool, default=True
        If False, return the (weighted) number of correct samples instead of the share.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    score : float
    """
    if is_multilabel(y_true, y_pred):
        # Imported here: the multi-label module builds on this one.
        from mlinterview.ml.metrics._multilabel import subset_accuracy_score

        return subset_accuracy_score(y_true, y_pred, normalize=normalize,
                                     sample_weight=sample_weight)
    y_true, y_pred, weight = check_targets(y_true, y_pred, sample_weight)
    correct = y_true == y_pred
    if not normalize:
        return float(correct.sum() if weight is None else np.dot(correct, weight))
    return float(np.average(correct, weights=weight))


def balanced_accuracy_score(y_true, y_pred, *, sample_weight=None, adjusted=False):
    """Mean recall over the classes present in ``y_true``: immune to class imbalance.

    A classifier that always predicts the majority class scores ``1 / n_classes``
    here, however imbalanced the data. With ``adjusted=True`` the score is rescaled so
    that chance is 0 and perfect is 1: ``(score - 1/k) / (1 - 1/k)``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    sample_weight : array-like of shape (n_samples,), default=None
    adjusted : bool, default=False

    Returns
    -------
    score : float
    """
    counts = confusion_matrix(y_true, y_pred, sample_weight=sample_weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.diag(counts) / counts.sum(axis=1)
    if np.isnan(per_class).any():
        warnings.warn("y_pred contains classes not in y_true", UserWarning, stacklevel=2)
        per_class = per_class[~np.isnan(per_class)]
    score = per_class.mean()
    if adjusted:
        chance = 1.0 / len(per_class)
        score = (score - chance) / (1.0 - chance)
    return float(score)


# ---------------------------------------------------------------------------------------
# Precision, recall, F-beta
# ---------------------------------------------------------------------------------------


def _check_zero_division(zero_division):
    if isinstance(zero_division, str):
        check_option(zero_division, "zero_division", ("warn",))
        return 0.0
    if zero_division in (0, 1) and not isinstance(zero_division, bool):
        return float(zero_division)
    if isinstance(zero_division, float) and np.isnan(zero_division):
        return np.nan
    raise ValueError(f"zero_division: expected 'warn', 0, 1 or np.nan; got {zero_division!r}")


def _safe_divide(num, den, *, metric, reason, zero_division, warn, samplewise=False):
    """``num / den`` elementwise; where ``den == 0`` the ``zero_division`` value.

    Warns (``UndefinedMetricWarning``) once when ``zero_division == "warn"`` and a 0/0
    happened for a metric the caller asked to warn about. ``samplewise``: the ratios are
    per sample (``average="samples"``), which only changes the wording.
    """
    value = _check_zero_division(zero_division)
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    undefined = den == 0
    out = num / np.where(undefined, 1.0, den)
    out[undefined] = value
    if undefined.any() and warn and isinstance(zero_division, str):
        unit, other = ("sample", "label") if samplewise else ("label", "sample")
        where = "due to" if out.size == 1 else f"in {unit}s with"
        warnings.warn(
            f"{metric.capitalize()} is ill-defined and being set to 0.0 {where} no {reason} "
            f"{other}s. Use `zero_division` parameter to control this behavior.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
    return out


def _nanaverage(values, weights):
    """Weighted mean ignoring NaN (``zero_division=np.nan``); all weights 0 -> plain mean."""
    keep = ~np.isnan(values)
    if not keep.any():
        return np.nan
    values = values[keep]
    if weights is None:
        return float(values.mean())
    weights = np.asarray(weights, dtype=np.float64)[keep]
    if weights.sum() == 0:
        return float(values.mean())
    return float(np.average(values, weights=weights))


def _multiclass_totals(y_true, y_pred, sample_weight, labels, average, pos_label):
    """TP, TP + FP and TP + FN of 1-D class labels, one entry per label scored.

    The labels scored are ``[pos_label]`` for ``average="binary"``, else ``labels`` (or
    every present class, sorted); a label absent from the data counts zero everywhere.
    """
    if average == "samples":
        raise ValueError(
            "average: 'samples' is only for multi-label input (0/1 indicator matrices of "
            "shape (n_samples, n_labels)); choose 'binary', 'micro', 'macro', 'weighted' or "
            "None for class labels"
        )
    *totals, classes = _class_totals(y_true, y_pred, sample_weight)
    if average == "binary":
        if len(classes) > 2:
            raise ValueError(
                "average: the target is multiclass but average='binary'; choose one of "
                "'micro', 'macro', 'weighted' or None"
            )
        if len(classes) == 2 and lookup(classes, np.asarray([pos_label]))[0] < 0:
            raise ValueError(
                f"pos_label: {pos_label!r} is not a label of y_true or y_pred; it should be "
                f"one of {classes.tolist()}"
            )
        labels = np.asarray([pos_label])
    else:
        labels = classes if labels is None else check_labels(labels)
    return _per_label(totals, classes, labels)


def _multilabel_totals(y_true, y_pred, sample_weight, labels, average):
    """TP, TP + FP and TP + FN of indicator matrices, and the checked sample weights.

    Per label (one entry per column, or per column of ``labels``), or per sample for
    ``average="samples"``.
    """
    if average == "binary":
        raise ValueError(
            "average: the target is multi-label (an indicator matrix) but "
            "average='binary'; choose one of 'micro', 'macro', 'weighted', 'samples' or None"
        )
    Y, P, weight = check_indicator_pair(y_true, y_pred, sample_weight)
    if labels is not None:
        columns = check_label_columns(labels, Y.shape[1])
        Y, P = Y[:, columns], P[:, columns]
    totals = indicator_totals(Y, P, weight, samplewise=average == "samples")
    return (*totals, weight)


def _prf_from_totals(tp, pred_sum, true_sum, *, beta, average, sample_weight, warn_for,
                     zero_division):
    """Precision, recall, F-beta and support from the counts of :func:`precision_recall_
    fscore_support`, averaged as ``average`` says (``None``: per entry)."""
    samplewise = average == "samples"
    if average == "micro":
        tp, pred_sum, true_sum = (np.atleast_1d(v.sum()) for v in (tp, pred_sum, true_sum))
    options = dict(zero_division=zero_division, samplewise=samplewise)
    precision = _safe_divide(tp, pred_sum, metric="precision", reason="predicted",
                             warn="precision" in warn_for, **options)
    recall = _safe_divide(tp, true_sum, metric="recall", reason="true",
                          warn="recall" in warn_for, **options)
    if np.isposinf(beta):
        fscore = recall
    elif beta == 0:
        fscore = precision
    else:
        # (1 + b²)·P·R / (b²·P + R) rewritten in counts, so no 0/0 arises from P or R:
        # (1 + b²)·TP / (b²·(TP + FN) + (TP + FP))
        b2 = beta * beta
        fscore = _safe_divide((1 + b2) * tp, b2 * true_sum + pred_sum, metric="f-score",
                              reason="true nor predicted", warn="f-score" in warn_for,
                              **options)
    if average is None:
        return precision, recall, fscore, true_sum
    weights = {"weighted": true_sum, "samples": sample_weight}.get(average)
    return (
        _nanaverage(precision, weights),
        _nanaverage(recall, weights),
        _nanaverage(fscore, weights),
        None,
    )


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
):
    """Precision, recall, F-beta and support, per class or averaged.

    Multi-label input (0/1 indicator matrices) is scored one label (column) at a time,
    each column a binary problem; ``average="samples"`` instead takes the ratios within
    each sample's label set (``|T ∩ P| / |P|`` and ``|T ∩ P| / |T|``) and averages them
    over samples.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,), or 0/1 indicator matrices of shape
        (n_samples, n_labels) for multi-label data.
    beta : float >= 0, default=1.0
        Weight of recall relative to precision in the F-score (``inf`` gives recall,
        ``0`` gives precision).
    labels : array-like, default=None
        Classes to report (and their order when ``average=None``). Classes absent from
        the data get zero support. Default: all present classes, sorted. For
        multi-label input, column indices in ``[0, n_labels)`` (default: every column).
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "micro", "macro", "weighted", "samples"} or None, default=None
        ``"samples"`` needs multi-label input; ``"binary"`` refuses it.
    warn_for : tuple of str
        Which of "precision", "recall", "f-score" may warn about 0/0.
    sample_weight : array-like of shape (n_samples,), default=None
    zero_division : {"warn", 0, 1, np.nan}, default="warn"
        Value for a 0/0: precision with no predicted positives, recall with no true
        positives, F with neither. ``"warn"`` means 0 and a warning; ``np.nan`` leaves
        the class (or sample) out of the average.

    Returns
    -------
    precision, recall, fbeta : float, or ndarray of shape (n_labels,) if ``average=None``
    support : None, or ndarray of shape (n_labels,) of true counts if ``average=None``

    Examples
    --------
    >>> Y = [[1, 0, 1], [0, 1, 0]]
    >>> P = [[1, 1, 1], [0, 0, 0]]
    >>> precision_recall_fscore_support(Y, P, average="micro", zero_division=0)[:3]
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    check_option(average, "average", AVERAGES)
    beta = check_scalar(beta, "beta", lo=0.0)
    _check_zero_division(zero_division)
    weight = None
    if is_multilabel(y_true, y_pred):
        tp, pred_sum, true_sum, weight = _multilabel_totals(y_true, y_pred, sample_weight,
                                                            labels, average)
    else:
        tp, pred_sum, true_sum = _multiclass_totals(y_true, y_pred, sample_weight, labels,
                                                    average, pos_label)
    if average != "binary" and pos_label not in (None, 1):
        warnings.warn(
            f"Note that pos_label (set to {pos_label!r}) is ignored when average != 'binary' "
            f"(got {average!r}). You may use labels=[pos_label] to specify a single positive "
            "class.",
            UserWarning,
            stacklevel=2,
        )
    return _prf_from_totals(tp, pred_sum, true_sum, beta=beta, average=average,
                            sample_weight=weight, warn_for=warn_for,
                            zero_division=zero_division)


def fbeta_score(y_true, y_pred, *, beta, labels=None, pos_label=1, average="binary",
                sample_weight=None, zero_division="warn"):
    """F-beta score: the weighted harmonic mean of precision and recall.

    ``F_b = (1 + b^2) * P * R / (b^2 * P + R)``; ``b > 1`` favours recall, ``b < 1``
    precision. Parameters as in :func:`precision_recall_fscore_support`.
    Multi-label indicator matrices are scored per label (column), as in
    :func:`precision_recall_fscore_support`; ``average="binary"`` then raises.

    Returns
    -------
    score : float, or ndarray of shape (n_labels,) if ``average=None``
    """
    _, _, f, _ = precision_recall_fscore_support(
        y_true, y_pred, beta=beta, labels=labels, pos_label=pos_label, average=average,
        warn_for=("f-score",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return f


def f1_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
             sample_weight=None, zero_division="warn"):
    """F1 score: the harmonic mean of precision and recall, ``2 P R / (P + R)``.

    Equivalently ``2 TP / (2 TP + FP + FN)``. The harmonic mean is dragged down by the
    smaller of the two, so a model cannot buy a high F1 with recall alone.
    Parameters as in :func:`precision_recall_fscore_support`.
    Multi-label indicator matrices are scored per label (column), as in
    :func:`precision_recall_fscore_support`; ``average="binary"`` then raises.

    Returns
    -------
    score : float, or ndarray of shape (n_labels,) if ``average=None``

    Examples
    --------
    >>> f1_score([1, 1, 0, 0], [1, 0, 1, 0])
    0.5
    """
    return fbeta_score(y_true, y_pred, beta=1.0, labels=labels, pos_label=pos_label,
                       average=average, sample_weight=sample_weight,
                       zero_division=zero_division)


def precision_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                    sample_weight=None, zero_division="warn"):
    """Precision: TP / (TP + FP), the share of predicted positives that are positive.

    It is a property of hard predictions over a data set, not the confidence of one
    prediction (that is a predicted probability, judged by calibration).
    Parameters as in :func:`precision_recall_fscore_support`.
    Multi-label indicator matrices are scored per label (column), as in
    :func:`precision_recall_fscore_support`; ``average="binary"`` then raises.

    Returns
    -------
    score : float, or ndarray of shape (n_labels,) if ``average=None``
    """
    p, _, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("precision",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return p


def recall_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                 sample_weight=None, zero_division="warn"):
    """Recall: TP / (TP + FN), the share of actual positives that the model found.

    Parameters as in :func:`precision_recall_fscore_support`.
    Multi-label indicator matrices are scored per label (column), as in
    :func:`precision_recall_fscore_support`; ``average="binary"`` then raises.

    Returns
    -------
    score : float, or ndarray of shape (n_labels,) if ``average=None``
    """
    _, r, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("recall",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return r


# ---------------------------------------------------------------------------------------
# Matthews correlation
# ---------------------------------------------------------------------------------------


def matthews_corrcoef(y_true, y_pred, *, sample_weight=None):
    """Matthews correlation coefficient: the correlation between true and predicted labels.

    Binary form: ``(TP*TN - FP*FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN))``; the multiclass
    form (Gorodkin's R_K) uses the whole confusion matrix ``C`` with ``s = N``,
    ``c = trace(C)``, ``t`` the true and ``p`` the predicted totals per class:
    ``(c s - t.p) / sqrt((s^2 - p.p)(s^2 - t.t))``. +1 perfect, 0 chance, -1 inverse.
    Defined as 0 when a denominator factor is 0 (a constant prediction or truth).

    Returns
    -------
    mcc : float in [-1, 1]
    """
    C = confusion_matrix(y_true, y_pred, sample_weight=sample_weight)
    t = C.sum(axis=1, dtype=np.float64)
    p = C.sum(axis=0, dtype=np.float64)
    # N from the column totals (not C.sum()): with float weights a constant prediction
    # must give exactly s^2 - p.p == 0, so the two sums have to round the same way.
    s = p.sum()
    c = np.trace(C, dtype=np.float64)
    cov_tp = c * s - t @ p
    cov_pp = s * s - p @ p
    cov_tt = s * s - t @ t
    if cov_pp * cov_tt == 0:
        return 0.0
    return float(cov_tp / np.sqrt(cov_pp * cov_tt))


# ---------------------------------------------------------------------------------------
# Log loss
# ---------------------------------------------------------------------------------------


def log_loss(y_true, y_proba, *, normalize=True, sample_weight=None, labels=None):
    """Cross-entropy of predicted probabilities: ``-mean_i log p_i[y_i]``.

    The negative log-likelihood of the labels under the model; it punishes confident
    mistakes without bound, so probabilities are clipped to ``[eps, 1 - eps]`` (``eps``
    of the input's float dtype) to keep one zero from making it infinite.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_proba : array-like of shape (n_samples, n_classes) or (n_samples,)
        Probabilities of each class, columns in sorted label order (as ``labels``). A
        1-D array is the probability of the larger of two classes.
    normalize : bool, default=True
        Mean over samples if True, sum if False.
    sample_weight : array-like of shape (n_samples,), default=None
    labels : array-like, default=None
        All classes, when ``y_true`` does not contain every one.

    Returns
    -------
    loss : float
    """
    y, _ = check_label_vector(y_true, "y_true")
    proba = as_array(y_proba, "y_proba")
    if proba.dtype.kind not in "fiub":
        raise TypeError(f"y_proba: expected probabilities (floats), got dtype {proba.dtype}")
    if proba.dtype.kind != "f":
        proba = proba.astype(np.float64)
    check_finite(proba, "y_proba")
    if proba.ndim not in (1, 2):
        raise ValueError(f"y_proba: expected shape (n_samples,) or (n_samples, n_classes), "
                         f"got {proba.shape}")
    if proba.size and proba.max() > 1:
        raise ValueError(f"y_proba: contains values greater than 1: {proba.max()}")
    if proba.size and proba.min() < 0:
        raise ValueError(f"y_proba: contains values lower than 0: {proba.min()}")
    check_consistent_length(y_true=y, y_proba=proba)
    weight = check_weights(sample_weight, len(y))

    if labels is None:
        classes = np.unique(y)
    else:
        labels = check_labels(labels)
        classes = np.unique(labels)
        if not np.array_equal(classes, labels):
            # The columns of y_proba are read in sorted label order, whatever the order
            # of `labels`: say so rather than silently mis-assign them.
            warnings.warn(f"Labels passed were {labels}. But this function assumes labels "
                          f"are ordered lexicographically. Pass the ordered "
                          f"labels={classes.tolist()} and ensure that the columns of y_prob "
                          "correspond to this ordering.", UserWarning, stacklevel=2)
        if (lookup(classes, y) < 0).any():
            raise ValueError("y_true: contains labels that are not in `labels`")
    if len(classes) < 2:
        raise ValueError(
            f"y_true: contains only one label ({classes[0]!r}); pass all classes through "
            "the `labels` argument"
        )
    if proba.ndim == 1:
        proba = proba[:, None]
    if proba.shape[1] == 1:
        proba = np.hstack([1 - proba, proba])
    if proba.shape[1] != len(classes):
        raise ValueError(
            f"y_proba: has {proba.shape[1]} columns but there are {len(classes)} classes "
            f"{classes.tolist()}; pass them through `labels`"
        )
    eps = np.finfo(proba.dtype).eps
    row_sums = proba.sum(axis=1)
    if not np.allclose(row_sums, 1, rtol=np.sqrt(eps), atol=0):
        warnings.warn("The y_prob values do not sum to one. Make sure to pass probabilities.",
                      UserWarning, stacklevel=2)
    proba = np.clip(proba, eps, 1 - eps)
    # Only the probability of the true class enters the loss: a gather, not a one-hot.
    losses = -np.log(proba[np.arange(len(y)), lookup(classes, y)])
    if normalize:
        return float(np.average(losses, weights=weight))
    return float(losses.sum() if weight is None else losses @ weight)


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------


def classification_report(y_true, y_pred, *, labels=None, target_names=None,
                          sample_weight=None, digits=2, output_dict=False,
                          zero_division="warn"):
    """Per-class precision, recall, F1 and support, with accuracy and averages.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,), or 0/1 indicator matrices of shape
        (n_samples, n_labels) for multi-label data (then the report has "micro avg" and
        "samples avg" rows instead of "accuracy", as scikit-learn's).
    labels : array-like, default=None
        Classes to report, in order (column indices for multi-label input).
    target_names : list of str, default=None
        Display names for ``labels``.
    sample_weight : array-like of shape (n_samples,), default=None
    digits : int, default=2
        Decimals in the text report.
    output_dict : bool, default=False
        Return a nested dict instead of text.
    zero_division : {"warn", 0, 1, np.nan}, default="warn"

    Returns
    -------
    report : str, or dict of the same numbers keyed by class name, "accuracy" (or
        "micro avg"), "macro avg", "weighted avg" (and "samples avg" for multi-label).
    """
    multilabel = is_multilabel(y_true, y_pred)
    if multilabel:
        Y, _, weight = check_indicator_pair(y_true, y_pred, sample_weight)
        present = np.arange(Y.shape[1])
    else:
        y_true, y_pred, weight = check_targets(y_true, y_pred, sample_weight)
        present = encode_labels(y_true, y_pred)[1]
    labels_given = labels is not None
    labels = present if labels is None else check_labels(labels)
    # "accuracy" only when every present class is reported (labels in any order); a
    # multi-label micro average is not an accuracy.
    micro_is_accuracy = not multilabel and (not labels_given
                                            or bool(np.isin(present, labels).all()))
    if target_names is not None and len(labels) != len(target_names):
        if labels_given:
            warnings.warn(f"labels size, {len(labels)}, does not match size of target_names, "
                          f"{len(target_names)}", UserWarning, stacklevel=2)
        else:
            raise ValueError(f"target_names: {len(target_names)} names for {len(labels)} "
                             "classes; pass `labels` to choose the classes")
    names = [str(n) for n in (target_names if target_names is not None else labels)]
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, sample_weight=weight,
        zero_division=zero_division,
    )
    headers = ("precision", "recall", "f1-score", "support")
    rows = {name: dict(zip(headers, (a, b, c, d), strict=True))
            for name, a, b, c, d in zip(names, p, r, f, s, strict=False)}
    averages = {}
    for average in ("micro", "macro", "weighted") + (("samples",) if multilabel else ()):
        heading = "accuracy" if average == "micro" and micro_is_accuracy else f"{average} avg"
        ap, ar, af, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, sample_weight=weight,
            zero_division=zero_division,
        )
        averages[heading] = dict(zip(headers, (ap, ar, af, np.sum(s)), strict=True))
    if output_dict:
        report = {k: {h: float(x) for h, x in v.items()} for k, v in (rows | averages).items()}
        if "accuracy" in report:
            report["accuracy"] = report["accuracy"]["precision"]
        return report
    width = max([len(n) for n in names] + [len("weighted avg"), digits])
    lines = [" " * width + " " + "".join(f" {h:>9}" for h in headers), ""]
    for name, v in rows.items():
        lines.append(f"{name:>{width}} " + "".join(f" {v[h]:>9.{digits}f}" for h in headers[:3])
                     + f" {v['support']:>9}")
    lines.append("")
    for heading, v in averages.items():
        support = f" {v['support']:>9}"
        if heading == "accuracy":
            lines.append(f"{heading:>{width}} " + " " * 20 + f" {v['f1-score']:>9.{digits}f}"
                         + support)
        else:
            lines.append(f"{heading:>{width}} " + "".join(
                f" {v[h]:>9.{digits}f}" for h in headers[:3]) + support)
    return "\n".join(lines) + "\n"
