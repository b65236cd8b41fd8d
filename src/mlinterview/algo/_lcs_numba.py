"""Compiled twin of :func:`mlinterview.algo.lcs.lcs_length` with ``method="bitparallel"``.

The readable version (``lcs._bitparallel_length``) keeps the bit vector in one Python
int, so each step over a symbol of ``b`` is two big-integer operations, each a pass over
``n / 30`` digits plus a new object. Here the vector is an array of 64-bit words and one
step is a single loop over those words, the carry of ``V + U`` handed from word to word
(Hyyrö 2004, "Bit-parallel LCS-length computation revisited"; the word-by-word form is
what rapidfuzz's ``LCSseq`` does in C++). Same recurrence, same answer:

    U = V & M[y];  V = (V + U) | (V & ~M[y])   (V & ~M[y] == V - U, as U is inside V)

Symbols are compared by value: a string by its code points (as rapidfuzz does), a list
or tuple by the integer codes ``lcs._encode`` gives equal symbols. Only symbols found in
both sequences get a match mask, ``k`` masks of ``ceil(n / 64)`` words: a symbol of
``b`` absent from ``a`` leaves ``V`` unchanged and is skipped.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._numba import njit

# A lookup table over the code range of ``a`` is used up to this many entries (int32,
# 16 MB); a wider range (a few rare code points far apart) is renumbered with np.unique.
_MAX_TABLE = 1 << 22


def code_points(s: str) -> np.ndarray:
    """The code points of ``s``, int64 of shape (len(s),). UTF-32 is one unit per code
    point; ``surrogatepass`` keeps lone surrogates, which Python strings may hold."""
    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.int64)


def lcs_length_compiled(ca: np.ndarray, cb: np.ndarray) -> int:
    """LCS length of two int64 code arrays, shapes (n,) and (m,), by the compiled sweep."""
    if ca.size == 0 or cb.size == 0:
        return 0
    lo, hi = int(ca.min()), int(ca.max())
    if hi - lo >= _MAX_TABLE:
        keys = np.unique(ca)
        pos = np.minimum(np.searchsorted(keys, cb), keys.size - 1)
        ca = np.searchsorted(keys, ca)
        cb = np.where(keys[pos] == cb, pos, -1)     # -1: not a symbol of a
        lo, hi = 0, keys.size - 1
    return int(_sweep(ca, cb, lo, hi - lo + 1))


@njit(cache=True, nogil=True)
def _sweep(ca, cb, lo, span):
    """LCS length of int64 codes ``ca`` (n,) and ``cb`` (m,), with ``ca`` in
    ``[lo, lo + span)``: masks, then one pass over the words of V per symbol of ``cb``."""
    n, m = ca.size, cb.size
    # Number the symbols found in both sequences 0..k-1 through a table over a's codes.
    table = np.full(span, -1, dtype=np.int32)
    for i in range(n):
        table[ca[i] - lo] = -2                      # -2: in a, not (yet) seen in b
    k = 0
    ids_b = np.full(m, -1, dtype=np.int64)
    for j in range(m):
        c = cb[j] - lo
        if 0 <= c < span and table[c] != -1:
            if table[c] == -2:
                table[c] = k
                k += 1
            ids_b[j] = table[c]
    # Match masks, built once: bit i of masks[s] is set where a[i] is symbol s.
    n_words = (n + 63) // 64
    masks = np.zeros((k, n_words), dtype=np.uint64)
    one = np.uint64(1)
    for i in range(n):
        s = table[ca[i] - lo]
        if s >= 0:
            masks[s, i >> 6] |= one << np.uint64(i & 63)
    # V starts all ones: every position of a unmatched.
    v = np.full(n_words, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    zero = np.uint64(0)
    for j in range(m):
        s = ids_b[j]
        if s < 0:
            continue
        carry = zero
        for w in range(n_words):
            vw = v[w]
            u = vw & masks[s, w]
            total = vw + u
            out = total < vw                        # carry out of vw + u
            total += carry
            carry = one if out or total < carry else zero
            v[w] = total | (vw & ~masks[s, w])
    # LCS = zeros of V among its low n bits; the top word's spare bits are ignored.
    # Popcount by SWAR: sums of 2, 4 and 8 bits, then a multiply adds up the bytes.
    zeros = zero
    for w in range(n_words):
        x = ~v[w]
        if w == n_words - 1 and n % 64:
            x &= (one << np.uint64(n % 64)) - one
        x = x - ((x >> one) & np.uint64(0x5555555555555555))
        x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2))
                                                   & np.uint64(0x3333333333333333))
        x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
        zeros += (x * np.uint64(0x0101010101010101)) >> np.uint64(56)
    return zeros
