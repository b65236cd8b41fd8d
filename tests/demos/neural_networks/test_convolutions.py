"""The convolutions demo: equivariance errors and the conv matrix against closed forms."""

import numpy as np
import pytest

from mlinterview.demos.neural_networks.convolutions import conv_as_matrix, equivariance
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


@pytest.mark.parametrize("kw", [{}, {"kernel": 5, "by": 1, "in_channels": 1},
                                {"kernel": 1, "content": 3, "out_channels": 2}])
def test_shift_errors_and_counts(kw):
    args = {"content": 8, "in_channels": 3, "out_channels": 8, "kernel": 3, "by": 3} | kw
    table = equivariance(**args).table
    c_in, c_out, k = args["in_channels"], args["out_channels"], args["kernel"]
    n = args["content"] + 2 * (max(args["by"], 2) + k // 2 + 1)
    conv = table.row(f"conv {k}×{k}, stride 1")
    fc = table.row("fully connected, same input and output shapes")
    assert conv["weights"] == c_out * c_in * k * k + c_out
    assert fc["weights"] == (c_in * n * n) * (c_out * n * n) + c_out * n * n
    # Equivariance is exact for the convolution up to float64 rounding, ...
    assert conv["shift error (max abs)"] < 1e-12
    assert table.row("conv stride 2 (output shifted by 1)")["shift error (max abs)"] < 1e-12
    assert table.row("conv + global average pool (invariance)")["relative error"] < 1e-12
    # ... and a random FC layer is nowhere near it (its outputs are unrelated: ~√2).
    assert fc["relative error"] > 0.5
    if k > 1:
        assert table.row("conv stride 2, odd shift (best output shift)")["relative error"] > 0.1
    # Zero padding: along one axis, n·k − (k//2)(k//2 + 1) (output, tap) pairs are valid.
    per_axis = n * k - (k // 2) * (k // 2 + 1)
    assert table.row("conv as a dense matrix: entries")["weights"] == (c_out * n * n) * (
        c_in * n * n)
    assert table.row("conv as a dense matrix: non-zero entries")["weights"] == (
        c_out * c_in * per_axis**2)
    assert table.row("conv as a dense matrix: distinct values")["weights"] == c_out * c_in * k * k


def test_conv_matrix_reproduces_the_convolution():
    rng = np.random.default_rng(1)
    conv = nn.Conv2d(2, 3, 3, padding=1, bias=False, dtype=np.float64, generator=rng)
    x = rng.normal(size=(1, 2, 6, 6))
    m = conv_as_matrix(conv, 2, 6)
    np.testing.assert_allclose(m @ x.ravel(), conv(Tensor(x)).detach().numpy().ravel(), rtol=1e-12,
                               atol=1e-12)
