"""merge_sort and quickselect against NumPy (np.sort kind="stable", np.partition): exact."""

import numpy as np
import pytest

from mlinterview.algo.sorting import merge_sort, quickselect


@pytest.mark.parametrize("dtype", [np.int64, np.float64, np.float32, np.int8])
@pytest.mark.parametrize("n", [0, 1, 2, 7, 100, 5000])
def test_merge_sort_matches_numpy(n, dtype):
    rng = np.random.default_rng(n)
    x = (rng.normal(size=n) * 20).astype(dtype)
    out = merge_sort(x)
    np.testing.assert_array_equal(out, np.sort(x, kind="stable"))
    assert out.dtype == x.dtype


def test_merge_sort_is_stable():
    keys = np.array([2, 1, 2, 1, 0])
    # Sort (key, original position) pairs through a structured comparison: encode the
    # position in the fraction so equal keys must keep their input order.
    x = keys + np.arange(5) / 10
    assert merge_sort(x).tolist() == [0.4, 1.1, 1.3, 2.0, 2.2]
    assert merge_sort([3, 1, 2]).tolist() == [1, 2, 3]


@pytest.mark.parametrize("n", [1, 2, 10, 1000, 20000])
def test_quickselect_matches_partition(n):
    rng = np.random.default_rng(n)
    x = rng.integers(0, max(2, n // 10), n)  # many ties
    for k in {0, n // 2, n - 1}:
        assert quickselect(x, k, random_state=0) == np.partition(x, k)[k]


def test_bad_input():
    with pytest.raises(ValueError, match="k: expected a value in"):
        quickselect([1, 2], 2)
    with pytest.raises(ValueError, match="x: expected no NaN"):
        merge_sort([1.0, np.nan])
    with pytest.raises(ValueError, match="x: expected a 1-D"):
        quickselect(np.zeros((2, 2)), 0)
