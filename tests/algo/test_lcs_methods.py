"""LCS: every method against a brute force on all short inputs, and hand-worked cases."""

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlinterview.algo.lcs import lcs, lcs_length, lcs_table


def brute_force_length(a, b):
    """Longest subsequence of ``a`` that is also one of ``b``, by trying them all."""
    subs_b = {tuple(b[i] for i in idx) for r in range(len(b) + 1)
              for idx in combinations(range(len(b)), r)}
    for r in range(len(a), -1, -1):
        if any(tuple(a[i] for i in idx) in subs_b for idx in combinations(range(len(a)), r)):
            return r
    return 0  # pragma: no cover


def is_subsequence(s, t):
    it = iter(t)
    return all(any(x == y for y in it) for x in s)


short = st.text(alphabet="abc", max_size=7)


@settings(max_examples=150, deadline=None)
@given(short, short)
def test_every_method_agrees_with_brute_force(a, b):
    expected = brute_force_length(a, b)
    assert lcs_length(a, b) == expected
    assert lcs_length(a, b, method="bitparallel") == expected
    assert lcs_table(a, b)[-1, -1] == expected
    for method in ("dp", "hirschberg"):
        s = lcs(a, b, method=method)
        assert isinstance(s, str) and len(s) == expected
        assert is_subsequence(s, a) and is_subsequence(s, b)


@pytest.mark.parametrize("a, b, length, one", [
    ("ABCBDAB", "BDCABA", 4, "BCBA"),          # CLRS's example
    ("", "abc", 0, ""),
    ("abc", "", 0, ""),
    ("abc", "abc", 3, "abc"),
    ("abc", "def", 0, ""),
    ("aaaa", "aa", 2, "aa"),
    ("AGGTAB", "GXTXAYB", 4, "GTAB"),
])
def test_hand_worked(a, b, length, one):
    assert lcs_length(a, b) == lcs_length(a, b, "bitparallel") == length
    assert lcs(a, b) == one
    assert len(lcs(a, b, "hirschberg")) == length


def test_table_by_hand():
    # a = "ab", b = "ba": row "a" gets 1 from column "a"; row "b" gets 1 everywhere after "b".
    np.testing.assert_array_equal(lcs_table("ab", "ba"), [[0, 0, 0], [0, 0, 1], [0, 1, 1]])


def test_keeps_the_input_type_and_any_hashable_symbols():
    assert lcs([1, 2, 3, 4], [2, 4, 1]) == [2, 4]
    assert lcs((1, 2, 3, 4), (2, 4, 1), "hirschberg") == (2, 4)
    words = ["the", "cat", "sat", "on", "the", "mat"]
    assert lcs(words, ["the", "mat"]) == ["the", "mat"]
    assert lcs_length([(0, 1), (1, 1)], [(1, 1)], "bitparallel") == 1


def test_long_inputs_all_methods_agree():
    rng = np.random.default_rng(0)
    a = "".join(rng.choice(list("ACGT"), 400))
    b = "".join(rng.choice(list("ACGT"), 300))
    n = lcs_length(a, b)
    assert lcs_length(a, b, "bitparallel") == n
    for method in ("dp", "hirschberg"):
        s = lcs(a, b, method)
        assert len(s) == n and is_subsequence(s, a) and is_subsequence(s, b)


def test_bad_input():
    with pytest.raises(TypeError, match="a: expected a str, list or tuple"):
        lcs_length(123, "a")
    with pytest.raises(TypeError, match="b: expected"):
        lcs("a", {"a"})
    with pytest.raises(ValueError, match="method"):
        lcs_length("a", "b", method="fast")
    with pytest.raises(ValueError, match="method"):
        lcs("a", "b", method="bitparallel")
    with pytest.raises(TypeError, match="hashable"):
        lcs([[1]], [[1]])
