"""The cnn-advances demo's counts against closed forms."""

import pytest

from mlinterview.demos.neural_networks.cnn_advances import separable_costs


@pytest.mark.parametrize("c_in, c_out, k, size, r", [(64, 128, 3, 32, 16), (3, 8, 5, 7, 2),
                                                     (32, 32, 1, 4, 4)])
def test_counts_follow_the_formulas(c_in, c_out, k, size, r):
    rows = {row[0]: row for row in separable_costs(c_in=c_in, c_out=c_out, kernel=k, size=size,
                                                   reduction=r).table.rows}
    std = rows["standard k×k conv"]
    sep = rows["depthwise k×k + pointwise 1×1"]
    se = rows["squeeze-excitation on the output"]
    assert std[1] == c_out * c_in * k * k
    assert std[2] == c_out * c_in * k * k * size * size
    assert sep[1] == c_in * k * k + c_in * c_out
    assert sep[2] == (c_in * k * k + c_in * c_out) * size * size
    hidden = max(1, c_out // r)
    assert se[1] == c_out * hidden + hidden + hidden * c_out + c_out  # two Linear layers
    assert sep[4] == pytest.approx(1 / c_out + 1 / k**2, abs=1e-4)
    assert rows["separable block output shape"][1] == str((1, c_out, min(size, 16),
                                                           min(size, 16)))
