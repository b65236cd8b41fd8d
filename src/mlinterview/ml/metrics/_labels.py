"""Checking and encoding class labels: the shared front door of the classification metrics
(and the metrics package's other input checks: scores, indicator matrices, overflow).

Every label metric starts the same way: check that ``y_true`` and ``y_pred`` are 1-D
vectors of class labels of the same length and kind, then turn the labels into integer
codes ``0 .. n_classes - 1`` so that counting is a single ``np.bincount``. Doing that once
here is what keeps each metric a few lines long and the error messages identical.
"""

from __future__ import annotations

import numbers
from itertools import pairwise

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_1d,
    check_consistent_length,
    check_finite,
    check_sample_weight,
)

# Integer labels spanning at most this many values per sample are encoded with a lookup
# table (O(n)) instead of a sort (O(n log n)).
_DENSE_RANGE_FACTOR = 4

# Sample weights are relative, but the metrics add them up and some multiply or square
# the totals (the F-score's (1 + b^2) TP, Matthews' s^2): weights beyond 1e100 could
# overflow float64 there, so they are refused with a request to rescale (the estimators
# use the same bound for their inputs).
MAX_WEIGHT = 1e100


def check_weights(sample_weight: object, n_samples: int, *,
                  allow_all_zero: bool = False) -> np.ndarray | None:
    """``sample_weight`` of a metric: ``None``, a number (the same for every sample) or
    finite, non-negative weights of shape ``(n_samples,)`` (the length of ``y_true``), not
    all zero (a mean over a total weight of 0 is 0/0; ``allow_all_zero`` for a metric
    that reports that itself) and at most :data:`MAX_WEIGHT`."""
    if sample_weight is not None and not isinstance(sample_weight, numbers.Number):
        sample_weight = as_array(sample_weight, "sample_weight")  # ragged lists, by name
        if sample_weight.ndim == 1 and len(sample_weight) != n_samples:
            raise ValueError(f"inconsistent numbers of samples: y_true has {n_samples}, "
                             f"sample_weight has {len(sample_weight)}")
    w = check_sample_weight(sample_weight, n_samples, allow_all_zero=allow_all_zero)
    if w is not None and w.size and w.max() > MAX_WEIGHT:
        raise ValueError(f"sample_weight: expected weights of at most {MAX_WEIGHT:g} (larger "
                         f"ones overflow float64 in the weighted counts), found "
                         f"{float(w.max()):g}; rescale them")
    return w


def _label_kind(y: np.ndarray, name: str) -> str:
    """'number' or 'string'; raise for NaN, continuous values or a mix of kinds."""
    kind = y.dtype.kind
    if kind in "biu":
        return "number"
    if kind == "f":
        if np.isnan(y).any():
            raise ValueError(f"{name}: expected class labels, found NaN")
        if not np.isfinite(y).all():
            raise ValueError(f"{name}: expected class labels, found infinity")
        # Whole numbers beyond int64 (1e300) are not class labels either: scikit-learn
        # calls them continuous, and above 2**53 they no longer count exactly.
        continuous = (y != np.round(y)) | (np.abs(y) >= 2.0**63)
        if continuous.any():
            example = y[continuous][0].item()
            raise ValueError(
                f"{name}: expected class labels, got continuous values such as {example!r}; "
                "threshold scores first or use a ranking metric"
            )
        return "number"
    if kind in "US":
        return "string"
    if kind == "O":
        is_str = np.fromiter((isinstance(v, str) for v in y), bool, len(y))
        if is_str.all():
            return "string"
        if is_str.any():
            raise ValueError(f"{name}: mix of string and number labels")
        try:
            return _label_kind(y.astype(np.float64), name)
        except (TypeError, ValueError) as exc:
            if "class labels" in str(exc):
                raise
            raise ValueError(f"{name}: expected class labels (numbers or strings)") from None
    raise ValueError(f"{name}: expected class labels (numbers or strings), got dtype {y.dtype}")


def check_targets(
    y_true: object, y_pred: object, sample_weight: object = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validate two label vectors of shape ``(n_samples,)`` and optional weights.

    Raises ``ValueError`` for 2-D labels (multi-label indicators included), a length
    mismatch, an empty input, NaN or continuous values, and a mix of string and number
    labels.
    """
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if is_multilabel(y):
            raise ValueError(
                f"{name}: expected class labels of shape (n_samples,), got a 2-D array of "
                f"shape {np.shape(y)}; this metric does not take multi-label (indicator "
                "matrix) input"
            )
    y_true, kind_true = check_label_vector(y_true, "y_true")
    y_pred, kind_pred = check_label_vector(y_pred, "y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    if kind_true != kind_pred:
        raise ValueError("y_true and y_pred: mix of string and number labels")
    weight = check_weights(sample_weight, len(y_true))
    return y_true, y_pred, weight


def check_scores(y: object, name: str) -> np.ndarray:
    """Finite real scores or probabilities (an array of any shape but a scalar) as a
    float array.

    Bools count as 0/1; strings, objects and complex numbers raise ``TypeError`` naming
    ``name`` (a cast would drop the imaginary part, or fail deep inside NumPy).
    """
    s = as_array(y, name)
    if s.ndim == 0:
        raise ValueError(f"{name}: expected an array of scores, got a scalar {s.item()!r}")
    if s.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected real numbers, got dtype {s.dtype}")
    return check_finite(s.astype(np.float64, copy=False) if s.dtype.kind != "f" else s, name)


def check_label_vector(y: object, name: str) -> tuple[np.ndarray, str]:
    """One label vector of shape ``(n_samples,)`` and its kind ('number' or 'string')."""
    y = check_1d(y, name)
    return y, _label_kind(y, name)


def encode_labels(*ys: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Map the labels of several vectors to codes ``0 .. k-1`` over their sorted union.

    Returns ``(codes, classes)``: one int array per input and the ``k`` sorted classes, so
    that ``classes[codes[i]] == ys[i]``.
    """
    ys = [np.asarray(y) for y in ys]
    if all(y.dtype.kind in "biu" for y in ys):
        ys_int = [y.astype(np.int64, copy=False) for y in ys]
        lo = min(int(y.min()) for y in ys_int)
        hi = max(int(y.max()) for y in ys_int)
        span = hi - lo + 1
        if span <= _DENSE_RANGE_FACTOR * sum(len(y) for y in ys) + 16:
            # Presence table over the value range, then a cumulative sum gives each
            # present value its rank: a linear-time alternative to np.unique's sort.
            present = np.zeros(span, dtype=bool)
            for y in ys_int:
                present[y - lo] = True
            rank = np.cumsum(present) - 1
            classes = np.flatnonzero(present) + lo
            codes = [rank[y - lo] for y in ys_int]
            return codes, classes.astype(ys[0].dtype if len(ys) == 1 else np.result_type(*ys))
    joined = np.concatenate([y.astype(object) if y.dtype == object else y for y in ys])
    classes, inverse = np.unique(joined, return_inverse=True)
    bounds = np.cumsum([0] + [len(y) for y in ys])
    return [inverse[a:b] for a, b in pairwise(bounds)], classes


def lookup(classes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Position of each of ``labels`` in the sorted ``classes``, or -1 where absent."""
    labels = np.asarray(labels)
    if len(classes) == 0:
        return np.full(len(labels), -1)
    try:
        pos = np.searchsorted(classes, labels)
    except TypeError:
        # e.g. string labels looked up among integer classes: none can match
        return np.full(len(labels), -1)
    pos = np.minimum(pos, len(classes) - 1)
    found = classes[pos] == labels
    return np.where(found, pos, -1)


def check_labels(labels: object) -> np.ndarray:
    """The ``labels`` argument: a non-empty 1-D array of unique labels."""
    labels = check_1d(labels, "labels")
    if len(np.unique(labels)) != len(labels):
        raise ValueError(f"labels: expected unique labels, got {labels.tolist()}")
    return labels


def confusion_counts(
    codes_true: np.ndarray, codes_pred: np.ndarray, n_classes: int, weight: np.ndarray | None
) -> np.ndarray:
    """Counts ``C[i, j]`` of samples with true code ``i`` and predicted code ``j``.

    One ``np.bincount`` over the flat index ``i * k + j``: linear time, no Python loop.
    Integer counts without weights (or with integer weights), float with float weights.
    """
    flat = codes_true * n_classes + codes_pred
    counts = np.bincount(flat, weights=weight, minlength=n_classes * n_classes)
    if weight is None or weight.dtype.kind in "biu":
        counts = counts.astype(np.int64)
    return counts.reshape(n_classes, n_classes)


# ---------------------------------------------------------------------------------------
# Multi-label indicator matrices
# ---------------------------------------------------------------------------------------


def is_multilabel(*ys: object) -> bool:
    """Whether any of ``ys`` is a multi-label indicator: 2-D with more than one column.

    A single column ``(n_samples, 1)`` is a column vector of class labels, as in
    scikit-learn. Input that is not even an array (ragged lists) is not multi-label: the
    1-D checks then reject it with a message naming the argument.
    """
    for y in ys:
        try:
            shape = np.shape(y)
        except (TypeError, ValueError):  # ragged nested lists cannot be shaped
            continue
        if len(shape) == 2 and shape[1] > 1:
            return True
    return False


def check_indicator(y: object, name: str) -> np.ndarray:
    """A 0/1 indicator matrix of shape ``(n_samples, n_labels)`` as a bool array."""
    arr = as_array(y, name)
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 0/1 indicator matrix of shape "
                         f"(n_samples, n_labels), got shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name}: expected at least one sample and one label, got shape "
                         f"{arr.shape}")
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name}: expected a 0/1 indicator matrix of numbers, got dtype "
                         f"{arr.dtype}")
    bad = ~((arr == 0) | (arr == 1))
    if bad.any():
        raise ValueError(f"{name}: expected only 0 and 1 in an indicator matrix, found "
                         f"{arr[bad][0].item()!r}")
    return arr.astype(bool)


def check_indicator_pair(
    y_true: object, y_pred: object, sample_weight: object = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Two indicator matrices of the same shape ``(n_samples, n_labels)`` and weights.

    All-zero weights are refused, as scikit-learn does: every average would be 0/0.
    """
    Y = check_indicator(y_true, "y_true")
    P = check_indicator(y_pred, "y_pred")
    if Y.shape != P.shape:
        raise ValueError(f"y_true and y_pred: expected indicator matrices of the same shape, "
                         f"got {Y.shape} and {P.shape}")
    return Y, P, check_weights(sample_weight, Y.shape[0])


def check_label_columns(labels: object, n_labels: int) -> np.ndarray:
    """The ``labels`` argument for multi-label input: unique column indices in
    ``[0, n_labels)`` (labels of an indicator matrix are its column numbers)."""
    labels = check_labels(labels)
    if labels.dtype.kind not in "iu":
        raise TypeError(f"labels: expected column indices (integers) for multi-label input, "
                        f"got dtype {labels.dtype}")
    out = labels[(labels < 0) | (labels >= n_labels)]
    if out.size:
        raise ValueError(f"labels: expected column indices in [0, {n_labels}) for "
                         f"multi-label input, got {out[0]}")
    return labels.astype(np.intp)


def indicator_totals(
    Y: np.ndarray, P: np.ndarray, weight: np.ndarray | None, *, samplewise: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True positives, predicted totals and true totals of bool matrices ``Y``, ``P``.

    Per label (column sums, shape ``(n_labels,)``) or, with ``samplewise``, per sample
    (row sums, shape ``(n_samples,)``). Each sample counts with its weight in both
    cases, as in scikit-learn: a sample of weight 0 then has no counts at all, so its
    ratios are 0/0 (it does not enter a weighted average anyway). A weighted column sum
    is one matrix-vector product; no Python loop.
    """
    hits = Y & P
    if samplewise:
        totals = [m.sum(axis=1) for m in (hits, P, Y)]
        if weight is not None:
            totals = [t * weight for t in totals]
        return tuple(totals)
    if weight is None:
        return tuple(m.sum(axis=0) for m in (hits, P, Y))
    return tuple(weight @ m for m in (hits, P, Y))
