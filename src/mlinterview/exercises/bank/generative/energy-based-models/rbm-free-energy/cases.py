"""Cases for energy-based-models/rbm-free-energy.

Expected values come from the library's autograd (mlinterview.ml.autograd.Tensor and
mlinterview.ml.nn.functional.softplus, checked against PyTorch in tests/parity): the free
energy is built as a graph and the score is minus the gradient that backward computes,
so the reference never uses the closed form of the score. The softplus is exact
(threshold=inf, not PyTorch's linear cut-off at 20). The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def reference(V, W, b, c):
    v = Tensor(np.asarray(V, dtype=float), requires_grad=True)
    W, b, c = (Tensor(np.asarray(a, dtype=float)) for a in (W, b, c))
    free = -(v @ b) - F.softplus(v @ W + c, threshold=np.inf).sum(1)
    free.sum().backward()                          # rows are independent: one backward
    return free.data, -v.grad.data


def _a(*rows):
    return np.array(rows, dtype=float)


SIG2 = 1 / (1 + np.exp(-2.0))
W1, B1, C1 = _a([1.0], [-1.0]), _a(0.5, 0.0), _a(0.0)


def fixed():
    return [
        Case((_a([1.0, 1.0], [2.0, 0.0]), W1, B1, C1), note="the statement's example",
             expected=(_a(-0.5 - np.log(2), -1.0 - np.log1p(np.exp(2.0))),
                       _a([1.0, -0.5], [0.5 + SIG2, -SIG2]))),
        Case((_a([0.0, 0.0]), W1, B1, C1), note="v = 0: F = -k log 2",
             expected=(_a(-np.log(2)), _a([1.0, -0.5]))),
        Case((_a([800.0, 0.0], [-800.0, 0.0]), W1, B1, C1),
             note="pre-activation ±800: softplus(800) = 800, softplus(-800) = 0",
             expected=(_a(-400.0 - 800.0, 400.0 - 0.0), _a([1.5, -1.0], [0.5, 0.0]))),
        # Two hidden units with opposite weights: a = [v, -v] with v = x0.
        Case((_a([3.0]), _a([1.0, -1.0]), _a(0.0), _a(0.0, 0.0)),
             note="two hidden units: F = -softplus(3) - softplus(-3) = -3 - 2 log(1 + e^-3)",
             expected=(_a(-3.0 - 2 * np.log1p(np.exp(-3.0))),
                       _a([1 / (1 + np.exp(-3.0)) - 1 / (1 + np.exp(3.0))]))),
        Case((_a([1.0, 2.0, 3.0]), np.zeros((3, 2)), _a(1.0, -1.0, 2.0), _a(0.0, 5.0)),
             note="no weights: F = -b.v - softplus(c) summed, score = b",
             expected=(_a(-(1 - 2 + 6) - np.log(2) - np.log1p(np.exp(5.0))),
                       _a([1.0, -1.0, 2.0]))),
        Case((_a([1.0, 0.0], [0.0, 1.0], [1.0, 1.0]), _a([2.0, 0.0, -1.0], [0.0, 3.0, 1.0]),
              _a(0.0, 0.0), _a(-1.0, 0.0, 1.0)), note="k = 3 hidden units, three rows"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n, d, k = int(rng.integers(1, 60)), int(rng.integers(1, 12)), int(rng.integers(1, 12))
        scale = [0.1, 1.0, 5.0, 50.0][i % 4]       # the last: pre-activations in the hundreds
        V = rng.normal(size=(n, d)) if i % 3 else rng.integers(0, 2, (n, d)).astype(float)
        cases.append(Case((V, rng.normal(size=(d, k)) * scale, rng.normal(size=d),
                           rng.normal(size=k)), note=f"n = {n}, d = {d}, k = {k}, "
                          f"weights of scale {scale}", size=n * d + d * k))
    return cases


SPEC = ExerciseSpec(
    function="rbm_free_energy",
    # Sums of up to a few dozen terms; a stable softplus agrees to ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
