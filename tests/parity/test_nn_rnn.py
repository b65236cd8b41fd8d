"""RNN, LSTM, GRU and their cells against PyTorch 2.13: same weights (load_state_dict), same
outputs, final states and gradients of the input, the initial states and every weight.
Tolerance: rtol 1e-5 / atol 1e-7 (float64), rtol 1e-4 / atol 1e-5 (float32)."""

import itertools

import numpy as np
import pytest
import torch

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor

TOL = {np.float64: (1e-5, 1e-7), np.float32: (1e-4, 1e-5)}
TDT = {np.float64: torch.float64, np.float32: torch.float32}
KINDS = {"LSTM": (nn.LSTM, torch.nn.LSTM), "GRU": (nn.GRU, torch.nn.GRU),
         "RNN": (nn.RNN, torch.nn.RNN)}


def close(a, b, dtype):
    rtol, atol = TOL[dtype]
    np.testing.assert_allclose(a.data if isinstance(a, Tensor) else a,
                               b.detach().numpy(), rtol=rtol, atol=atol)


def run(kind, dtype, seq=5, batch=3, with_state=True, unbatched=False, **options):
    ours_cls, theirs_cls = KINDS[kind]
    theirs = theirs_cls(4, 6, **options).to(TDT[dtype])
    ours = ours_cls(4, 6, **options).to(dtype)
    ours.load_state_dict(theirs.state_dict())
    assert list(ours.state_dict()) == list(theirs.state_dict())
    rng = np.random.default_rng(0)
    batch_first = options.get("batch_first", False)
    shape = (seq, 4) if unbatched else ((batch, seq, 4) if batch_first else (seq, batch, 4))
    x = rng.normal(size=shape).astype(dtype)
    n_states = options.get("num_layers", 1) * (2 if options.get("bidirectional") else 1)
    state_shape = (n_states, 6) if unbatched else (n_states, batch, 6)
    n_tensors = 2 if kind == "LSTM" else 1
    states = [rng.normal(size=state_shape).astype(dtype) for _ in range(n_tensors)]
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    so = [Tensor(s, requires_grad=True) for s in states]
    st = [torch.tensor(s, requires_grad=True) for s in states]
    hx_o = (tuple(so) if kind == "LSTM" else so[0]) if with_state else None
    hx_t = (tuple(st) if kind == "LSTM" else st[0]) if with_state else None
    out_o, h_o = ours(xo, hx_o)
    out_t, h_t = theirs(xt, hx_t)
    close(out_o, out_t, dtype)
    finals_o = list(h_o) if kind == "LSTM" else [h_o]
    finals_t = list(h_t) if kind == "LSTM" else [h_t]
    for a, b in zip(finals_o, finals_t, strict=True):
        close(a, b, dtype)
    # A loss that uses the outputs and every final state, with random weights.
    weights = [rng.normal(size=t.shape).astype(dtype) for t in [out_t, *finals_t]]
    pairs = zip([out_o, *finals_o], weights, strict=True)
    loss_o = sum(((t * Tensor(w)).sum() for t, w in pairs), Tensor(np.zeros((), dtype)))
    loss_t = sum((t * torch.tensor(w)).sum() for t, w in zip([out_t, *finals_t], weights,
                                                             strict=True))
    loss_o.backward()
    loss_t.backward()
    close(xo.grad, xt.grad, dtype)
    if with_state:
        for a, b in zip(so, st, strict=True):
            close(a.grad, b.grad, dtype)
    for (name, p), (tname, q) in zip(ours.named_parameters(), theirs.named_parameters(),
                                     strict=True):
        assert name == tname
        close(p.grad, q.grad, dtype)


OPTIONS = [dict(num_layers=n, bidirectional=b, batch_first=f, bias=bias)
           for n, b, f, bias in itertools.product([1, 2], [False, True], [False, True],
                                                  [True, False])]


def _option_id(options):
    return "-".join(f"{k}={v}" for k, v in options.items())


@pytest.mark.parametrize("options", OPTIONS, ids=_option_id)
@pytest.mark.parametrize("kind", ["LSTM", "GRU", "RNN"])
def test_layers_every_option_float64(kind, options):
    run(kind, np.float64, **options)


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "RNN"])
def test_float32_batch_one_and_no_initial_state(kind):
    run(kind, np.float32, batch=1, with_state=False, num_layers=2, bidirectional=True)


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "RNN"])
def test_unbatched_input(kind):
    run(kind, np.float64, unbatched=True, num_layers=2)


def test_relu_rnn():
    run("RNN", np.float64, nonlinearity="relu", num_layers=2)


def test_long_sequence():
    run("LSTM", np.float64, seq=120, batch=2)


CELLS = [(nn.LSTMCell, torch.nn.LSTMCell), (nn.GRUCell, torch.nn.GRUCell),
         (nn.RNNCell, torch.nn.RNNCell)]


@pytest.mark.parametrize("ours_cls, theirs_cls", CELLS, ids=["LSTMCell", "GRUCell", "RNNCell"])
@pytest.mark.parametrize("bias", [True, False])
def test_cells(ours_cls, theirs_cls, bias):
    theirs = theirs_cls(3, 5, bias=bias).double()
    ours = ours_cls(3, 5, bias=bias).double()
    ours.load_state_dict(theirs.state_dict())
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 3))
    h = rng.normal(size=(4, 5))
    c = rng.normal(size=(4, 5))
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    ho, ht = Tensor(h, requires_grad=True), torch.tensor(h, requires_grad=True)
    lstm = ours_cls is nn.LSTMCell
    if lstm:
        co, ct = Tensor(c, requires_grad=True), torch.tensor(c, requires_grad=True)
        (h1o, c1o), (h1t, c1t) = ours(xo, (ho, co)), theirs(xt, (ht, ct))
        close(c1o, c1t, np.float64)
        ((h1o * h1o).sum() + c1o.sum()).backward()
        ((h1t * h1t).sum() + c1t.sum()).backward()
        close(co.grad, ct.grad, np.float64)
    else:
        h1o, h1t = ours(xo, ho), theirs(xt, ht)
        (h1o * h1o).sum().backward()
        (h1t * h1t).sum().backward()
    close(h1o, h1t, np.float64)
    close(xo.grad, xt.grad, np.float64)
    close(ho.grad, ht.grad, np.float64)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        close(p.grad, q.grad, np.float64)


def test_errors_name_the_layer_and_shapes():
    with pytest.raises(ValueError, match=r"LSTM\(input_size=4\): input has 3 features"):
        nn.LSTM(4, 6)(Tensor(np.zeros((5, 2, 3), np.float32)))
    with pytest.raises(ValueError, match=r"expected h0 of shape \(1, 2, 6\)"):
        nn.GRU(4, 6)(Tensor(np.zeros((5, 2, 4), np.float32)),
                   Tensor(np.zeros((1, 3, 6), np.float32)))
    with pytest.raises(TypeError, match=r"tuple \(h0, c0\)"):
        nn.LSTM(4, 6)(Tensor(np.zeros((5, 2, 4), np.float32)),
                    Tensor(np.zeros((1, 2, 6), np.float32)))
    with pytest.raises(ValueError, match="nonlinearity must be"):
        nn.RNN(4, 6, nonlinearity="sigmoid")
