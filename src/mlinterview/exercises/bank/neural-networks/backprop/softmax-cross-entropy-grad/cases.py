"""Cases for backprop/softmax-cross-entropy-grad.

Expected values come from mlinterview.ml.nn.functional.cross_entropy and our autograd
engine (both checked against PyTorch in tests/parity): the loss of the logits as a Tensor
and its gradient after ``backward()``. The first cases are worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def reference(logits, y, reduction="mean"):
    z = Tensor(np.asarray(logits, dtype=np.float64), requires_grad=True)
    loss = F.cross_entropy(z, np.asarray(y), reduction=reduction)
    loss.backward()
    return float(loss.item()), z.grad.data


def _random(rng, n, k, scale, reduction="mean"):
    kwargs = {"reduction": reduction} if reduction != "mean" else {}
    return Case((rng.normal(scale=scale, size=(n, k)), rng.integers(0, k, n)), kwargs,
                note=f"N={n}, K={k}, logit scale {scale:g}, {reduction}")


def fixed():
    two = np.array([[0.0, 0.0], [0.0, math.log(3.0)]])
    rng = np.random.default_rng(14)
    return [
        Case((np.array([[0.0, 0.0]]), np.array([0])), note="uniform over two classes",
             expected=(math.log(2.0), np.array([[-0.5, 0.5]]))),
        Case((np.array([[1000.0, 0.0]]), np.array([1])), note="certain and wrong: loss 1000",
             expected=(1000.0, np.array([[1.0, -1.0]]))),
        Case((two, np.array([0, 1])), note="mean over two samples",
             expected=((math.log(2.0) + math.log(4 / 3)) / 2,
                       np.array([[-0.25, 0.25], [0.125, -0.125]]))),
        Case((two, np.array([0, 1])), {"reduction": "sum"}, note="sum over two samples",
             expected=(math.log(2.0) + math.log(4 / 3), np.array([[-0.5, 0.5], [0.25, -0.25]]))),
        Case((np.array([[5.0]]), np.array([0])), note="one class: loss 0, gradient 0",
             expected=(0.0, np.array([[0.0]]))),
        Case((np.array([[-1000.0, -1000.0, -1000.0]]), np.array([2])),
             note="very negative logits: exp underflows without the shift",
             expected=(math.log(3.0), np.array([[1 / 3, 1 / 3, -2 / 3]]))),
        Case((np.array([[0.0, -2000.0], [3.0, 1.0]]), np.array([1, 0])),
             note="a probability of e^-2000: log must stay finite"),
        _random(rng, 4, 3, 1.0),
        _random(rng, 3, 5, 300.0, "sum"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 4 + 6 * i))
        k = int(rng.integers(2, 4 + i // 2))
        scale = [0.5, 3.0, 50.0, 500.0][i % 4]
        cases.append(_random(rng, n, k, scale, "sum" if i % 3 == 2 else "mean"))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="softmax_cross_entropy",
    # float64 log-sum-exp and softmax in the same algebra, maybe another order.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
