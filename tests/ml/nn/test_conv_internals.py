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


def _torch_saved_bytes(run):
    sizes = []

    def pack(t):
        sizes.append(t.numel() * t.element_size())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        run()
    return sum(sizes)


@pytest.mark.parametrize("transposed", [False, True])
def test_backward_keeps_about_what_torch_keeps(transposed):
    # The im2col columns (kh·kw = 9 times the input here) are rebuilt in backward, not kept:
    # what the graph holds stays within 2x of PyTorch's saved tensors (input and weight).
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 8, 12, 12)).astype(np.float32)
    w = rng.normal(size=(8, 6, 3, 3) if transposed else (6, 8, 3, 3)).astype(np.float32)
    op, ref = ((F.conv_transpose2d, torch.nn.functional.conv_transpose2d) if transposed
               else (F.conv2d, torch.nn.functional.conv2d))
    out = op(Tensor(x, requires_grad=True), Tensor(w, requires_grad=True), padding=1)
    ours = sum(v.nbytes for v in vars(out.grad_fn).values() if isinstance(v, np.ndarray))
    theirs = _torch_saved_bytes(lambda: ref(torch.tensor(x, requires_grad=True),
                                            torch.tensor(w, requires_grad=True), padding=1))
    assert ours <= 2 * theirs


CHUNKED = [  # shape, C_out, kernel, stride, padding, dilation, groups, output_padding
    ((7, 4, 9, 8), 6, 3, 1, 1, 1, 1, 0),
    ((5, 6, 10, 9), 4, (3, 2), (2, 1), (1, 0), (1, 2), 2, (1, 0)),
    ((3, 4, 7, 7), 8, 2, 2, 0, 1, 4, 1),
]


@pytest.mark.parametrize("transposed", [False, True])
@pytest.mark.parametrize("shape, c_out, k, s, p, d, g, op", CHUNKED)
def test_batch_chunks_match_torch(monkeypatch, transposed, shape, c_out, k, s, p, d, g, op):
    # A budget of one byte makes every sample its own chunk (and 7 = 2·3 + 1 with a
    # budget of ~3 samples leaves a short last chunk): same results as PyTorch in float64.
    from mlinterview.ml.nn import _conv

    rng = np.random.default_rng(4)
    x = rng.normal(size=shape)
    kh, kw = (k, k) if isinstance(k, int) else k
    w_shape = (shape[1], c_out // g, kh, kw) if transposed else (c_out, shape[1] // g, kh, kw)
    w = rng.normal(size=w_shape)
    b = rng.normal(size=w_shape[1] * g if transposed else c_out)
    for budget in (1, 3 * 9 * shape[1] * np.prod(shape[2:]) * 8):
        monkeypatch.setattr(_conv, "_COLS_BUDGET", int(budget))
        xo, wo, bo = (Tensor(a, requires_grad=True) for a in (x, w, b))
        xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        if transposed:
            out = F.conv_transpose2d(xo, wo, bo, stride=s, padding=p, output_padding=op,
                                     groups=g, dilation=d)
            ref = torch.nn.functional.conv_transpose2d(xt, wt, bt, stride=s, padding=p,
                                                       output_padding=op, groups=g,
                                                       dilation=d)
        else:
            out = F.conv2d(xo, wo, bo, stride=s, padding=p, dilation=d, groups=g)
            ref = torch.nn.functional.conv2d(xt, wt, bt, stride=s, padding=p, dilation=d,
                                             groups=g)
        grad = rng.normal(size=tuple(ref.shape))
        out.backward(grad)
        ref.backward(torch.tensor(grad))
        for ours, theirs in ((out, ref), (xo.grad, xt.grad), (wo.grad, wt.grad),
                             (bo.grad, bt.grad)):
            # float64 sums of at most a few hundred products
            np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=1e-10,
                                       atol=1e-10)


@pytest.mark.parametrize("shape, c_out, groups", [((2, 8, 40, 40), 16, 1),
                                                  ((1, 16, 33, 35), 32, 2)])
def test_blocked_products_match_torch(shape, c_out, groups):
    # Large enough (C_out/G · kh·kw·C_in/G · H_out·W_out > 10^6) for the products to be cut
    # into column blocks, with a remainder block (1600 = 12·128 + 64; 1155 = 9·128 + 3).
    from mlinterview.ml.nn._conv import _SMALL_GEMM

    assert (c_out // groups) * 9 * (shape[1] // groups) * shape[2] * shape[3] > _SMALL_GEMM
    rng = np.random.default_rng(5)
    x = rng.normal(size=shape)
    w = rng.normal(size=(c_out, shape[1] // groups, 3, 3))
    xo, wo = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    out = F.conv2d(xo, wo, padding=1, groups=groups)
    ref = torch.nn.functional.conv2d(xt, wt, padding=1, groups=groups)
    np.testing.assert_allclose(out.data, ref.detach().numpy(), rtol=1e-10, atol=1e-10)
    g = rng.normal(size=tuple(ref.shape))
    out.backward(g)
    ref.backward(torch.tensor(g))
    np.testing.assert_allclose(xo.grad.data, xt.grad.numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(wo.grad.data, wt.grad.numpy(), rtol=1e-10, atol=1e-10)


def test_blocked_transposed_input_gradient_matches_torch():
    # conv_transpose2d's input gradient W (16 x 144) @ cols (144 x 576) is cut into blocks.
    rng = np.random.default_rng(6)
    x, w = rng.normal(size=(2, 16, 24, 24)), rng.normal(size=(16, 16, 3, 3))
    xo, wo = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    out = F.conv_transpose2d(xo, wo, stride=1, padding=1)
    ref = torch.nn.functional.conv_transpose2d(xt, wt, stride=1, padding=1)
    g = rng.normal(size=tuple(ref.shape))
    out.backward(g)
    ref.backward(torch.tensor(g))
    np.testing.assert_allclose(out.data, ref.detach().numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(xo.grad.data, xt.grad.numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(wo.grad.data, wt.grad.numpy(), rtol=1e-10, atol=1e-10)
