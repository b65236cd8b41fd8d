"""Cases for backprop/batchnorm-backward.

Expected gradients come from our autograd engine through the library's
mlinterview.ml.nn.BatchNorm1d in training mode (float64, given gamma and beta; both checked
against PyTorch in tests/parity): the loss sum(y * grad_out), ``backward()``. The first
cases are worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, gamma, beta, grad_out, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    layer = nn.BatchNorm1d(x.shape[1], eps=eps, dtype=np.float64)
    layer.train()
    layer.weight.data[...] = gamma
    layer.bias.data[...] = beta
    xt = Tensor(x, requires_grad=True)
    (layer(xt) * Tensor(np.asarray(grad_out, dtype=np.float64))).sum().backward()
    return xt.grad.data, layer.weight.grad.data, layer.bias.grad.data


def _random(rng, n, d, scale, shift, **kwargs):
    x = rng.normal(scale=scale, size=(n, d)) + shift
    return Case((x, rng.normal(size=d), rng.normal(size=d), rng.normal(size=(n, d))), kwargs,
                note=f"N={n}, D={d}, x of scale {scale:g} around {shift:g}"
                     + (f", {kwargs}" if kwargs else ""))


def fixed():
    s = math.sqrt(1.5)
    rng = np.random.default_rng(19)
    return [
        Case((np.array([[1.0], [3.0]]), np.array([2.0]), np.array([0.5]), np.array([[1.0], [0.0]])),
             {"eps": 0.0}, note="two samples: the output ignores x, so dx = 0",
             expected=(np.zeros((2, 1)), np.array([-1.0]), np.array([1.0]))),
        Case((np.array([[0.0], [1.0], [2.0]]), np.array([1.0]), np.array([0.0]),
              np.array([[1.0], [0.0], [0.0]])), {"eps": 0.0},
             note="three samples, worked in the statement",
             expected=(s / 3 * np.array([[0.5], [-1.0], [0.5]]), np.array([-s]),
                       np.array([1.0]))),
        Case((np.array([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]]), np.array([1.0, 3.0]),
              np.array([0.0, 1.0]), np.array([[1.0, 1.0], [2.0, -1.0], [0.0, 4.0]])),
             note="a constant feature: x_hat = 0, eps keeps 1/sigma finite"),
        Case((np.array([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]]), np.array([1.0, 3.0]),
              np.array([0.0, 1.0]), np.ones((3, 2))),
             note="a constant upstream gradient: dx = 0, dbeta = N",
             expected=(np.zeros((3, 2)), np.zeros(2), np.full(2, 3.0))),
        _random(rng, 4, 3, 1.0, 0.0),
        _random(rng, 5, 2, 100.0, 1000.0, eps=0.1),
        _random(rng, 8, 4, 1e-3, 5.0, eps=1e-6),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(2, 6 + 3 * i))
        d = int(rng.integers(1, 4 + i // 3))
        scale = float(10 ** rng.uniform(-2, 2))
        kwargs = {"eps": float(rng.choice([1e-5, 1e-3, 0.5]))} if i % 3 == 1 else {}
        cases.append(_random(rng, n, d, scale, float(rng.normal(scale=3.0)), **kwargs))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="batchnorm_backward",
    # The same float64 formula in another order; the subtraction of nearly equal sums
    # (N g - Σg - ...) costs a few digits, hence 1e-7 relative and an absolute floor.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
