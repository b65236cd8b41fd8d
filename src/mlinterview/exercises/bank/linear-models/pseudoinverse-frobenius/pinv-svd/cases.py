"""Cases for pseudoinverse-frobenius/pinv-svd.

Expected values come from mlinterview.ml.linalg.pinv (checked against NumPy and SciPy in
tests/parity/test_linalg.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linalg import pinv


def reference(A, rcond=1e-10):
    return pinv(np.asarray(A, dtype=float), rcond=rcond)


def fixed():
    return [
        Case(([[1.0, 0.0], [0.0, 0.0]],), note="rank one: the zero singular value is not inverted",
             expected=np.array([[1.0, 0.0], [0.0, 0.0]])),
        Case(([[2.0, 0.0, 0.0], [0.0, 4.0, 0.0]],), note="wide diagonal 2x3",
             expected=np.array([[0.5, 0.0], [0.0, 0.25], [0.0, 0.0]])),
        Case(([[2.0, 1.0], [1.0, 1.0]],), note="invertible: the inverse",
             expected=np.array([[1.0, -1.0], [-1.0, 2.0]])),
        Case(([[1.0], [1.0]],), note="a column: A⁺ = Aᵀ / ||A||²", expected=np.array([[0.5, 0.5]])),
        Case(([[1.0, 2.0], [2.0, 4.0]],), note="rank one square: A⁺ = Aᵀ / ||A||_F²",
             expected=np.array([[1.0, 2.0], [2.0, 4.0]]) / 25),
        Case((np.zeros((2, 3)),), note="zero matrix", expected=np.zeros((3, 2))),
        Case((np.zeros((0, 2)),), note="no rows", expected=np.zeros((2, 0))),
        Case(([[1e-12, 0.0], [0.0, 2e-12]],), note="tiny scale: the cutoff is relative",
             expected=np.array([[1e12, 0.0], [0.0, 5e11]])),
        Case(([[1.0, 0.0], [0.0, 1e-6]],), {"rcond": 1e-3}, note="rcond cuts the small direction",
             expected=np.array([[1.0, 0.0], [0.0, 0.0]])),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        m, n = (int(rng.integers(1, 12)) for _ in range(2))
        if i >= 18:
            m, n = 150, 120
        rank = int(rng.integers(1, min(m, n) + 1))
        A = rng.normal(size=(m, rank)) @ rng.normal(size=(rank, n))
        cases.append(Case((A,), note=f"random {m}x{n} of rank {rank}"))
    return cases


SPEC = ExerciseSpec(
    function="pinv",
    # Same SVD, same cutoff; differences are rounding in the products (rank-deficient cases
    # amplify it by 1/s_min of the kept values).
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
