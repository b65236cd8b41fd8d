"""Longest common subsequence: the DP table, Hirschberg's linear-space reconstruction and
the bit-parallel length.

A subsequence keeps order but may skip symbols ("ace" is a subsequence of "abcde"). With
``L[i, j]`` the LCS length of ``a[:i]`` and ``b[:j]``:

    L[i, j] = L[i-1, j-1] + 1                  if a[i-1] == b[j-1]
            = max(L[i-1, j], L[i, j-1])        otherwise

| method | time | memory | gives |
|---|---|---|---|
| ``dp`` table | O(nm) | O(nm) | length and one LCS (walk back from the corner) |
| ``dp`` two rows | O(nm) | O(m) | length only |
| ``hirschberg`` | O(nm), about 2x the table | O(n + m) | one LCS |
| ``bitparallel`` | O(nm / w) word operations | O(n / w) words per symbol | length only |

One row of the table is computed with NumPy, without a Python loop over its cells:
because ``L[i-1, j-1] + 1 >= L[i-1, j]``, each cell is the running maximum of
``x[j] = L[i-1, j-1] + 1`` (where the symbols match) or ``L[i-1, j]`` (where they do not),
so a row is ``np.maximum.accumulate(x)``.

Sources: Wagner & Fischer (1974); Hirschberg, "A linear space algorithm for computing
maximal common subsequences" (1975); Allison & Dix (1986) and Hyyrö (2004) for the
bit-vector recurrence.

``bitparallel`` runs as written here, on one Python int, unless Numba is installed (the
``fast`` extra): then a compiled twin (``_lcs_numba``) sweeps an array of 64-bit words
with the same recurrence, about ten times faster. ``MLINTERVIEW_NO_NUMBA=1`` forces the
Python version.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from mlinterview.algo._lcs_numba import code_points, lcs_length_compiled
from mlinterview.ml._numba import worth_compiling
from mlinterview.ml._validation import check_option

__all__ = ["lcs", "lcs_length", "lcs_table"]

LENGTH_METHODS = ("dp", "bitparallel")
SEQUENCE_METHODS = ("dp", "hirschberg")


def _check_sequence(x: object, name: str) -> Sequence:
    if not isinstance(x, (str, list, tuple)):
        raise TypeError(f"{name}: expected a str, list or tuple, got {type(x).__name__}")
    return x


def _encode(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Both sequences as int64 codes of shape (n,) and (m,), equal codes for equal symbols."""
    codes: dict[Hashable, int] = {}
    try:
        ca = np.fromiter((codes.setdefault(s, len(codes)) for s in a), np.int64, len(a))
        cb = np.fromiter((codes.setdefault(s, len(codes)) for s in b), np.int64, len(b))
    except TypeError as exc:
        raise TypeError(f"a, b: symbols must be hashable ({exc})") from None
    return ca, cb


def _next_row(prev: np.ndarray, symbol: int, cb: np.ndarray) -> np.ndarray:
    """Row i of the table, shape (m + 1,), from row i-1 and the symbol a[i-1]."""
    x = prev.copy()
    match = cb == symbol
    x[1:][match] = prev[:-1][match] + 1
    return np.maximum.accumulate(x)


def _last_row(ca: np.ndarray, cb: np.ndarray) -> np.ndarray:
    """The last row ``L[len(ca), :]`` in O(m) memory: lengths of LCS(ca, cb[:j])."""
    row = np.zeros(len(cb) + 1, dtype=np.int64)
    for symbol in ca:
        row = _next_row(row, symbol, cb)
    return row


def lcs_table(a: Sequence, b: Sequence) -> np.ndarray:
    """The full DP table, shape (len(a) + 1, len(b) + 1), int64.

    ``table[i, j]`` is the LCS length of ``a[:i]`` and ``b[:j]``; row 0 and column 0 are
    zero. O(nm) time and memory: for teaching and for reconstructing a solution.

    >>> lcs_table("ab", "b").tolist()
    [[0, 0], [0, 0], [0, 1]]
    """
    a, b = _check_sequence(a, "a"), _check_sequence(b, "b")
    return _table(*_encode(a, b))


def _table(ca: np.ndarray, cb: np.ndarray) -> np.ndarray:
    table = np.zeros((len(ca) + 1, len(cb) + 1), dtype=np.int64)
    for i, symbol in enumerate(ca, start=1):
        table[i] = _next_row(table[i - 1], symbol, cb)
    return table


def _bitparallel_length(a: Sequence, b: Sequence) -> int:
    """LCS length with the bits of a Python int as a bit vector over ``a``.

    ``V`` has a 1 at position i while ``a[i]`` is still unmatched in the current column.
    For each symbol y of ``b`` (one step per symbol): ``U = V & M[y]`` are the matches,
    ``V = (V + U) | (V - U)``; the addition carries each match up to the next free
    position. At the end, LCS = number of zeros in V's low n bits (Hyyrö 2004).
    """
    n = len(a)
    full = (1 << n) - 1
    match: dict[Hashable, int] = {}
    for i, symbol in enumerate(a):
        match[symbol] = match.get(symbol, 0) | (1 << i)
    v = full
    for symbol in b:
        u = v & match.get(symbol, 0)
        v = ((v + u) | (v - u)) & full
    return n - v.bit_count()


def lcs_length(a: Sequence, b: Sequence, method: str = "dp") -> int:
    """Length of a longest common subsequence of ``a`` and ``b``.

    Parameters
    ----------
    a, b : str, list or tuple of hashable symbols, lengths n and m
    method : {"dp", "bitparallel"}
        "dp": two rows of the table, O(nm) time, O(m) memory.
        "bitparallel": one big-integer step per symbol of ``b``, O(nm / w) word
        operations with w the machine word; the fastest in pure Python, and compiled
        (64-bit words, the carry passed word to word) when Numba is installed.

    >>> lcs_length("ABCBDAB", "BDCABA"), lcs_length("ABCBDAB", "BDCABA", "bitparallel")
    (4, 4)
    """
    a, b = _check_sequence(a, "a"), _check_sequence(b, "b")
    check_option(method, "method", LENGTH_METHODS)
    if method == "bitparallel":
        if worth_compiling(len(a) * len(b) / 64):  # 64-bit words of the bit-parallel sweep
            both_str = isinstance(a, str) and isinstance(b, str)
            codes = (code_points(a), code_points(b)) if both_str else _encode(a, b)
            return lcs_length_compiled(*codes)
        try:
            return _bitparallel_length(a, b)
        except TypeError as exc:
            raise TypeError(f"a, b: symbols must be hashable ({exc})") from None
    if len(a) < len(b):  # the shorter sequence along the row: less memory
        a, b = b, a
    ca, cb = _encode(a, b)
    return int(_last_row(ca, cb)[-1])


def _rebuild(a: Sequence, items: list) -> Sequence:
    """``items`` as the type of ``a`` (str, list or tuple)."""
    if isinstance(a, str):
        return "".join(items)
    return type(a)(items)


def _walk_back(table: np.ndarray, ca: np.ndarray, cb: np.ndarray) -> list[int]:
    """Indices into ``a`` of one LCS, read from the corner of the table to the origin."""
    i, j = len(ca), len(cb)
    picked: list[int] = []
    while i > 0 and j > 0:
        if ca[i - 1] == cb[j - 1]:
            picked.append(i - 1)
            i, j = i - 1, j - 1
        elif table[i - 1, j] >= table[i, j - 1]:
            i -= 1
        else:
            j -= 1
    return picked[::-1]


def _hirschberg(ca: np.ndarray, cb: np.ndarray, offset: int, out: list[int]) -> None:
    """Append to ``out`` the indices (into the full ``a``) of one LCS of ``ca`` and ``cb``.

    Split ``a`` in half; the forward last row of the top half and the backward last row
    of the bottom half say, for each split ``k`` of ``b``, the best total length; recurse
    on the two halves at the best ``k``. Recursion depth is log2(n); memory O(n + m).
    """
    n, m = len(ca), len(cb)
    if n == 0 or m == 0:
        return
    if n == 1:
        if np.any(cb == ca[0]):
            out.append(offset)
        return
    mid = n // 2
    top = _last_row(ca[:mid], cb)
    bottom = _last_row(ca[mid:][::-1], cb[::-1])
    k = int(np.argmax(top + bottom[::-1]))
    _hirschberg(ca[:mid], cb[:k], offset, out)
    _hirschberg(ca[mid:], cb[k:], offset + mid, out)


def lcs(a: Sequence, b: Sequence, method: str = "dp") -> Sequence:
    """One longest common subsequence of ``a`` and ``b``, of the same type as ``a``.

    Parameters
    ----------
    a, b : str, list or tuple of hashable symbols, lengths n and m
    method : {"dp", "hirschberg"}
        "dp": the full table then a walk back, O(nm) time and memory.
        "hirschberg": divide and conquer on two rows, O(nm) time, O(n + m) memory.

    Several LCS may exist; each method returns one of them.

    >>> lcs("ABCBDAB", "BDCABA")
    'BCBA'
    """
    a, b = _check_sequence(a, "a"), _check_sequence(b, "b")
    check_option(method, "method", SEQUENCE_METHODS)
    ca, cb = _encode(a, b)
    if method == "dp":
        picked = _walk_back(_table(ca, cb), ca, cb)
    else:
        picked = []
        _hirschberg(ca, cb, 0, picked)
    return _rebuild(a, [a[i] for i in picked])
