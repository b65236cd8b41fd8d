"""The matrix-product helpers behind conv2d / conv_transpose2d: the offset-major unfold
against the plain im2col, the fused fold against its definition (fold of Wᵀ·g, i.e. the
adjoint of W·unfold), and the backward pass fed a broadcast gradient (a sum's or mean's)."""

import numpy as np
import pytest
import torch

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn._conv import _fold_matmul, _offset_major, _unfold, im2col

CASES = [  # (N, C, H, W), C_out, (kh, kw), stride, padding, dilation, groups
    ((2, 4, 7, 6), 6, (3, 3), (1, 1), (1, 1), (1, 1), 1),
    ((1, 6, 9, 8), 4, (3, 2), (2, 1), (0, 1), (1, 2), 2),
    ((3, 4, 5, 5), 8, (1, 1), (1, 1), (0, 0), (1, 1), 4),
    ((1, 3, 11, 10), 3, (4, 3), (3, 2), (2, 1), (2, 1), 3),
]


@pytest.mark.parametrize("shape, c_out, k, s, p, d, g", CASES)
def test_unfold_is_im2col_with_offset_major_rows(shape, c_out, k, s, p, d, g):
    x = np.random.default_rng(0).normal(size=shape)
    n, c = shape[:2]
    plain = im2col(x, *k, s, p, d)  # (N, C, kh, kw, Ho, Wo)
    ours = _unfold(x, *k, s, p, d, g)  # (N, G, kh, kw, C/G, Ho, Wo)
    expected = plain.reshape(n, g, c // g, *plain.shape[2:]).transpose(0, 1, 3, 4, 2, 5, 6)
    np.testing.assert_array_equal(ours, expected)  # copies only: exactly equal


@pytest.mark.parametrize("shape, c_out, k, s, p, d, g", CASES)
def test_fold_matmul_is_the_adjoint_of_the_convolution(shape, c_out, k, s, p, d, g):
    rng = np.random.default_rng(1)
    n, c = shape[:2]
    x = rng.normal(size=shape)
    weight = _offset_major(rng.normal(size=(c_out, c // g, *k)), g)
    cols = _unfold(x, *k, s, p, d, g)
    ho, wo = cols.shape[-2:]
    conv = np.matmul(weight[None], cols.reshape(n, g, -1, ho * wo))  # (N, G, C_out/G, L)
    y = rng.normal(size=conv.shape)
    back = _fold_matmul(weight, y, *k, shape, s, p, d)
    assert back.shape == shape
    # <W·unfold(x), y> = <x, fold(Wᵀ·y)> for every x, y: float64 sums of ~1e3 products.
    np.testing.assert_allclose(np.sum(conv * y), np.sum(x * back), rtol=1e-12)


@pytest.mark.parametrize("reduce", ["sum", "mean"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_broadcast_gradient_matches_torch(reduce, dtype):
    # sum/mean send a stride-0 gradient into the convolution's backward.
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 4, 6, 6)).astype(dtype)
    w = rng.normal(size=(6, 2, 3, 3)).astype(dtype)
    xo, wo = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    out = F.conv2d(xo, wo, stride=2, padding=1, groups=2)
    ref = torch.nn.functional.conv2d(xt, wt, stride=2, padding=1, groups=2)
    getattr(out, reduce)().backward()
    getattr(ref, reduce)().backward()
    tol = 1e-4 if dtype == np.float32 else 1e-10  # float32: sums of ~100 products
    np.testing.assert_allclose(xo.grad.numpy(), xt.grad.numpy(), rtol=tol, atol=tol)
    np.testing.assert_allclose(wo.grad.numpy(), wt.grad.numpy(), rtol=tol, atol=tol)
