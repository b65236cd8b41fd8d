"""Cases for vanishing-gradients/layer-gradient-norms.

Expected values come from our autograd engine (checked against PyTorch in tests/parity):
the same chain built from Tensors, the loss sum(h_L * grad_out), ``backward()`` with every
activation's gradient retained. The first case is worked by hand in the statement.
"""

import itertools
import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor


def reference(x, weights, grad_out, activation="tanh"):
    h = Tensor(np.asarray(x, dtype=np.float64), requires_grad=True)
    hs = [h]
    ws = [Tensor(np.asarray(W, dtype=np.float64), requires_grad=True) for W in weights]
    for W in ws:
        z = h @ W
        h = {"tanh": z.tanh, "relu": z.relu, "linear": lambda z=z: z * 1.0}[activation]()
        h.retain_grad()
        hs.append(h)
    (h * Tensor(np.asarray(grad_out, dtype=np.float64))).sum().backward()
    weight_norms = np.array([np.linalg.norm(W.grad.data) for W in ws])
    activation_norms = np.array([np.linalg.norm(t.grad.data) for t in hs])
    return weight_norms, activation_norms


def _random(rng, batch, widths, activation, gain):
    x = rng.normal(size=(batch, widths[0]))
    weights = [rng.normal(scale=gain / math.sqrt(a), size=(a, b))
               for a, b in itertools.pairwise(widths)]
    grad_out = rng.normal(size=(batch, widths[-1]))
    return Case((x, weights, grad_out), {"activation": activation},
                note=f"{activation}, batch {batch}, widths {widths}, weight gain {gain:g}")


def fixed():
    rng = np.random.default_rng(13)
    return [
        Case((np.array([[1.0, 2.0]]), [np.array([[1.0], [1.0]])], np.array([[1.0]])),
             {"activation": "linear"}, note="worked example: one linear layer",
             expected=(np.array([math.sqrt(5)]), np.array([math.sqrt(2), 1.0]))),
        # tanh at z = 0 has derivative 1: the same numbers as the linear layer.
        Case((np.array([[1.0, -1.0]]), [np.array([[1.0], [1.0]])], np.array([[2.0]])),
             note="tanh at z = 0: derivative 1",
             expected=(np.array([2 * math.sqrt(2)]), np.array([2 * math.sqrt(2), 2.0]))),
        # relu: z = [[-1, 3]], only the second unit passes the gradient.
        Case((np.array([[1.0, 1.0]]), [np.array([[-2.0, 1.0], [1.0, 2.0]])],
              np.array([[5.0, 1.0]])), {"activation": "relu"},
             note="relu: an inactive unit passes no gradient",
             expected=(np.array([math.sqrt(2)]), np.array([math.sqrt(5), math.sqrt(26)]))),
        _random(rng, 4, [3, 3, 3, 3, 3, 3, 3, 3, 3], "tanh", 0.5),
        _random(rng, 4, [5, 5, 5, 5, 5, 5, 5], "tanh", 4.0),
        _random(rng, 3, [2, 7, 1, 6, 3], "relu", math.sqrt(2)),
        _random(rng, 1, [4, 4], "tanh", 1.0),
        _random(rng, 5, [6, 2, 5], "linear", 1.5),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        depth = 1 + int(rng.integers(0, 3 + i // 2))
        widths = [int(v) for v in rng.integers(1, 4 + i // 2, depth + 1)]
        batch = int(rng.integers(1, 3 + i // 3))
        activation = ("tanh", "relu", "linear")[i % 3]
        gain = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
        cases.append(_random(rng, batch, widths, activation, gain))
    return cases


SPEC = ExerciseSpec(
    function="layer_gradient_norms",
    # The same float64 products in another order: ~1e-14 relative. No absolute tolerance:
    # a vanishing gradient's norm is tiny, and the point is to get it right.
    compare=AllClose(rtol=1e-8, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
