"""Cases for l1-l2/proximal-operators.

Expected values for "l1" come from mlinterview.ml.linear_model.soft_threshold (the
lasso's coordinate update, checked against scikit-learn's Lasso in
tests/parity/test_linear_model.py); "l2" is the closed form z / (1 + t). The first cases
are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import soft_threshold


def reference(z, t, penalty):
    z = np.asarray(z, dtype=float)
    if penalty == "l1":
        return np.asarray(soft_threshold(z, t), dtype=float).reshape(z.shape)
    return z / (1.0 + t)


def fixed():
    z = [3.0, -0.5, -2.0, 1.0]
    a = np.array
    return [
        Case((z, 1.0, "l1"), note="worked example, l1", expected=a([2.0, 0.0, -1.0, 0.0])),
        Case((z, 1.0, "l2"), note="worked example, l2", expected=a([1.5, -0.25, -1.0, 0.5])),
        Case((z, 0.0, "l1"), note="t = 0: no shrinkage", expected=a(z)),
        Case((z, 0.0, "l2"), note="t = 0, l2", expected=a(z)),
        Case(([-5.0, 5.0], 10.0, "l1"), note="threshold above every |z|",
             expected=a([0.0, 0.0])),
        Case(([-3.0, -1.0, 1.0, 3.0], 2.0, "l1"), note="negative values move up",
             expected=a([-1.0, 0.0, 0.0, 1.0])),
        Case(([[4.0, -4.0], [0.0, 0.5]], 3.0, "l2"), note="a matrix, l2",
             expected=a([[1.0, -1.0], [0.0, 0.125]])),
        Case(([[4.0, -4.0], [0.0, 0.5]], 0.5, "l1"), note="a matrix, l1",
             expected=a([[3.5, -3.5], [0.0, 0.0]])),
        Case((np.zeros(0), 1.0, "l1"), note="empty", expected=np.zeros(0)),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        if i % 2:
            shape = (int(rng.integers(1, 40)),)
        else:
            shape = tuple(int(v) for v in rng.integers(1, 8, 2))
        if i >= 28:
            shape = (200, 300)
        z = rng.normal(0, 3, size=shape)
        t = float(rng.choice([0.1, 0.5, 1.0, 2.5, 100.0]))
        cases.append(Case((z, t, "l1" if i % 3 else "l2"),
                          note=f"shape {shape}, t = {t}"))
    return cases


SPEC = ExerciseSpec(
    function="shrink",
    compare=AllClose(rtol=1e-12, atol=1e-15),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
