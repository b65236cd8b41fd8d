"""The LSTM layer reuses scratch buffers between backward calls (nn/_rnn.py): gradients
must not depend on what ran before, on interleaved graphs, or on a second backward."""

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def _grads(model, x):
    xt = Tensor(x, requires_grad=True)
    out, _ = model(xt)
    (out * out).sum().backward()
    return [xt.grad.data.copy()] + [p.grad.data.copy() for p in model.parameters()]


def test_interleaved_graphs_and_repeated_backward_give_the_same_gradients():
    rng = np.random.default_rng(0)
    a = nn.LSTM(3, 5, dtype=np.float64, generator=np.random.default_rng(1))
    b = nn.LSTM(4, 6, num_layers=2, bidirectional=True, dtype=np.float64,
                generator=np.random.default_rng(2))
    xa, xb = rng.normal(size=(7, 2, 3)), rng.normal(size=(9, 3, 4))
    alone_a, alone_b = _grads(a, xa), _grads(b, xb)
    a.zero_grad()
    b.zero_grad()
    # Two graphs alive at once, backward in the opposite order.
    ta, tb = Tensor(xa, requires_grad=True), Tensor(xb, requires_grad=True)
    oa, _ = a(ta)
    ob, _ = b(tb)
    (ob * ob).sum().backward()
    la = (oa * oa).sum()
    la.backward(retain_graph=True)
    np.testing.assert_allclose(ta.grad.data, alone_a[0], rtol=1e-12)
    np.testing.assert_allclose(tb.grad.data, alone_b[0], rtol=1e-12)
    for p, g in zip(b.parameters(), alone_b[1:], strict=True):
        np.testing.assert_allclose(p.grad.data, g, rtol=1e-12)
    # A second backward through the retained graph adds the same gradient again.
    la.backward()
    np.testing.assert_allclose(ta.grad.data, 2 * alone_a[0], rtol=1e-12)
    for p, g in zip(a.parameters(), alone_a[1:], strict=True):
        np.testing.assert_allclose(p.grad.data, 2 * g, rtol=1e-12)
