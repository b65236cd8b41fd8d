"""Cases for pca/explained-variance-ratio.

Expected values come from mlinterview.ml.decomposition.PCA(svd_solver="full"):
explained_variance_ratio_ of the fit with every component, and n_components_ of the fit
with n_components=threshold (checked against scikit-learn's PCA in
tests/parity/test_decomposition.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.decomposition import PCA


def reference(X, threshold):
    X = np.asarray(X, dtype=float)
    ratio = PCA(svd_solver="full").fit(X).explained_variance_ratio_
    k = PCA(n_components=threshold, svd_solver="full").fit(X).n_components_
    return ratio, int(k)


def fixed():
    X = [[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]]
    a = np.array
    return [
        Case((X, 0.75), note="worked example", expected=(a([0.8, 0.2]), 1)),
        Case((X, 0.85), note="worked example, a higher threshold", expected=(a([0.8, 0.2]), 2)),
        # The same points shifted by (10, -5): centring removes the shift.
        Case(([[12.0, -5.0], [10.0, -4.0], [8.0, -5.0], [10.0, -6.0]], 0.75),
             note="shifted data: centre first", expected=(a([0.8, 0.2]), 1)),
        Case(([[0.0, 0.0, 1.0], [1.0, 2.0, 1.0], [2.0, 4.0, 1.0]], 0.5),
             note="rank 1 after centring", expected=(a([1.0, 0.0, 0.0]), 1)),
        Case(([[1.0, 3.0], [2.0, 5.0]], 0.99), note="two samples: one direction",
             expected=(a([1.0, 0.0]), 1)),
        Case(([[1.0, 2.0, 0.5, 4.0, 1.0], [0.0, 1.0, 2.0, 3.0, 2.0], [3.0, 1.0, 1.0, 0.0, 0.5]],
              0.5), note="fewer samples than features"),
        Case(([[2.0, 0.1], [1.0, 0.3], [0.0, -0.2], [-1.0, 0.05], [-2.0, -0.25]], 0.999),
             note="a threshold close to 1"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 40)) if i < 27 else 800
        p = int(rng.integers(1, 10)) if i < 27 else 40
        scales = np.exp(rng.normal(0, 1.5, size=p))
        X = rng.normal(size=(n, p)) * scales @ np.linalg.qr(rng.normal(size=(p, p)))[0]
        X += rng.normal(0, 10, size=p)
        threshold = float(rng.uniform(0.05, 0.95))
        cases.append(Case((X, threshold), note=f"{n} x {p}, threshold {threshold:.3f}"))
    return cases


SPEC = ExerciseSpec(
    function="explained_variance_ratio",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
