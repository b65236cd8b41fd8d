"""Cases for svm/rbf-kernel-matrix.

Expected values come from mlinterview.ml.svm.kernels.rbf_kernel (the expansion with the
clip, checked against scikit-learn's rbf_kernel in tests/parity); the comparison also
rejects any kernel value above 1. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, Custom, ExerciseSpec, Limits
from mlinterview.ml.svm.kernels import rbf_kernel

_CLOSE = AllClose(rtol=1e-9, atol=1e-12)


def reference(X, Y=None, gamma=None):
    X = np.asarray(X, dtype=float)
    Y = None if Y is None else np.asarray(Y, dtype=float)
    return rbf_kernel(X, Y, gamma=gamma)


def _check(case, expected, got):
    problem = _CLOSE(expected, got, case)
    if problem:
        return problem
    top = float(np.max(np.asarray(got))) if np.size(got) else 0.0
    if top > 1.0:
        return (f"a kernel value of {top!r} is above 1: a squared distance came out "
                "negative; clip it at 0")
    return None


def fixed():
    e = math.exp
    rng = np.random.default_rng(7)
    return [
        Case(([[0.0, 0.0], [1.0, 1.0]], [[1.0, 0.0]]), note="worked example",
             expected=np.array([[e(-0.5)], [e(-0.5)]])),
        Case(([[0.0, 0.0], [1.0, 1.0]],), note="Y = None: the Gram matrix",
             expected=np.array([[1.0, e(-1.0)], [e(-1.0), 1.0]])),
        Case(([[0.0, 0.0], [1.0, 1.0]], [[1.0, 0.0]], 2.0), note="gamma = 2",
             expected=np.array([[e(-2.0)], [e(-2.0)]])),
        Case(([[3.0]], [[3.0], [5.0]]), note="1-D points", expected=np.array([[1.0, e(-4.0)]])),
        Case(([[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0]], 0.1), note="identical rows: exactly 1",
             expected=np.array([[1.0]])),
        Case((rng.normal(size=(200, 50)) * 10, None, 0.02),
             note="200 rows of norm ~70: rounding makes some squared distances negative"),
        Case((np.array([[1e3, 2e3], [1e3 + 1e-3, 2e3]]), None, 1.0),
             note="nearly equal rows far from the origin"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        n, m = (int(v) for v in rng.integers(1, 40, size=2)) if i < 26 else (300, 200)
        d = int(rng.integers(1, 12)) if i < 26 else 64
        X = rng.normal(size=(n, d)) * rng.uniform(0.1, 5)
        Y = rng.normal(size=(m, d)) * rng.uniform(0.1, 5) if i % 3 else None
        gamma = None if i % 4 == 0 else float(rng.choice([0.01, 0.1, 0.5, 2.0]))
        cases.append(Case((X, Y, gamma), note=f"{n} x {d} against "
                          f"{'X' if Y is None else f'{m} x {d}'}, gamma {gamma}"))
    return cases


SPEC = ExerciseSpec(
    function="rbf_kernel",
    # The expansion and the direct difference agree to ~1e-12 absolute on these scales.
    compare=Custom(_check, "numbers within rtol=1e-09, atol=1e-12, and none above 1"),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
