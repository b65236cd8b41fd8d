"""Cases for recurrent-networks/rnn-bptt.

Expected gradients come from our autograd engine through mlinterview.ml.nn.RNN (one layer,
tanh, float64, loaded with the given weights; both checked against PyTorch in
tests/parity/test_nn_rnn.py): the loss sum(outputs * grad_outputs), ``backward()``; the
bias gradient is bias_ih's (bias_hh's is the same). The first case is worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, h0, W_ih, W_hh, b_ih, b_hh, grad_outputs):
    x = np.asarray(x, dtype=np.float64)
    rnn = nn.RNN(x.shape[2], np.shape(W_hh)[0], dtype=np.float64)
    rnn.load_state_dict({"weight_ih_l0": W_ih, "weight_hh_l0": W_hh, "bias_ih_l0": b_ih,
                         "bias_hh_l0": b_hh})
    xt = Tensor(x, requires_grad=True)
    ht = Tensor(np.asarray(h0, dtype=np.float64)[None], requires_grad=True)
    out, _ = rnn(xt, ht)
    (out * Tensor(np.asarray(grad_outputs, dtype=np.float64))).sum().backward()
    return (xt.grad.data, ht.grad.data[0], rnn.weight_ih_l0.grad.data,
            rnn.weight_hh_l0.grad.data, rnn.bias_ih_l0.grad.data)


def _random(rng, T, B, I, H, scale=1.0, last_only=False, note=""):
    G = rng.normal(size=(T, B, H))
    if last_only:
        G[:-1] = 0.0
    return Case((rng.normal(size=(T, B, I)), rng.normal(size=(B, H)),
                 rng.normal(scale=scale / math.sqrt(I), size=(H, I)),
                 rng.normal(scale=scale / math.sqrt(H), size=(H, H)),
                 rng.normal(scale=0.5, size=H), rng.normal(scale=0.5, size=H), G),
                note=note or f"T={T}, B={B}, I={I}, H={H}, weight scale {scale:g}"
                             + (", loss on the last step only" if last_only else ""))


def fixed():
    zeros = np.zeros(1)
    rng = np.random.default_rng(37)
    return [
        Case((np.zeros((2, 1, 1)), np.zeros((1, 1)), np.array([[1.0]]), np.array([[0.5]]),
              zeros, zeros, np.array([0.0, 1.0]).reshape(2, 1, 1)),
             note="worked example: all states 0, the loss on the last step",
             expected=(np.array([0.5, 1.0]).reshape(2, 1, 1), np.array([[0.25]]),
                       np.zeros((1, 1)), np.zeros((1, 1)), np.array([1.5]))),
        # One step: dz = g (1 - h²) with h = tanh(1); dW_ih = dz·x, dW_hh = dz·h0.
        Case((np.ones((1, 1, 1)), np.array([[2.0]]), np.array([[1.0]]), np.array([[0.0]]),
              zeros, zeros, np.ones((1, 1, 1))), note="one step with h0 = 2 and W_hh = 0",
             expected=(np.full((1, 1, 1), 1 - math.tanh(1.0) ** 2), np.zeros((1, 1)),
                       np.array([[1 - math.tanh(1.0) ** 2]]),
                       np.array([[2 * (1 - math.tanh(1.0) ** 2)]]),
                       np.array([1 - math.tanh(1.0) ** 2]))),
        _random(rng, 6, 2, 3, 3, note="square W_hh: the backward multiplies by W_hh, not W_hhᵀ"),
        _random(rng, 12, 1, 2, 4, scale=0.5, last_only=True,
                note="a long sequence, loss at the end: the gradient vanishes towards t = 1"),
        _random(rng, 5, 3, 2, 2, scale=3.0, note="large weights: saturated states"),
        _random(rng, 1, 2, 4, 3, note="a single step"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        T = int(rng.integers(1, 4 + i))
        B, I, H = (int(v) for v in rng.integers(1, 3 + i // 4, 3))
        cases.append(_random(rng, T, B, I, H, scale=float(rng.choice([0.5, 1.0, 2.0])),
                             last_only=i % 4 == 3))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="rnn_bptt",
    # float64 sums over steps and batch in another order, through at most ~30 steps.
    compare=AllClose(rtol=1e-8, atol=1e-11),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
