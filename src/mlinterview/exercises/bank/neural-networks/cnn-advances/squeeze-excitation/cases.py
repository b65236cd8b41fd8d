"""Cases for cnn-advances/squeeze-excitation.

Expected values come from the library's block, mlinterview.ml.models.cnn.SqueezeExcitation
(built from layers checked against PyTorch in tests/parity), with its two linear layers
replaced by float64 ones holding the given weights; the gates are read from the same
sub-layers. The first cases are worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.models.cnn import SqueezeExcitation


def reference(x, W1, b1, W2, b2):
    hidden, c = np.shape(W1)
    se = SqueezeExcitation(c, reduction=max(1, c // hidden))
    se.fc1 = nn.Linear(c, hidden, dtype=np.float64)
    se.fc2 = nn.Linear(hidden, c, dtype=np.float64)
    for layer, w, b in ((se.fc1, W1, b1), (se.fc2, W2, b2)):
        layer.weight.data[...] = w
        layer.bias.data[...] = b
    xt = Tensor(np.asarray(x, dtype=np.float64))
    y = se(xt).data
    n = xt.shape[0]
    s = se.gate(se.fc2(se.relu(se.fc1(se.pool(xt).reshape(n, c))))).data
    return y, s


def _random(rng, n, c, r, h, w, scale=1.0, note=""):
    hidden = max(1, c // r)
    x = rng.normal(size=(n, c, h, w)) + rng.normal(size=(n, c, 1, 1))
    return Case((x, rng.normal(scale=scale, size=(hidden, c)), rng.normal(size=hidden),
                 rng.normal(scale=scale, size=(c, hidden)), rng.normal(size=c)),
                note=note or f"N={n}, C={c}, reduction {r}, {h}x{w}")


def fixed():
    x = np.array([[[[1.0, 3.0]], [[-2.0, 2.0]]]])
    top = 1 / (1 + math.exp(-100))
    rng = np.random.default_rng(12)
    return [
        Case((x, np.array([[1.0, -1.0]]), np.zeros(1), np.array([[0.0], [50.0]]), np.zeros(2)),
             note="worked example: gates 0.5 and ~1",
             expected=(np.array([[[[0.5, 1.5]], [[-2.0 * top, 2.0 * top]]]]),
                       np.array([[0.5, top]]))),
        Case((x, np.array([[-1.0, 0.0]]), np.zeros(1), np.array([[3.0], [4.0]]),
              np.array([0.0, math.log(3.0)])),
             note="the ReLU cuts the hidden unit: gates sigma(b2) = 0.5 and 0.75",
             expected=(np.array([[[[0.5, 1.5]], [[-1.5, 1.5]]]]), np.array([[0.5, 0.75]]))),
        Case((np.ones((2, 1, 2, 2)) * np.array([1.0, -1.0])[:, None, None, None],
              np.array([[1.0]]), np.zeros(1), np.array([[1.0]]), np.zeros(1)),
             note="one channel, two samples: each sample its own gate",
             expected=(np.array([1.0 / (1 + math.exp(-1)), -0.5])[:, None, None, None]
                       * np.ones((2, 1, 2, 2)),
                       np.array([[1.0 / (1 + math.exp(-1))], [0.5]]))),
        _random(rng, 1, 4, 2, 3, 5, note="spatial mean, not max: uneven maps"),
        _random(rng, 3, 8, 4, 2, 2, scale=30.0, note="saturated gates (pre-activations ~±100)"),
        _random(rng, 2, 6, 3, 1, 1, note="1x1 maps: the pool is the identity"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 5))
        r = int(rng.choice([1, 2, 4, 8]))
        c = int(rng.integers(1, 6 + 2 * i))
        h, w = (int(v) for v in rng.integers(1, 6 + i // 3, 2))
        cases.append(_random(rng, n, c, r, h, w, scale=float(rng.choice([0.5, 2.0, 10.0]))))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="squeeze_excitation",
    # float64 means and two small matrix products: a few ulps apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
