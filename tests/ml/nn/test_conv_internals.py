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


# Stride-1 conv2d runs through _conv_shifted (contiguous slices of the flattened padded
# image, no im2col): odd sizes, batch 1, groups, dilations, asymmetric kernels and padding.
SHIFTED = [  # shape, C_out, kernel, padding, dilation, groups
    ((1, 3, 7, 5), 4, 3, 1, 1, 1),
    ((2, 4, 9, 11), 6, (3, 2), (1, 0), (2, 1), 2),
    ((3, 6, 8, 8), 6, 3, 2, 2, 3),
    ((2, 4, 5, 6), 8, 1, 0, 1, 4),
    ((1, 2, 13, 4), 3, (5, 3), (2, 1), (1, 1), 1),
    ((2, 8, 10, 10), 8, 3, 0, 3, 8),  # depthwise, no padding
    ((4, 3, 6, 7), 5, (2, 4), (0, 2), (2, 1), 1),
]


def _im2col_conv2d(x, w, padding, dilation, groups):
    """The textbook version: im2col, then one product per group."""
    n = x.shape[0]
    c_out, c_g, kh, kw = w.shape
    cols = im2col(x, kh, kw, (1, 1), padding, dilation)  # (N, C, kh, kw, Ho, Wo)
    ho, wo = cols.shape[-2:]
    cols = cols.reshape(n, groups, c_g * kh * kw, ho * wo)
    wg = w.reshape(groups, c_out // groups, c_g * kh * kw)
    return np.matmul(wg[None], cols).reshape(n, c_out, ho, wo)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape, c_out, k, p, d, g", SHIFTED)
def test_stride1_path_matches_im2col_and_torch(shape, c_out, k, p, d, g, dtype):
    rng = np.random.default_rng(7)
    kh, kw = (k, k) if isinstance(k, int) else k
    x = rng.normal(size=shape).astype(dtype)
    w = rng.normal(size=(c_out, shape[1] // g, kh, kw)).astype(dtype)
    b = rng.normal(size=c_out).astype(dtype)
    xo, wo, bo = (Tensor(a, requires_grad=True) for a in (x, w, b))
    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out = F.conv2d(xo, wo, bo, padding=p, dilation=d, groups=g)
    ref = torch.nn.functional.conv2d(xt, wt, bt, padding=p, dilation=d, groups=g)
    pp = (p, p) if isinstance(p, int) else p
    dd = (d, d) if isinstance(d, int) else d
    # float32: sums of up to ~100 products; float64: same sums, rounding only.
    tol = 1e-4 if dtype == np.float32 else 1e-10
    textbook = _im2col_conv2d(x.astype(np.float64), w.astype(np.float64), pp, dd, g)
    np.testing.assert_allclose(out.data, textbook + b.reshape(1, -1, 1, 1), rtol=tol, atol=tol)
    grad = rng.normal(size=tuple(ref.shape)).astype(dtype)
    out.backward(grad)
    ref.backward(torch.tensor(grad))
    for ours, theirs in ((out, ref), (xo.grad, xt.grad), (wo.grad, wt.grad),
                         (bo.grad, bt.grad)):
        np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=tol, atol=tol)


@pytest.mark.parametrize("need", ["input", "weight"])
def test_stride1_path_one_gradient_only(need):
    # Backward asked for the input's gradient only (frozen weight) or the weight's only
    # (the first layer of a network: the data needs none).
    rng = np.random.default_rng(8)
    x, w = rng.normal(size=(2, 4, 9, 7)), rng.normal(size=(6, 2, 3, 3))
    xo = Tensor(x, requires_grad=need == "input")
    wo = Tensor(w, requires_grad=need == "weight")
    xt = torch.tensor(x, requires_grad=need == "input")
    wt = torch.tensor(w, requires_grad=need == "weight")
    out = F.conv2d(xo, wo, padding=(2, 1), dilation=(2, 1), groups=2)
    ref = torch.nn.functional.conv2d(xt, wt, padding=(2, 1), dilation=(2, 1), groups=2)
    grad = rng.normal(size=tuple(ref.shape))
    out.backward(grad)
    ref.backward(torch.tensor(grad))
    ours, theirs = (xo.grad, xt.grad) if need == "input" else (wo.grad, wt.grad)
    np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-10, atol=1e-10)  # float64
    assert (wo.grad if need == "input" else xo.grad) is None


def test_stride1_forward_is_the_im2col_product_exactly_per_offset():
    # The shifted slices are the im2col windows, flattened on the padded grid: for a single
    # offset (1x1 kernel) both compute the same products, so they agree to rounding.
    from mlinterview.ml.nn._conv_shifted import _shifts

    assert _shifts((3, 3), (2, 1), 10) == [0, 1, 2, 20, 21, 22, 40, 41, 42]
    rng = np.random.default_rng(9)
    x, w = rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(4, 3, 1, 1))
    out = F.conv2d(Tensor(x), Tensor(w), padding=1)
    np.testing.assert_allclose(out.data, _im2col_conv2d(x, w, (1, 1), (1, 1), 1),
                               rtol=1e-12, atol=1e-12)


# conv_transpose2d with dilation 1 runs as its stride-1 phases (one conv2d with
# s_h·s_w·C_out channels, interleaved): strides 1-3, kernels that are and are not multiples
# of the stride, padding larger than the kernel's overlap, output_padding, groups.
PHASES = [  # shape, C_out, kernel, stride, padding, output_padding, groups
    ((1, 3, 5, 7), 4, 4, 2, 1, 0, 1),
    ((2, 4, 6, 5), 6, 3, 2, 1, 1, 2),
    ((2, 6, 4, 4), 3, (3, 5), (3, 2), (2, 1), (2, 0), 3),
    ((3, 2, 7, 6), 4, 2, 1, 0, 0, 1),
    ((1, 4, 3, 3), 8, 5, 3, 4, 2, 4),
    ((2, 3, 9, 8), 5, (1, 3), (2, 1), (0, 1), (1, 0), 1),
    ((2, 4, 5, 5), 4, 4, 4, 0, 3, 2),  # stride = kernel: no overlap at all
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape, c_out, k, s, p, op, g", PHASES)
def test_transposed_phases_match_torch(shape, c_out, k, s, p, op, g, dtype):
    rng = np.random.default_rng(10)
    kh, kw = (k, k) if isinstance(k, int) else k
    x = rng.normal(size=shape).astype(dtype)
    w = rng.normal(size=(shape[1], c_out // g, kh, kw)).astype(dtype)
    b = rng.normal(size=c_out).astype(dtype)
    xo, wo, bo = (Tensor(a, requires_grad=True) for a in (x, w, b))
    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out = F.conv_transpose2d(xo, wo, bo, stride=s, padding=p, output_padding=op, groups=g)
    ref = torch.nn.functional.conv_transpose2d(xt, wt, bt, stride=s, padding=p,
                                               output_padding=op, groups=g)
    grad = rng.normal(size=tuple(ref.shape)).astype(dtype)
    out.backward(grad)
    ref.backward(torch.tensor(grad))
    tol = 1e-4 if dtype == np.float32 else 1e-10  # float32: sums of up to ~100 products
    for ours, theirs in ((out, ref), (xo.grad, xt.grad), (wo.grad, wt.grad),
                         (bo.grad, bt.grad)):
        assert ours.shape == tuple(theirs.shape)
        np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=tol, atol=tol)


@pytest.mark.parametrize("k, s, g", [(4, (2, 2), 1), ((3, 5), (3, 2), 2), (2, (1, 1), 1)])
def test_phase_weight_grad_is_the_adjoint_of_phase_weight(k, s, g):
    # <phase_weight(W), V> = <W, phase_weight_grad(V)>: the weight's gradient is exact.
    from mlinterview.ml.nn._conv_shifted import phase_weight, phase_weight_grad

    kh, kw = (k, k) if isinstance(k, int) else k
    rng = np.random.default_rng(11)
    w = rng.normal(size=(4, 6 // g, kh, kw))
    big = phase_weight(w, s, g)
    v = rng.normal(size=big.shape)
    np.testing.assert_allclose(np.sum(big * v), np.sum(w * phase_weight_grad(v, w.shape, s, g)),
                               rtol=1e-12)
    # Every tap of W lands in exactly one phase: nothing lost, nothing doubled.
    np.testing.assert_allclose(np.sort(big[big != 0]), np.sort(w[w != 0]))


def test_transposed_one_gradient_only():
    rng = np.random.default_rng(12)
    x, w = rng.normal(size=(2, 4, 5, 6)), rng.normal(size=(4, 3, 4, 4))
    for need in ("input", "weight"):
        xo, wo = Tensor(x, requires_grad=need == "input"), Tensor(w, requires_grad=need == "weight")
        xt = torch.tensor(x, requires_grad=need == "input")
        wt = torch.tensor(w, requires_grad=need == "weight")
        out = F.conv_transpose2d(xo, wo, stride=2, padding=1)
        ref = torch.nn.functional.conv_transpose2d(xt, wt, stride=2, padding=1)
        grad = rng.normal(size=tuple(ref.shape))
        out.backward(grad)
        ref.backward(torch.tensor(grad))
        ours, theirs = (xo.grad, xt.grad) if need == "input" else (wo.grad, wt.grad)
        np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("transposed", [False, True])
def test_fast_paths_take_a_broadcast_gradient(transposed):
    # sum() sends a stride-0 gradient; the stride-1 and phase paths copy it onto their grid
    # without making it contiguous first.
    rng = np.random.default_rng(13)
    x = rng.normal(size=(2, 4, 6, 5)).astype(np.float32)
    w = rng.normal(size=(4, 3, 4, 4) if transposed else (6, 2, 3, 3)).astype(np.float32)
    xo, wo = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    if transposed:
        out = F.conv_transpose2d(xo, wo, stride=2, padding=1)
        ref = torch.nn.functional.conv_transpose2d(xt, wt, stride=2, padding=1)
    else:
        out = F.conv2d(xo, wo, padding=1, groups=2)
        ref = torch.nn.functional.conv2d(xt, wt, padding=1, groups=2)
    out.sum().backward()
    ref.sum().backward()
    # float32 sums of ~50 products
    np.testing.assert_allclose(xo.grad.numpy(), xt.grad.numpy(), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(wo.grad.numpy(), wt.grad.numpy(), rtol=1e-4, atol=1e-4)
