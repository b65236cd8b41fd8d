"""Cases for least-squares/normal-equations-and-pinv.

Expected values come from mlinterview.ml.linalg.lstsq (checked against NumPy in
tests/parity/test_linalg.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linalg import lstsq


def reference(A, b, method="normal"):
    return lstsq(np.asarray(A, dtype=float), np.asarray(b, dtype=float))[0]


def fixed():
    return [
        # AᵀA = [[2, 1], [1, 2]], Aᵀb = [1, 2] -> x = [0, 1].
        Case(([[1, 0], [0, 1], [1, 1]], [1, 2, 0]), {"method": "normal"},
             note="worked example in the statement", expected=np.array([0.0, 1.0])),
        Case(([[1, 0], [0, 1], [1, 1]], [1, 2, 0]), {"method": "pinv"},
             note="same example by the pseudoinverse", expected=np.array([0.0, 1.0])),
        # Fit a line through (0, 1), (1, 3), (2, 5): exact, x = [1, 2].
        Case(([[1, 0], [1, 1], [1, 2]], [1, 3, 5]), {"method": "normal"},
             note="points on a line: zero residual", expected=np.array([1.0, 2.0])),
        # Mean: A = column of ones -> x = mean(b) = 2.
        Case(([[1], [1], [1], [1]], [1, 2, 3, 2]), {"method": "normal"},
             note="a column of ones gives the mean", expected=np.array([2.0])),
        # Two identical columns: any x1 + x2 = 2 fits; minimum norm is [1, 1].
        Case(([[1, 1], [2, 2], [3, 3]], [2, 4, 6]), {"method": "pinv"},
             note="duplicate columns: the minimum-norm solution", expected=np.array([1.0, 1.0])),
        Case(([[1, 2, 3], [2, 4, 6]], [1, 2]), {"method": "pinv"},
             note="wide and rank one", expected=np.array([1, 2, 3]) / 14),
        Case(([[0.0, 0.0], [0.0, 0.0]], [1, 1]), {"method": "pinv"},
             note="zero matrix: x = 0", expected=np.array([0.0, 0.0])),
        Case(([[2.0, 0.0], [0.0, 4.0]], [2, 2]), {"method": "normal"},
             note="square invertible: the usual solve", expected=np.array([1.0, 0.5])),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        m = int(rng.integers(3, 60)) * (1 + 10 * (i >= 22))
        n = int(rng.integers(1, min(m, 12) + 1))
        A = rng.normal(size=(m, n)) * rng.uniform(0.5, 5, size=n)
        b = rng.normal(size=m)
        method = "normal" if i % 2 == 0 else "pinv"
        if method == "pinv" and n >= 2 and i % 4 == 1:
            A[:, -1] = A[:, 0] - 2 * A[:, 1 % n]      # a dependent column
            note = f"random {m}x{n}, rank deficient"
        else:
            note = f"random {m}x{n}"
        cases.append(Case((A, b), {"method": method}, note=f"{note}, {method}"))
    return cases


SPEC = ExerciseSpec(
    function="least_squares",
    # The normal equations lose up to cond(A)² * eps digits; the cases keep cond(A) < 1e3.
    compare=AllClose(rtol=1e-6, atol=1e-8),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
