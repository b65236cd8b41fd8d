"""The judge's scalar fast path gives the verdict and the message of the array path.

``spec._compare`` compares plain numbers (floats and int64-sized ints) as Python floats;
everything else goes through NumPy arrays. The array path is the reference here: every
pair below, from a grid of awkward values (NaN, infinities, signed zeros, subnormals,
overflow, ints past 2**53 and 2**63, bools, NumPy scalars of other widths) and from the
edges of each tolerance, is compared both ways, bare and inside a list and a dict.
"""

import itertools

import numpy as np
import pytest

from mlinterview.exercises import spec as S

NAN, INF = float("nan"), float("inf")
AWKWARD = [0.0, -0.0, 1.0, -1.0, 1e-12, 5e-324, 1e308, -1e308, 1.7976931348623157e308,
           NAN, INF, -INF, 3, -7, 0, 2**53, 2**53 + 1, 2**62 + 1, 2**63 - 1, -(2**63),
           2**63, 2**64, 10**30, True, False, np.float64(2.5), np.int64(9), np.float32(0.1),
           np.int32(4), np.bool_(True), np.float64(NAN), np.uint64(2**63)]
COMPARISONS = [S.AllClose(), S.AllClose(rtol=1e-6, atol=0), S.AllClose(rtol=0, atol=0),
               S.AllClose(rtol=0.5, atol=1.0), S.AllClose(rtol=1e-3, atol=1e300), S.Exact()]


def both_ways(comparison, expected, got):
    """(fast path, array path) of one comparison."""
    if isinstance(comparison, S.Exact):
        def close(e, g):
            return e == g
    else:
        def close(e, g):
            return np.isclose(g, e, rtol=comparison.rtol, atol=comparison.atol,
                              equal_nan=True)
    fast = comparison(expected, got, None)
    slow = S._compare(expected, got, close, "")
    return fast, slow


@pytest.mark.parametrize("comparison", COMPARISONS, ids=repr)
def test_awkward_pairs_agree(comparison):
    with np.errstate(all="ignore"):
        for e, g in itertools.product(AWKWARD, repeat=2):
            for wrap in (lambda x: x, lambda x: [1.0, x], lambda x: {"k": x}):
                fast, slow = both_ways(comparison, wrap(e), wrap(g))
                assert fast == slow, (comparison, e, g)


@pytest.mark.parametrize("rtol, atol", [(1e-9, 1e-12), (1e-6, 0.0), (0.0, 1e-8), (0.1, 0.1)])
def test_pairs_at_the_edge_of_the_tolerance_agree(rtol, atol):
    rng = np.random.default_rng(0)
    comparison = S.AllClose(rtol=rtol, atol=atol)
    expected = rng.normal(0, 10.0 ** rng.integers(-15, 15, 2000))
    bound = atol + rtol * np.abs(expected)
    # Just inside, on and just outside the bound, both sides of the expected value.
    for factor in (1 - 1e-9, 1.0, 1 + 1e-9):
        for sign in (1, -1):
            got = expected + sign * factor * bound
            for e, g in zip(expected.tolist(), got.tolist(), strict=True):
                fast, slow = both_ways(comparison, e, g)
                assert fast == slow, (e, g)
    # Some of these pairs must be rejected, or the test would not see a difference.
    assert comparison(1.0, 1.0 + 2 * (atol + rtol) + 1e-6, None) is not None


def test_messages_name_the_place_of_the_first_difference():
    message = S.AllClose()({"a": [1.0, 2.0]}, {"a": [1.0, 2.5]}, None)
    assert message == "expected 2 at ['a'][1], got 2.5"
