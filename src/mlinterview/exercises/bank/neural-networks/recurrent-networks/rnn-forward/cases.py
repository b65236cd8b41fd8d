"""Cases for recurrent-networks/rnn-forward.

Expected values come from mlinterview.ml.nn.RNN (one layer, tanh, float64, loaded with the
given weights; checked against PyTorch in tests/parity/test_nn_rnn.py); the first case is
worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, h0, W_ih, W_hh, b_ih, b_hh):
    x = np.asarray(x, dtype=np.float64)
    rnn = nn.RNN(x.shape[2], np.shape(W_hh)[0], dtype=np.float64)
    rnn.load_state_dict({"weight_ih_l0": W_ih, "weight_hh_l0": W_hh, "bias_ih_l0": b_ih,
                         "bias_hh_l0": b_hh})
    out, h_n = rnn(Tensor(x), Tensor(np.asarray(h0, dtype=np.float64)[None]))
    return out.data, h_n.data[0]


def _random(rng, T, B, I, H, scale=1.0, note=""):
    return Case((rng.normal(size=(T, B, I)), rng.normal(size=(B, H)),
                 rng.normal(scale=scale / math.sqrt(I), size=(H, I)),
                 rng.normal(scale=scale / math.sqrt(H), size=(H, H)),
                 rng.normal(scale=0.5, size=H), rng.normal(scale=0.5, size=H)),
                note=note or f"T={T}, B={B}, I={I}, H={H}, weight scale {scale:g}")


def fixed():
    h1 = math.tanh(1.0)
    h2 = math.tanh(0.5 * h1)
    h3 = math.tanh(0.5 * h2)
    zeros = np.zeros(1)
    rng = np.random.default_rng(29)
    return [
        Case((np.array([1.0, 0.0, 0.0]).reshape(3, 1, 1), np.zeros((1, 1)), np.array([[1.0]]),
              np.array([[0.5]]), zeros, zeros), note="worked example: a decaying memory",
             expected=(np.array([h1, h2, h3]).reshape(3, 1, 1), np.array([[h3]]))),
        Case((np.zeros((2, 1, 1)), np.array([[2.0]]), np.array([[1.0]]), np.array([[1.0]]),
              np.array([0.25]), np.array([-0.25])), note="a non-zero h0 and opposite biases",
             expected=(np.array([math.tanh(2.0), math.tanh(math.tanh(2.0))]).reshape(2, 1, 1),
                       np.array([[math.tanh(math.tanh(2.0))]]))),
        Case((np.ones((1, 2, 1)), np.zeros((2, 2)), np.array([[1.0], [-1.0]]), np.zeros((2, 2)),
              np.array([0.0, 1.0]), np.zeros(2)), note="one step: tanh of the projection",
             expected=(np.tanh(np.array([[[1.0, 0.0], [1.0, 0.0]]])),
                       np.tanh(np.array([[1.0, 0.0], [1.0, 0.0]])))),
        _random(rng, 4, 2, 3, 3, note="square hidden weights: W_hh must be transposed"),
        _random(rng, 5, 1, 2, 4, scale=3.0, note="large weights: saturating tanh"),
        _random(rng, 3, 3, 4, 2),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        T = int(rng.integers(1, 4 + i))
        B, I, H = (int(v) for v in rng.integers(1, 3 + i // 4, 3))
        cases.append(_random(rng, T, B, I, H, scale=float(rng.choice([0.5, 1.0, 2.0]))))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="rnn_forward",
    # float64 products in another order, through at most ~30 tanh steps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
