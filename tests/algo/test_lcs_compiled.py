"""The compiled bit-parallel LCS length (``algo._lcs_numba``) against the readable
Python-int version (``lcs._bitparallel_length``), rapidfuzz's ``LCSseq`` and the DP.

All three give integers: equality is exact. Sizes straddle the 64-bit word edges
(63, 64, 65, 128, 129) where a carry crosses from one word to the next.
Skipped, with the reason shown, when numba is not installed (the ``fast`` extra).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from mlinterview.algo import lcs as lcs_module
from mlinterview.algo._lcs_numba import code_points, lcs_length_compiled
from mlinterview.algo.lcs import lcs_length
from mlinterview.ml import _numba

needs_numba = pytest.mark.skipif(not _numba.use_numba(),
                                 reason="numba (the 'fast' extra) is not installed or "
                                        "MLINTERVIEW_NO_NUMBA is set: no compiled twin")

ALPHABETS = {"binary": "ab", "dna": "ACGT", "letters": "abcdefghijklmnopqrstuvwxyz",
             # accents (one code point each), a combining mark, CJK, astral emoji
             "unicode": "aé\u0301ü中文☕\U0001F600\U0001F680"}


def _random_pair(n, m, alphabet, seed):
    rng = np.random.default_rng(seed)
    symbols = list(alphabet)
    return "".join(rng.choice(symbols, n)), "".join(rng.choice(symbols, m))


def _compiled(a, b):
    return lcs_length_compiled(code_points(a), code_points(b))


@needs_numba
@pytest.mark.parametrize("alphabet", ALPHABETS)
@pytest.mark.parametrize("n, m", [(0, 0), (0, 9), (9, 0), (1, 1), (1, 300), (63, 64),
                                  (64, 64), (65, 129), (128, 127), (129, 1000),
                                  (1000, 129), (3000, 2500)])
def test_compiled_equals_readable_and_rapidfuzz(n, m, alphabet):
    for seed in range(3):
        a, b = _random_pair(n, m, ALPHABETS[alphabet], seed)
        expected = LCSseq.similarity(a, b)
        assert lcs_module._bitparallel_length(a, b) == expected
        assert _compiled(a, b) == expected
        assert lcs_length(a, b, "bitparallel") == expected


@needs_numba
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=150), st.text(max_size=150))
def test_compiled_equals_readable_on_any_text(a, b):
    expected = lcs_module._bitparallel_length(a, b)
    assert _compiled(a, b) == expected == LCSseq.similarity(a, b)


@needs_numba
def test_hand_worked_and_identical_and_disjoint():
    assert _compiled("ABCBDAB", "BDCABA") == 4          # CLRS
    assert _compiled("a" * 200, "a" * 130) == 130      # every carry ripples through
    assert _compiled("ab" * 100, "ba" * 100) == 199
    assert _compiled("abc" * 50, "xyz" * 50) == 0
    # Lone surrogates: Python strings may hold them; UTF-32 keeps them as code points.
    assert _compiled("a\ud800b\udfff", "\ud800\udfffb") == 2 == LCSseq.similarity(
        "a\ud800b\udfff", "\ud800\udfffb")
    # Precomposed é vs e + combining accent: different code points, as in rapidfuzz.
    assert _compiled("caf\u00e9", "cafe\u0301") == 3 == LCSseq.similarity("caf\u00e9",
                                                                            "cafe\u0301")


@needs_numba
def test_sequences_of_hashables_through_the_public_function():
    words_a = ["the", "cat", "sat", "on", "the", "mat"] * 30
    words_b = ["the", "mat", "on", "a", "cat"] * 40
    expected = lcs_module._bitparallel_length(words_a, words_b)
    assert lcs_length(words_a, words_b, "bitparallel") == expected
    assert expected == lcs_length(words_a, words_b, "dp")
    tuples = [(i % 3, i % 5) for i in range(200)]
    assert lcs_length(tuples, tuples[::-1], "bitparallel") == lcs_length(tuples, tuples[::-1])
    assert lcs_length("abc", ["a", "c"], "bitparallel") == 2   # str against a list
    with pytest.raises(TypeError, match="hashable"):
        lcs_length([[1]], [[1]], "bitparallel")


@needs_numba
def test_wide_code_range_is_renumbered():
    # Codes spread over more than the lookup table covers go through np.unique.
    rng = np.random.default_rng(0)
    ca = rng.choice([0, 7, 10**12, -(10**15)], 500).astype(np.int64)
    cb = rng.choice([7, 10**12, 5, -(10**15)], 400).astype(np.int64)
    expected = lcs_module._bitparallel_length(ca.tolist(), cb.tolist())
    assert lcs_length_compiled(ca, cb) == expected == lcs_length(ca.tolist(), cb.tolist())


def test_no_numba_switch_runs_the_readable_version(monkeypatch):
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    assert not _numba.use_numba()
    called = []
    original = lcs_module._bitparallel_length
    monkeypatch.setattr(lcs_module, "_bitparallel_length",
                        lambda a, b: called.append(1) or original(a, b))
    a, b = _random_pair(300, 200, "ACGT", 0)
    assert lcs_length(a, b, "bitparallel") == LCSseq.similarity(a, b)
    assert called == [1]
