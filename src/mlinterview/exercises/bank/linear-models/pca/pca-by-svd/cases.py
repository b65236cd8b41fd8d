"""Cases for pca/pca-by-svd.

Expected values come from mlinterview.ml.decomposition.PCA (checked against
scikit-learn in tests/parity/test_pca.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.decomposition import PCA


def reference(X, k):
    model = PCA(n_components=k, svd_solver="full").fit(np.asarray(X, dtype=float))
    return model.components_, model.explained_variance_


def fixed():
    return [
        Case(([[2.0, 0.0], [0.0, 0.0], [-2.0, 0.0]], 1), note="worked example: one axis",
             expected=(np.array([[1.0, 0.0]]), np.array([4.0]))),
        # Points (0,0),(1,1),(2,2),(3,3) offset by 10: mean removed, axis (1,1)/√2,
        # variance = var(0,1,2,3) * 2 = (5/3) * 2.
        Case(([[10.0, 10.0], [11.0, 11.0], [12.0, 12.0], [13.0, 13.0]], 1),
             note="points on a diagonal, far from the origin",
             expected=(np.array([[1.0, 1.0]]) / np.sqrt(2), np.array([10.0 / 3.0]))),
        # Negative direction: largest entry must come out positive.
        Case(([[0.0, -3.0], [0.0, 3.0], [1.0, 0.0], [-1.0, 0.0]], 2),
             note="two axes; signs fixed by the largest entry",
             expected=(np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([6.0, 2.0 / 3.0]))),
        Case(([[1.0, 2.0, 0.0], [3.0, 1.0, 1.0]], 1), note="two samples, three features"),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = int(rng.integers(3, 80)) * (1 + 20 * (i >= 18))
        p = int(rng.integers(2, 12))
        # Distinct variances along random orthogonal axes: components are unique.
        scales = np.sort(rng.uniform(0.5, 5.0, p))[::-1] * (1 + 0.1 * np.arange(p)[::-1])
        q, _ = np.linalg.qr(rng.normal(size=(p, p)))
        X = rng.normal(size=(n, p)) * scales @ q.T + rng.normal(size=p) * 3
        k = int(rng.integers(1, min(n - 1, p) + 1))
        cases.append(Case((X, k), note=f"random {n}x{p}, k={k}"))
    return cases


SPEC = ExerciseSpec(
    function="pca",
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
