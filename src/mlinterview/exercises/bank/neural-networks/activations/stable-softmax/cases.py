"""Cases for activations/stable-softmax.

Expected values come from mlinterview.ml.nn.functional.softmax / log_softmax (checked
against PyTorch in tests/parity); the first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

LOG_HALF = float(np.log(0.5))


def reference(x, axis=-1):
    t = Tensor(np.asarray(x, dtype=np.float64))
    return F.softmax(t, dim=axis).data, F.log_softmax(t, dim=axis).data


def fixed():
    return [
        Case((np.array([1000.0, 1000.0]),), note="huge equal logits: exp(1000) overflows",
             expected=(np.array([0.5, 0.5]), np.array([LOG_HALF, LOG_HALF]))),
        Case((np.array([0.0, -2000.0]),), note="a tiny probability: log must stay -2000",
             expected=(np.array([1.0, 0.0]), np.array([0.0, -2000.0]))),
        Case((np.array([0.0, 0.0, 0.0, 0.0]),), note="all equal: uniform",
             expected=(np.full(4, 0.25), np.full(4, np.log(0.25)))),
        Case((np.array([3.0]),), note="one class: probability 1, log 0",
             expected=(np.array([1.0]), np.array([0.0]))),
        Case((np.array([1.0, 2.0, 3.0]),), note="small logits"),
        Case((np.array([[1.0, 2.0], [3.0, 5.0]]),), {"axis": 0}, note="along axis 0"),
        Case((np.array([[1.0, 2.0], [3.0, 5.0]]),), {"axis": 1}, note="along axis 1"),
        Case((np.array([[-1e4, 0.0, 1e4], [5.0, 5.0, -5.0]]),), note="rows with extreme spread"),
        Case((np.array([-800.0, -801.0, -1000.0]),), note="all very negative: exp underflows"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        ndim = 1 + i % 3
        shape = tuple(int(n) for n in rng.integers(1, 6 + 4 * i, ndim))
        scale = [1.0, 50.0, 1e3, 5e3][i % 4]
        x = rng.normal(scale=scale, size=shape)
        axis = int(rng.integers(-ndim, ndim))
        cases.append(Case((x,), {"axis": axis},
                          note=f"random logits of shape {shape}, scale {scale:g}, axis {axis}"))
    return cases


SPEC = ExerciseSpec(
    function="softmax_and_log_softmax",
    # Both sides use float64 and the same algebra; 1e-9 leaves room for a different
    # (still stable) order of operations.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
