"""How a decision tree scores a split: impurity, information gain, chi-square, variance.

A tree grows by asking, at every node, "which question ``x[feature] <= threshold`` makes
the two children purest?". This module answers it for **one feature** and is meant to be
read on its own:

* an **impurity** says how mixed the labels of a node are, from the class proportions
  ``p_k``:

  - Gini impurity   $G = 1 - \\sum_k p_k^2$ — the chance that two labels drawn at random
    (with replacement) from the node disagree. 0 for a pure node, ``1 - 1/K`` at most.
  - entropy         $H = -\\sum_k p_k \\log_2 p_k$ — the bits needed to encode a label.
    0 for a pure node, ``log2(K)`` at most.

* a split is good when the children are purer than the parent. The **gain** is the
  parent's impurity minus the children's impurities weighted by their share of samples:

  $$\\Delta = I(\\text{parent}) - \\frac{n_L}{n} I(L) - \\frac{n_R}{n} I(R).$$

  With entropy this is the **information gain** (the mutual information between the
  label and the side of the split); with Gini it is the *Gini decrease* CART uses.

* the **chi-square** statistic asks instead whether the class mix differs between the
  two children more than chance would make it (CHAID-style trees): it compares the
  observed 2 x K table of (child, class) counts with the counts expected if the children
  had the parent's proportions.

* for a numeric target, **variance reduction** is the gain with the variance as impurity
  (CART's squared-error criterion).

:func:`best_split` finds the best threshold of one feature the way every fast tree
builder does: sort the feature once, then a cumulative sum of the (one-hot) labels gives
the class counts of the left child for *every* threshold at once; the right child is the
total minus the left. No loop over thresholds.

All impurities accept ``sample_weight``: a weighted sample counts as that many samples.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_finite,
    check_option,
    check_sample_weight,
    check_scalar,
)

__all__ = [
    "Split",
    "best_split",
    "chi_square",
    "entropy",
    "entropy_from_counts",
    "gini",
    "gini_from_counts",
    "information_gain",
    "split_scores",
    "variance_reduction",
]


# --------------------------------------------------------------------------------------
# Impurities from class counts (vectorised: the last axis holds the classes)
# --------------------------------------------------------------------------------------


def gini_from_counts(counts: np.ndarray) -> np.ndarray:
    """Gini impurity ``1 - sum_k p_k^2`` of (weighted) class counts.

    ``counts`` has shape ``(..., n_classes)``; the result has shape ``(...)``. A node with
    no samples has impurity 0 by convention.
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=-1)
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, 1.0 - (counts**2).sum(axis=-1) / safe**2, 0.0)


def entropy_from_counts(counts: np.ndarray) -> np.ndarray:
    """Entropy ``-sum_k p_k log2 p_k`` in bits of (weighted) class counts.

    ``counts`` has shape ``(..., n_classes)``; the result has shape ``(...)``. A class with
    no samples contributes 0 (the limit of ``p log p`` as ``p -> 0``).
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=-1, keepdims=True)
    p = counts / np.where(total > 0, total, 1.0)
    # log2 of 0 would be -inf and 0 * -inf is NaN: evaluate the log only where p > 0.
    plogp = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    return -plogp.sum(axis=-1)


def _counts(y: np.ndarray, sample_weight: np.ndarray | None, classes: np.ndarray) -> np.ndarray:
    """Weighted count of each of ``classes`` in ``y``: shape ``(n_classes,)``."""
    codes = np.searchsorted(classes, y)
    return np.bincount(codes, weights=sample_weight, minlength=len(classes)).astype(float)


def _labels(y: object, name: str) -> np.ndarray:
    y = check_1d(y, name, min_samples=0)
    if y.dtype.kind in "fc":
        check_finite(y, name)
    return y


def gini(y, sample_weight=None) -> float:
    """Gini impurity of the labels ``y`` of shape ``(n_samples,)``.

    >>> gini([0, 0, 1, 1])
    0.5
    """
    y = _labels(y, "y")
    w = check_sample_weight(sample_weight, len(y))
    return float(gini_from_counts(_counts(y, w, np.unique(y))))


def entropy(y, sample_weight=None) -> float:
    """Entropy in bits of the labels ``y`` of shape ``(n_samples,)``.

    >>> entropy([0, 0, 1, 1])
    1.0
    """
    y = _labels(y, "y")
    w = check_sample_weight(sample_weight, len(y))
    return float(entropy_from_counts(_counts(y, w, np.unique(y))))


_IMPURITY = {"gini": gini_from_counts, "entropy": entropy_from_counts}


def information_gain(y_parent, y_left, y_right, criterion: str = "entropy") -> float:
    """Impurity decrease of splitting ``y_parent`` into ``y_left`` and ``y_right``.

    ``I(parent) - n_L/n I(left) - n_R/n I(right)`` with ``I`` the entropy (information
    gain, in bits) or the Gini impurity (``criterion="gini"``). The children must
    partition the parent (same labels, same counts).
    """
    check_option(criterion, "criterion", _IMPURITY)
    y_parent = _labels(y_parent, "y_parent")
    y_left, y_right = _labels(y_left, "y_left"), _labels(y_right, "y_right")
    if len(y_left) + len(y_right) != len(y_parent):
        raise ValueError(
            f"y_left and y_right: expected {len(y_parent)} samples between them (the "
            f"parent's), got {len(y_left)} + {len(y_right)}")
    classes = np.unique(y_parent)
    left, right = _counts(y_left, None, classes), _counts(y_right, None, classes)
    if not np.array_equal(left + right, _counts(y_parent, None, classes)):
        raise ValueError("y_left and y_right: expected the parent's labels split in two")
    impurity = _IMPURITY[criterion]
    n = len(y_parent)
    return float(impurity(left + right) - len(y_left) / n * impurity(left)
                 - len(y_right) / n * impurity(right))


def chi_square(y_left, y_right) -> float:
    """Pearson's chi-square statistic of the (child x class) table of a split.

    ``sum over cells (observed - expected)^2 / expected``, where ``expected`` is what a
    child would hold if it had the parent's class proportions:
    ``expected[child, k] = n_child * n_k / n``. 0 when both children have the parent's
    mix; large when the split separates the classes. Classes absent from both children
    are ignored (their expected count is 0).
    """
    y_left, y_right = _labels(y_left, "y_left"), _labels(y_right, "y_right")
    classes = np.unique(np.concatenate([y_left, y_right]))
    table = np.stack([_counts(y_left, None, classes), _counts(y_right, None, classes)])
    return float(_chi_square_tables(table[None])[0])


def _chi_square_tables(tables: np.ndarray) -> np.ndarray:
    """Chi-square statistic of each ``(2, n_classes)`` table in ``tables (m, 2, K)``."""
    n = tables.sum(axis=(1, 2), keepdims=True)
    expected = tables.sum(axis=2, keepdims=True) * tables.sum(axis=1, keepdims=True) / n
    # A child with no samples has expected 0 everywhere: it contributes nothing.
    contrib = np.where(expected > 0, (tables - expected) ** 2 / np.where(expected > 0,
                                                                           expected, 1), 0)
    return contrib.sum(axis=(1, 2))


def variance_reduction(y_parent, y_left, y_right) -> float:
    """Decrease of the variance of a numeric target by a split (squared-error CART).

    ``Var(parent) - n_L/n Var(left) - n_R/n Var(right)`` (population variances).
    """
    y_parent = check_finite(check_1d(y_parent, "y_parent").astype(float), "y_parent")
    y_left = check_finite(check_1d(y_left, "y_left", min_samples=0).astype(float), "y_left")
    y_right = check_finite(check_1d(y_right, "y_right", min_samples=0).astype(float),
                           "y_right")
    if len(y_left) + len(y_right) != len(y_parent):
        raise ValueError(
            f"y_left and y_right: expected {len(y_parent)} samples between them (the "
            f"parent's), got {len(y_left)} + {len(y_right)}")
    n = len(y_parent)
    children = sum(len(c) / n * c.var() for c in (y_left, y_right) if len(c))
    return float(y_parent.var() - children)


# --------------------------------------------------------------------------------------
# The best threshold of one feature
# --------------------------------------------------------------------------------------


class Split(NamedTuple):
    """The best split of one feature: ``x <= threshold`` goes left.

    ``score`` is the criterion's value (impurity decrease, or the chi-square statistic);
    ``n_left`` the number of samples sent left. ``threshold`` is NaN when no split exists
    (a constant feature, or too few samples for ``min_samples_leaf``).
    """

    threshold: float
    score: float
    n_left: int


_CRITERIA = ("gini", "entropy", "chi_square", "variance")


def best_split(x, y, criterion: str = "gini", *, min_samples_leaf: int = 1) -> Split:
    """Best threshold on one feature ``x`` of shape ``(n_samples,)`` for targets ``y``.

    Candidate thresholds are the midpoints between consecutive distinct sorted values of
    ``x``, so every candidate separates the data differently. The winner maximises the
    criterion:

    - ``"gini"``: Gini decrease; ``"entropy"``: information gain (bits);
    - ``"chi_square"``: Pearson's chi-square of the (child x class) table;
    - ``"variance"``: variance reduction (``y`` numeric).

    Ties go to the smallest threshold. Cost: one sort, ``O(n log n)``, then ``O(n K)``
    array work for all thresholds together.

    >>> best_split([1, 2, 3, 4], [0, 0, 1, 1])
    Split(threshold=2.5, score=0.5, n_left=2)
    """
    xs, n_left, score = _scores_after_sort(x, y, criterion, min_samples_leaf)
    if np.all(score == -np.inf):                              # no split allowed
        return Split(float("nan"), float("nan"), 0)
    i = int(np.argmax(score))                                # first maximum: smallest x
    return Split(float(xs[i] / 2 + xs[i + 1] / 2), float(score[i]), int(n_left[i]))


def split_scores(x, y, criterion: str = "gini", *,
                 min_samples_leaf: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate threshold of :func:`best_split` and its score, increasing
    thresholds: two arrays of shape ``(n_candidates,)`` (empty when no split is allowed).
    """
    xs, _, score = _scores_after_sort(x, y, criterion, min_samples_leaf)
    valid = score != -np.inf
    return (xs[:-1][valid] / 2 + xs[1:][valid] / 2), score[valid]


def _scores_after_sort(x, y, criterion: str, min_samples_leaf: int):
    """``(sorted x (n,), n_left (n - 1,), score (n - 1,))`` for a split after each sorted
    position; ``-inf`` where the split is not allowed."""
    check_option(criterion, "criterion", _CRITERIA)
    x = check_finite(check_1d(x, "x").astype(float), "x")
    y = _labels(y, "y")
    check_consistent_length(x=x, y=y)
    check_scalar(min_samples_leaf, "min_samples_leaf", int, lo=1)
    n = len(x)

    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    # Split after position i (left = xs[:i+1]) for i = 0 .. n-2, only between distinct
    # values and with at least min_samples_leaf samples on each side.
    n_left = np.arange(1, n)
    valid = (xs[1:] > xs[:-1]) & (n_left >= min_samples_leaf) & (n - n_left >= min_samples_leaf)
    if not valid.any():
        return xs, n_left, np.full(len(n_left), -np.inf)

    if criterion == "variance":
        ys = ys.astype(float)
        check_finite(ys, "y")
        # Sums and sums of squares of the left child for every split at once.
        s, s2 = np.cumsum(ys)[:-1], np.cumsum(ys**2)[:-1]
        nl, nr = n_left, n - n_left
        var_left = s2 / nl - (s / nl) ** 2
        var_right = (ys @ ys - s2) / nr - ((ys.sum() - s) / nr) ** 2
        score = ys.var() - nl / n * var_left - nr / n * var_right
    else:
        classes, codes = np.unique(ys, return_inverse=True)
        onehot = np.eye(len(classes))[codes]                # (n, K)
        left = np.cumsum(onehot, axis=0)[:-1]               # counts left of each split
        right = left[-1] + onehot[-1] - left                 # total minus left
        if criterion == "chi_square":
            score = _chi_square_tables(np.stack([left, right], axis=1))
        else:
            impurity = _IMPURITY[criterion]
            score = (impurity(left[-1] + onehot[-1]) - n_left / n * impurity(left)
                     - (n - n_left) / n * impurity(right))
    return xs, n_left, np.where(valid, score, -np.inf)
