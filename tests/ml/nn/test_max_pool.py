"""Max pooling's running-maximum implementation on the cases random inputs never hit:
ties (the first position in row-major order takes the gradient), NaN inputs (NaN wins its
window), non-finite upstream gradients, overlapping windows — against PyTorch."""

import numpy as np
import pytest
import torch

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def _inputs(kind, rng):
    if kind == "ties":  # few distinct values: most windows have several maxima
        return rng.integers(0, 3, size=(2, 3, 7, 8)).astype(np.float64)
    if kind == "constant":
        return np.ones((1, 2, 6, 6))
    x = rng.normal(size=(2, 3, 7, 8))
    x[0, 1, 2, 3] = np.nan
    x[1, 2, 5, 5] = np.nan
    x[1, 2, 5, 6] = np.nan  # two NaN in one window: PyTorch gives the gradient to the last
    return x


@pytest.mark.parametrize("kind", ["ties", "constant", "nan"])
@pytest.mark.parametrize("options", [dict(kernel_size=2), dict(kernel_size=3, stride=2,
                                                                padding=1),
                                     dict(kernel_size=3, stride=1),
                                     dict(kernel_size=(2, 3), stride=(1, 2), dilation=2),
                                     dict(kernel_size=3, stride=2, ceil_mode=True)])
def test_max_pool_matches_torch_on_ties_and_nan(kind, options):
    rng = np.random.default_rng(0)
    x = _inputs(kind, rng)
    xo = Tensor(x, requires_grad=True)
    xt = torch.tensor(x, requires_grad=True)
    out = F.max_pool2d(xo, **options)
    ref = torch.nn.functional.max_pool2d(xt, **options)
    g = rng.normal(size=tuple(ref.shape))
    out.backward(g)
    ref.backward(torch.tensor(g))
    # The forward only selects: exactly equal, NaN in the same places. Overlapping
    # windows add gradients in another order: float64 rounding, 1e-15 relative.
    np.testing.assert_array_equal(out.detach().numpy(), ref.detach().numpy())
    np.testing.assert_allclose(xo.grad.numpy(), xt.grad.numpy(), rtol=1e-14, atol=1e-15)


def test_non_finite_gradient_goes_only_to_the_maximum():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    g = np.array([[[[np.inf, 1.0], [np.nan, 2.0]]]])
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    F.max_pool2d(xo, 2).backward(g)
    torch.nn.functional.max_pool2d(xt, 2).backward(torch.tensor(g))
    np.testing.assert_array_equal(xo.grad.numpy(), xt.grad.numpy())
    assert np.isfinite(xo.grad.numpy()).sum() == 14  # the other 12 pixels get exactly 0
