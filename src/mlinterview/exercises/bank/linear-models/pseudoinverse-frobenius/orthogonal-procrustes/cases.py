"""Cases for pseudoinverse-frobenius/orthogonal-procrustes.

Expected values come from SciPy: scipy.linalg.orthogonal_procrustes(A, B) for the
orthogonal case; for rotation_only in 3-D, scipy.spatial.transform.Rotation.align_vectors
(which minimises sum ||a_i - C b_i||², the same objective for orthogonal C = R); in 2-D,
the closed form of the best angle, theta = atan2(M21 - M12, M11 + M22) with M = AᵀB. The
residual is measured with mlinterview.ml.linalg.frobenius_norm. Rotation-only cases stay
in 2-D and 3-D, where these independent references exist. The first cases are worked by
hand.
"""

import math

import numpy as np
from scipy.linalg import orthogonal_procrustes
from scipy.spatial.transform import Rotation

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linalg import frobenius_norm


def _best_rotation(A, B):
    d = A.shape[1]
    if d == 1:
        return np.ones((1, 1))
    if d == 2:
        M = A.T @ B
        theta = math.atan2(M[1, 0] - M[0, 1], M[0, 0] + M[1, 1])
        c, s = math.cos(theta), math.sin(theta)
        return np.array([[c, -s], [s, c]])
    if d == 3:
        rotation, _ = Rotation.align_vectors(A, B)
        return rotation.as_matrix()
    raise ValueError("rotation-only cases are 1-, 2- or 3-dimensional")


def reference(A, B, rotation_only=False):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    R = _best_rotation(A, B) if rotation_only else orthogonal_procrustes(A, B)[0]
    return R, float(frobenius_norm(A @ R - B))


def fixed():
    A = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    mirrored = [[-1.0, 0.0], [0.0, 1.0], [-1.0, 1.0]]
    quarter = np.array([[0.0, 1.0], [-1.0, 0.0]])
    return [
        Case((A, mirrored), note="worked example: a reflection",
             expected=(np.array([[-1.0, 0.0], [0.0, 1.0]]), 0.0)),
        Case((A, mirrored, True), note="worked example, rotation only",
             expected=(quarter, 2.0)),
        Case((A, (np.array(A) @ quarter).tolist()), note="an exact quarter turn",
             expected=(quarter, 0.0)),
        Case((A, (np.array(A) @ quarter).tolist(), True), note="a rotation stays a rotation",
             expected=(quarter, 0.0)),
        Case(([[1.0], [2.0], [-1.0]], [[-2.0], [-3.0], [1.5]]), note="1-D: R = -1",
             expected=(np.array([[-1.0]]), math.sqrt(1 + 1 + 0.25))),
        Case(([[1.0], [2.0], [-1.0]], [[-2.0], [-3.0], [1.5]], True),
             note="1-D, rotation only: R = 1", expected=(np.array([[1.0]]),
                                                         math.sqrt(9 + 25 + 6.25))),
        # B = 2A: the best orthogonal map is the identity, residual ||A||.
        Case((A, (2 * np.array(A)).tolist()), note="B scaled, not rotated",
             expected=(np.eye(2), 2.0)),
        Case(([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 0.0, 1.0], [-1.0, 1.0, 1.0]],
              [[2.0, -1.0, 0.0], [3.0, 0.5, 1.0], [1.0, 2.0, -0.5], [1.0, 1.0, -1.0]], True),
             note="3-D, rotation only"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        rotation_only = i % 2 == 1
        d = int(rng.choice([2, 3])) if rotation_only else int(rng.integers(2, 7))
        n = int(rng.integers(d + 1, 30)) if i < 27 else 5000
        A = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d)
        Q = np.linalg.qr(rng.normal(size=(d, d)))[0]     # random orthogonal, det +-1
        B = A @ Q + rng.normal(size=(n, d)) * rng.choice([0.0, 0.05, 0.5, 2.0])
        cases.append(Case((A, B, rotation_only),
                          note=f"{n} points in {d}-D, rotation_only={rotation_only}"))
    return cases


SPEC = ExerciseSpec(
    function="procrustes",
    # SVD-based solutions agree to ~1e-14; the atol absorbs zero entries and residuals.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
