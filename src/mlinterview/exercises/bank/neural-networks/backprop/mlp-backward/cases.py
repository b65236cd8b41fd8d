"""Cases for backprop/mlp-backward.

Expected gradients come from our autograd engine (checked against PyTorch in
tests/parity): the same network built from Tensors, `loss.backward()`. The first case is
small enough to follow by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def reference(X, y, W1, b1, W2, b2):
    params = [Tensor(np.asarray(p, dtype=np.float64), requires_grad=True)
              for p in (W1, b1, W2, b2)]
    w1, c1, w2, c2 = params
    hidden = (Tensor(np.asarray(X, dtype=np.float64)) @ w1 + c1).relu()
    loss = F.cross_entropy(hidden @ w2 + c2, np.asarray(y))
    loss.backward()
    return tuple(p.grad.data for p in params)


def _case(rng, n, d, h, k, note, scale=1.0):
    X = rng.normal(size=(n, d))
    y = rng.integers(0, k, n)
    W1 = rng.normal(scale=scale / np.sqrt(d), size=(d, h))
    b1 = rng.normal(scale=0.1, size=h)
    W2 = rng.normal(scale=scale / np.sqrt(h), size=(h, k))
    b2 = rng.normal(scale=0.1, size=k)
    return Case((X, y, W1, b1, W2, b2), note=note)


def fixed():
    # One sample, identity-like weights: Z1 = [1, -1] -> H = [1, 0]; Z2 = [1, 0];
    # P = [e/(e+1), 1/(e+1)]; y = 0 so dZ2 = [P0 - 1, P1] = [-q, q] with q = 1/(e+1).
    q = 1 / (np.e + 1)
    X = np.array([[1.0, -1.0]])
    W1 = np.eye(2)
    W2 = np.eye(2)
    zeros = np.zeros(2)
    by_hand = (np.array([[-q, 0.0], [q, 0.0]]), np.array([-q, 0.0]),
               np.array([[-q, q], [0.0, 0.0]]), np.array([-q, q]))
    rng = np.random.default_rng(7)
    return [
        Case((X, np.array([0]), W1, zeros, W2, zeros), note="one sample, worked by hand",
             expected=by_hand),
        _case(rng, 1, 3, 4, 2, "batch of one"),
        _case(rng, 5, 2, 3, 3, "small batch"),
        _case(rng, 6, 4, 5, 4, "large weights: the softmax saturates", scale=30.0),
        Case((np.ones((3, 2)), np.array([1, 1, 1]), -np.ones((2, 3)), np.zeros(3),
              np.ones((3, 2)), np.zeros(2)), note="every ReLU off: the first layer gets 0"),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n = int(rng.integers(2, 8 + 40 * i))
        d, h, k = (int(v) for v in rng.integers(1, 8 + 2 * i, 3))
        cases.append(_case(rng, n, d, h, max(k, 2), f"random MLP n={n}, d={d}, h={h}"))
    return cases


SPEC = ExerciseSpec(
    function="mlp_backward",
    # Same float64 algebra; summation order may differ.
    compare=AllClose(rtol=1e-7, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
