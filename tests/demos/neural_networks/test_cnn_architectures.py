"""The cnn-architectures demo: the tiny CNN reaches 97% on held-out digits; counts by formula."""

import numpy as np
import pytest

from mlinterview.datasets import load_digits
from mlinterview.demos.neural_networks.cnn_architectures import digits_cnns, digits_split

from .._defaults import at_defaults


def test_split_is_a_partition_and_deterministic():
    X, y, Xt, yt = digits_split(0)
    assert X.shape == (1347, 1, 8, 8) and Xt.shape == (450, 1, 8, 8)
    full_X, full_y = load_digits()
    np.testing.assert_array_equal(np.bincount(y) + np.bincount(yt), np.bincount(full_y))
    both = np.concatenate([X, Xt]).reshape(len(full_y), 64) * 16
    assert sorted(map(bytes, both.astype(np.int64))) == sorted(map(bytes,
                                                                   full_X.astype(np.int64)))
    assert X.max() <= 1.0 and X.min() >= 0.0
    X2, *_ = digits_split(0)
    assert (X2 == X).all()


def test_fast_models_and_parameter_counts():
    rows = {r[0]: r for r in digits_cnns(epochs=2, models="fast").table.rows}
    # LeNet-5 with 3x3 kernels on 8x8: conv 1->6, conv 6->16, 16·2·2 -> 120 -> 84 -> 10.
    lenet = (6 * 9 + 6) + (16 * 6 * 9 + 16) + (64 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10)
    assert rows["LeNet-5 (3x3 kernels)"][1] == lenet
    assert rows["MLP (no convolutions)"][1] == 64 * 128 + 128 + 128 * 10 + 10
    assert all(0.5 < r[2] <= 1.0 for r in rows.values())  # far above chance (0.1)


@pytest.mark.slow
def test_tiny_cnn_reaches_97_percent():
    (row,) = at_defaults("cnn-architectures").table.rows
    assert row[0] == "TinyCNN" and row[2] >= 0.97
