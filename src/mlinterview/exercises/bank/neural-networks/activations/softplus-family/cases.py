"""Cases for activations/softplus-family.

Expected values come from mlinterview.ml.nn.functional.softplus (its derivative through our
autograd engine) and mlinterview.ml.nn.functional.logsigmoid, all checked against PyTorch
in tests/parity; the first cases are worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

TINY = math.exp(-40.0)   # log1p(e^-40) = e^-40 to double precision


def reference(x, beta=1.0, threshold=20.0):
    t = Tensor(np.asarray(x, dtype=np.float64), requires_grad=True)
    softplus = F.softplus(t, beta, threshold)
    softplus.sum().backward()
    logsigmoid = F.logsigmoid(Tensor(np.asarray(x, dtype=np.float64)))
    return softplus.data, t.grad.data, logsigmoid.data


def fixed():
    lg2 = math.log(2.0)
    return [
        Case((np.array([0.0]),), note="at 0: log 2, 1/2, -log 2",
             expected=(np.array([lg2]), np.array([0.5]), np.array([-lg2]))),
        Case((np.array([-40.0, 40.0]),), note="e^-40 must not round to 0",
             expected=(np.array([TINY, 40.0]), np.array([TINY, 1.0]),
                       np.array([-40.0, -TINY]))),
        Case((np.array([0.5, 2.0]),), {"beta": 2.0, "threshold": 2.0},
             note="beta 2, threshold 2: the linear branch only strictly above",
             expected=(np.array([math.log1p(math.e) / 2, 2.0]),
                       np.array([1 / (1 + math.exp(-1.0)), 1.0]),
                       np.array([-math.log1p(math.exp(-0.5)), -math.log1p(math.exp(-2.0))]))),
        Case((np.array([1e4, -1e4]),), note="±10^4: overflow and -inf traps",
             expected=(np.array([1e4, 0.0]), np.array([1.0, 0.0]), np.array([0.0, -1e4]))),
        Case((np.array([800.0, -800.0]),), {"threshold": 1e9},
             note="no linear branch: e^800 overflows without the max(z, 0) form",
             expected=(np.array([800.0, 0.0]), np.array([1.0, 0.0]), np.array([0.0, -800.0]))),
        Case((np.array([0.0, 2.0]),), {"threshold": 1.0},
             note="a low threshold: x = 2 is linear, derivative exactly 1",
             expected=(np.array([lg2, 2.0]), np.array([0.5, 1.0]),
                       np.array([-lg2, -math.log1p(math.exp(-2.0))]))),
        Case((np.array([[1.0, -3.0], [25.0, -25.0]]),), {"beta": 0.5},
             note="beta 0.5: the threshold is crossed at x = 40, not 20"),
        Case((np.array([-5.0, 5.0, 15.0]),), {"beta": 3.0, "threshold": 30.0},
             note="beta 3: derivative sigma(3x), not sigma(x)"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        shape = tuple(int(s) for s in rng.integers(1, 4 + i, size=int(rng.integers(1, 3))))
        scale = [1.0, 10.0, 50.0, 1000.0][i % 4]
        kwargs = {}
        if i % 3 == 1:
            kwargs["beta"] = float(rng.choice([0.25, 0.5, 2.0, 5.0]))
        if i % 3 == 2:
            kwargs["threshold"] = float(rng.choice([1.0, 5.0, 50.0, 1e9]))
        cases.append(Case((rng.normal(scale=scale, size=shape),), kwargs,
                          note=f"shape {shape}, scale {scale:g}, {kwargs}"))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="softplus_family",
    # Stable float64 formulas agree to a few ulps; no absolute tolerance, so that
    # log(1 + e^-40) = 0 is told apart from 4.25e-18.
    compare=AllClose(rtol=1e-10, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
