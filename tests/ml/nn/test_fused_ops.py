"""The fused autograd operations behind the hot paths of nn: the LSTM layer's hand-written
BPTT (nn/_rnn.py), the linear layer (nn/_linear.py) and softmax cross-entropy
(nn/_softmax_cross_entropy.py). Gradients against central differences (gradcheck, float64,
atol 1e-5 / rtol 1e-3) and against PyTorch 2.13 (float64 rtol 1e-10; float32 rtol 1e-5 /
atol 1e-6 for one product or reduction, looser where a sequence of steps accumulates)."""

import numpy as np
import pytest
import torch

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn._rnn import RecurrentLayer


def _t(a, requires_grad=True):
    return Tensor(np.array(a), requires_grad=requires_grad)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("bias", [True, False])
def test_lstm_layer_gradcheck(reverse, bias):
    """Every input of the fused op: the sequence, h0, c0, both weights and both biases;
    the output holds every step's h and the last c, so all of BPTT is exercised."""
    rng = np.random.default_rng(0)
    T, B, I, H = 4, 3, 2, 3
    x, h0, c0 = (_t(rng.normal(size=s)) for s in ((T, B, I), (B, H), (B, H)))
    w_ih, w_hh = _t(rng.normal(size=(4 * H, I))), _t(rng.normal(size=(4 * H, H)))
    b_ih = _t(rng.normal(size=4 * H)) if bias else None
    b_hh = _t(rng.normal(size=4 * H)) if bias else None
    inputs = [x, h0, c0, w_ih, w_hh] + ([b_ih, b_hh] if bias else [])

    def fn(x, h0, c0, w_ih, w_hh, *b):
        b_ih, b_hh = b if b else (None, None)
        return RecurrentLayer.apply(x, h0, c0, w_ih, w_hh, b_ih, b_hh, mode="LSTM",
                                    reverse=reverse)

    assert gradcheck(fn, inputs)


@pytest.mark.parametrize("dtype, rtol, atol", [(np.float64, 1e-10, 1e-12),
                                               (np.float32, 1e-4, 1e-5)])
def test_lstm_long_sequence_matches_torch(dtype, rtol, atol):
    """T = 300 with saturating gates (large weights): the BPTT loop and the one-GEMM
    weight gradients stay equal to PyTorch's per-step autograd."""
    torch_dt = {np.float64: torch.float64, np.float32: torch.float32}[dtype]
    theirs = torch.nn.LSTM(5, 7).to(torch_dt)
    with torch.no_grad():
        for p in theirs.parameters():
            p.mul_(4.0)
    ours = nn.LSTM(5, 7, dtype=dtype)
    ours.load_state_dict(theirs.state_dict())
    x = np.random.default_rng(1).normal(size=(300, 2, 5)).astype(dtype)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out_o, (_, c_o) = ours(xo)
    out_t, (_, c_t) = theirs(xt)
    (out_o.sum() + (c_o * c_o).sum()).backward()
    (out_t.sum() + (c_t * c_t).sum()).backward()
    np.testing.assert_allclose(out_o.data, out_t.detach().numpy(), rtol=rtol, atol=atol)
    np.testing.assert_allclose(xo.grad.data, xt.grad.numpy(), rtol=rtol, atol=atol)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        np.testing.assert_allclose(p.grad.data, q.grad.numpy(), rtol=rtol, atol=atol * 10)


@pytest.mark.parametrize("shape", [(5,), (4, 5), (2, 3, 5)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_gradcheck(shape, bias):
    rng = np.random.default_rng(2)
    x, w = _t(rng.normal(size=shape)), _t(rng.normal(size=(3, 5)))
    inputs = [x, w] + ([_t(rng.normal(size=3))] if bias else [])
    assert gradcheck(lambda x, w, *b: F.linear(x, w, b[0] if b else None), inputs)


@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-12), (np.float32, 1e-5)])
def test_linear_matches_torch(dtype, rtol):
    rng = np.random.default_rng(3)
    x, w, b = (rng.normal(size=s).astype(dtype) for s in ((6, 4, 8), (5, 8), (5,)))
    ours = [Tensor(a, requires_grad=True) for a in (x, w, b)]
    theirs = [torch.tensor(a, requires_grad=True) for a in (x, w, b)]
    g = rng.normal(size=(6, 4, 5)).astype(dtype)
    yo, yt = F.linear(*ours), torch.nn.functional.linear(*theirs)
    (yo * Tensor(g)).sum().backward()
    (yt * torch.tensor(g)).sum().backward()
    np.testing.assert_allclose(yo.data, yt.detach().numpy(), rtol=rtol, atol=rtol)
    for a, t in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a.grad.data, t.grad.numpy(), rtol=rtol, atol=rtol)


def test_linear_only_computes_the_gradients_asked_for():
    x = Tensor(np.ones((2, 3)))  # no requires_grad: the input is data
    layer = nn.Linear(3, 4, dtype=np.float64)
    layer(x).sum().backward()
    assert x.grad is None
    np.testing.assert_allclose(layer.bias.grad.data, [2.0] * 4)
    np.testing.assert_allclose(layer.weight.grad.data, np.full((4, 3), 2.0))


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_softmax_cross_entropy_gradcheck(reduction):
    rng = np.random.default_rng(4)
    logits = _t(rng.normal(size=(5, 4)) * 3)
    y = np.array([0, 3, 1, 1, 2])
    assert gradcheck(lambda z: F.cross_entropy(z, y, reduction=reduction), [logits])


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-12), (np.float32, 1e-5)])
def test_softmax_cross_entropy_matches_torch(reduction, dtype, rtol):
    rng = np.random.default_rng(5)
    logits = (rng.normal(size=(7, 10)) * 10).astype(dtype)
    logits[0, 3] = 300.0  # a confident row: exp would overflow without the max shift
    y = rng.integers(0, 10, size=7)
    lo, lt = Tensor(logits, requires_grad=True), torch.tensor(logits, requires_grad=True)
    loss_o = F.cross_entropy(lo, y, reduction=reduction)
    loss_t = torch.nn.functional.cross_entropy(lt, torch.tensor(y), reduction=reduction)
    (loss_o * 2.5).backward()
    (loss_t * 2.5).backward()
    assert loss_o.dtype == dtype
    np.testing.assert_allclose(loss_o.data, loss_t.item(), rtol=rtol)
    np.testing.assert_allclose(lo.grad.data, lt.grad.numpy(), rtol=rtol, atol=rtol)


def test_softmax_cross_entropy_equals_the_composite_path():
    """The fused op against log_softmax + nll_loss (the readable path, still used for
    weights, label smoothing, ignored targets and N-d inputs)."""
    rng = np.random.default_rng(6)
    z = rng.normal(size=(6, 5))
    y = rng.integers(0, 5, size=6)
    fused, composite = Tensor(z, requires_grad=True), Tensor(z, requires_grad=True)
    F.cross_entropy(fused, y).backward()
    F.nll_loss(F.log_softmax(composite, dim=1), y).backward()
    np.testing.assert_allclose(fused.grad.data, composite.grad.data, rtol=1e-12, atol=1e-15)


def test_cross_entropy_ignored_targets_take_the_general_path():
    z = np.random.default_rng(7).normal(size=(4, 3))
    y = np.array([0, 1, 1, 2])
    ours = F.cross_entropy(Tensor(z), y, ignore_index=1)
    ref = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(y), ignore_index=1)
    np.testing.assert_allclose(ours.data, ref.item(), rtol=1e-12)
    with pytest.raises(IndexError, match="target values must be in"):
        F.cross_entropy(Tensor(z), np.array([0, 1, 3, 2]))


def test_cross_entropy_target_of_the_wrong_shape_is_refused_as_before():
    z = Tensor(np.zeros((3, 4)))
    for bad in (np.array(1), np.array([[0], [1], [2]])):
        with pytest.raises(ValueError, match="expected target of shape"):
            F.cross_entropy(z, bad)
