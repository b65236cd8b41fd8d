"""Divide and conquer on arrays: merge sort and quickselect.

merge sort: split in half, sort each half, merge. T(n) = 2 T(n/2) + O(n) = O(n log n)
in every case; stable; O(n) extra memory for the merge.

quickselect: the k-th smallest value. Partition around a random pivot and keep only
the side that holds position k. Expected T(n) = T(n/2) + O(n) = O(n) (the work halves
each round: n + n/2 + n/4 + ... < 2n); worst case O(n^2) with unlucky pivots, which a
random pivot makes vanishingly unlikely (median-of-medians makes it O(n) always).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_1d, check_random_state, check_scalar

__all__ = ["merge_sort", "quickselect"]


def _merge(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Stable merge of two sorted arrays, vectorised.

    Each element's final position is its index in its own half plus the number of
    elements of the other half that go before it. On ties the left element goes first
    (``side="left"`` for the left half, ``"right"`` for the right half): that is
    stability.
    """
    out = np.empty(len(left) + len(right), dtype=np.result_type(left, right))
    out[np.arange(len(left)) + np.searchsorted(right, left, side="left")] = left
    out[np.arange(len(right)) + np.searchsorted(left, right, side="right")] = right
    return out


def _merge_sort(x: np.ndarray) -> np.ndarray:
    if len(x) <= 1:
        return x
    mid = len(x) // 2
    return _merge(_merge_sort(x[:mid]), _merge_sort(x[mid:]))


def merge_sort(x: object) -> np.ndarray:
    """A sorted copy of the 1-D array-like ``x``, shape (n,); stable. O(n log n).

    Recursion depth is log2(n), so even a million values need only 20 frames.

    >>> merge_sort([3, 1, 2]).tolist()
    [1, 2, 3]
    """
    x = check_1d(x, "x", min_samples=0)
    if x.dtype.kind == "f" and np.isnan(x).any():
        raise ValueError("x: expected no NaN (NaN has no place in a total order)")
    return _merge_sort(x.copy())


def quickselect(x: object, k: int, *, random_state: object = None) -> object:
    """The k-th smallest value of ``x`` (0-based: k=0 is the minimum), like
    ``np.partition(x, k)[k]``. Expected O(n) time.

    Each round splits the candidates into less-than, equal-to and greater-than the pivot
    with boolean masks (a three-way partition, so many equal values cannot make it
    quadratic) and keeps the part that holds position k.
    """
    x = check_1d(x, "x")
    check_scalar(k, "k", (int, np.integer), lo=0, hi=len(x) - 1)
    if x.dtype.kind == "f" and np.isnan(x).any():
        raise ValueError("x: expected no NaN (NaN has no place in a total order)")
    rng = check_random_state(random_state)
    while True:
        pivot = x[rng.integers(len(x))]
        less = x[x < pivot]
        if k < len(less):
            x = less
            continue
        n_equal = int(np.count_nonzero(x == pivot))
        if k < len(less) + n_equal:
            return pivot
        k -= len(less) + n_equal
        x = x[x > pivot]
