"""Cases for pseudoinverse-frobenius/frobenius-low-rank.

Expected values come from mlinterview.ml.linalg.frobenius_norm (entries scaled by their
largest magnitude, then the root of the sum of squares; checked against
numpy.linalg.norm(ord="fro") in tests/parity), applied to A and to the residual
A - A_k of the truncated SVD built explicitly: the error is measured, not taken from the
singular values. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linalg import frobenius_norm


def reference(A, k):
    A = np.asarray(A, dtype=float)
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    A_k = (u[:, :k] * s[:k]) @ vt[:k]
    return float(frobenius_norm(A)), float(frobenius_norm(A - A_k))


def fixed():
    return [
        Case(([[3.0, 0.0], [0.0, 4.0]], 1), note="worked example", expected=(5.0, 3.0)),
        Case(([[3.0, 0.0], [0.0, 4.0]], 0), note="k = 0: the error is the whole norm",
             expected=(5.0, 5.0)),
        Case(([[3.0, 0.0], [0.0, 4.0]], 2), note="k = full rank: no error",
             expected=(5.0, 0.0)),
        # Rank 1: every row a multiple of [1, 2, 2] (norm 3): ||A|| = 3 sqrt(1 + 4) .
        Case(([[1.0, 2.0, 2.0], [2.0, 4.0, 4.0]], 1), note="a rank-1 matrix, k = 1",
             expected=(3 * math.sqrt(5), 0.0)),
        Case(([[-2.0]], 0), note="1 x 1, k = 0", expected=(2.0, 2.0)),
        Case(([[1.0, 1.0, 1.0, 1.0]], 1), note="a single row", expected=(2.0, 0.0)),
        # diag(5, 2, 1) padded to 4 x 3: tail after k = 1 is sqrt(4 + 1).
        Case(([[0.0, 2.0, 0.0], [5.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.0, 0.0, 0.0]], 1),
             note="singular values out of order on the diagonal",
             expected=(math.sqrt(30), math.sqrt(5))),
        Case(([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], 1), note="a tall matrix"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        m, n = (int(v) for v in rng.integers(1, 25, size=2)) if i < 27 else (300, 200)
        if i % 3 == 0 and min(m, n) > 1:
            r = int(rng.integers(1, min(m, n)))       # low rank: the tail is 0 after r
            A = rng.normal(size=(m, r)) @ rng.normal(size=(r, n))
        else:
            A = rng.normal(size=(m, n)) * rng.uniform(0.1, 50)
        k = int(rng.integers(0, min(m, n) + 1))
        cases.append(Case((A, k), note=f"{m} x {n}, k = {k}"))
    return cases


SPEC = ExerciseSpec(
    function="frobenius_and_truncation",
    # The measured residual of an exactly low-rank matrix is ~1e-14 of its norm rather
    # than 0, hence the atol; entries stay below ~200.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
