"""Cases for activations/gelu.

Expected values come from mlinterview.ml.nn.functional.gelu, both forms (checked against
PyTorch in tests/parity); the first cases are worked by hand in the statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

PHI_1 = 0.5 * (1 + math.erf(1 / math.sqrt(2)))


def reference(x, approximate="none"):
    return F.gelu(Tensor(np.asarray(x, dtype=np.float64)), approximate=approximate).data


def fixed():
    t1 = 0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * 1.044715))
    return [
        Case((np.array([0.0, 1.0, -1.0]),), note="worked example: 0, Phi(1), Phi(1) - 1",
             expected=np.array([0.0, PHI_1, PHI_1 - 1])),
        Case((np.array([1.0, -1.0]),), {"approximate": "tanh"}, note="tanh form at ±1",
             expected=np.array([t1, t1 - 1])),
        Case((np.array([[50.0, -50.0], [10.0, -10.0]]),), note="far tails: x and 0",
             expected=np.array([[50.0, 0.0], [10.0, -10.0 * 0.5 * math.erfc(10 / math.sqrt(2))]])),
        Case((np.array([-0.75, -0.5, 0.25, 2.0]),), note="the negative dip around -0.75"),
        Case((np.array([-0.75, -0.5, 0.25, 2.0]),), {"approximate": "tanh"},
             note="the same points, tanh form"),
        Case((np.array([3.0, -3.0, 5.0]),), {"approximate": "tanh"},
             note="where the cubic term matters"),
        Case((np.zeros((2, 0)),), note="an empty array", expected=np.zeros((2, 0))),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        shape = tuple(int(s) for s in rng.integers(1, 4 + i, size=int(rng.integers(1, 4))))
        scale = [0.5, 1.0, 3.0, 10.0][i % 4]
        approximate = "tanh" if i % 2 else "none"
        # Sometimes leave the default "none" implicit.
        implicit = approximate == "none" and i % 3 == 0
        kwargs = {} if implicit else {"approximate": approximate}
        cases.append(Case((rng.normal(scale=scale, size=shape),), kwargs,
                          note=f"shape {shape}, scale {scale:g}, {approximate}"))
    return cases


SPEC = ExerciseSpec(
    function="gelu",
    # erf and tanh from different libraries agree to a few ulps; values near 0 need the
    # absolute floor.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
