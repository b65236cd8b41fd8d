"""LCS length against rapidfuzz's LCSseq.similarity (an independent C++ bit-parallel
implementation) on long random inputs; exact integer equality."""

import numpy as np
import pytest
from rapidfuzz.distance import LCSseq

from mlinterview.algo.lcs import lcs, lcs_length


@pytest.mark.parametrize("n, m, alphabet", [(1, 500, "ab"), (64, 64, "ACGT"),
                                            (65, 1000, "ACGT"), (3000, 2000, "ab"),
                                            (2500, 2500, "abcdefghijklmnopqrstuvwxyz")])
def test_bitparallel_length_matches_rapidfuzz(n, m, alphabet):
    rng = np.random.default_rng(n + m)
    a = "".join(rng.choice(list(alphabet), n))
    b = "".join(rng.choice(list(alphabet), m))
    assert lcs_length(a, b, method="bitparallel") == LCSseq.similarity(a, b)


@pytest.mark.parametrize("n", [10, 200, 700])
def test_dp_and_hirschberg_lengths_match_rapidfuzz(n):
    rng = np.random.default_rng(n)
    a = "".join(rng.choice(list("xyz"), n))
    b = "".join(rng.choice(list("xyz"), n + 13))
    ref = LCSseq.similarity(a, b)
    assert lcs_length(a, b) == ref
    assert len(lcs(a, b)) == len(lcs(a, b, "hirschberg")) == ref


def test_unicode_symbols():
    a, b = "naïve café ☕ über", "naive cafe über ☕"
    assert lcs_length(a, b, "bitparallel") == lcs_length(a, b) == LCSseq.similarity(a, b)
