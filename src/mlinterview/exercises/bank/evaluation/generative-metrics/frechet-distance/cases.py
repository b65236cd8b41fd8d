"""Cases for generative-metrics/frechet-distance.

Expected values come from mlinterview.ml.metrics.gaussian_statistics and frechet_distance
(checked against scipy.linalg.sqrtm and the FID formula in
tests/parity/test_metrics_generative.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import frechet_distance, gaussian_statistics


def reference(features_real, features_fake):
    mu1, s1 = gaussian_statistics(np.asarray(features_real, dtype=np.float64))
    mu2, s2 = gaussian_statistics(np.asarray(features_fake, dtype=np.float64))
    return frechet_distance(mu1, s1, mu2, s2)


def _correlated(rng, n, d, shift=0.0):
    mix = rng.normal(size=(d, d)) / np.sqrt(d) + np.eye(d)
    return rng.normal(size=(n, d)) @ mix + shift


def fixed():
    rng = np.random.default_rng(7)
    X = _correlated(rng, 50, 3)
    v = np.array([1.0, -2.0, 0.5])
    return [
        Case(([[0], [2]], [[3], [5]]), note="worked example: one feature, d^2 = 9",
             expected=9.0),
        Case(([[1, 0], [-1, 0], [0, 2], [0, -2]], [[2, 0], [-2, 0], [0, 1], [0, -1]]),
             note="worked example: swapped diagonal covariances, d^2 = 4/3", expected=4 / 3),
        Case((X, X.copy()), note="identical feature sets: 0", expected=0.0),
        Case((X, X + v), note="the same set shifted by v: ||v||^2 = 5.25", expected=5.25),
        # Scaling one set by 2 keeps the mean 0 here (centred) and multiplies S by 4:
        # tr(S + 4S - 2 * 2S) = tr(S).
        Case((X - X.mean(axis=0), 2 * (X - X.mean(axis=0))),
             note="centred set against twice itself: tr(S1)",
             expected=float(np.trace(np.cov(X, rowvar=False)))),
        Case((_correlated(np.random.default_rng(3), 40, 4),
              _correlated(np.random.default_rng(4), 60, 4, shift=0.3)),
             note="correlated features: S1 S2 is not symmetric"),
    ]


def generated(rng):
    cases = []
    for i in range(12):
        d = int(rng.integers(1, 12)) if i < 11 else 64
        n1 = int(rng.integers(d + 2, 10 * d + 20)) if i < 11 else 2000
        n2 = int(rng.integers(d + 2, 10 * d + 20)) if i < 11 else 1500
        A = _correlated(rng, n1, d)
        B = _correlated(rng, n2, d, shift=rng.normal(scale=0.5, size=d))
        args = (A.tolist(), B.tolist()) if i % 4 == 0 else (A, B)
        cases.append(Case(args, note=f"{n1} real and {n2} fake vectors of {d} features",
                          size=(n1 + n2) * d))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="frechet_distance",
    # scipy.linalg.sqrtm and eigenvalue routes agree to ~1e-10 relative on these sizes.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
