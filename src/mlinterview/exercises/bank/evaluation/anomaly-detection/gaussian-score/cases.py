"""Cases for anomaly-detection/gaussian-score.

Expected values come from mlinterview.ml.anomaly.GaussianDensity(covariance="diag",
reg_covar=1e-6), whose log-density is checked against scipy.stats.multivariate_normal in
tests/parity/test_anomaly.py; the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.anomaly import GaussianDensity


def reference(X_train, X_test, log_epsilon):
    model = GaussianDensity(covariance="diag", reg_covar=1e-6).fit(np.asarray(X_train))
    log_p = model.score_samples(np.asarray(X_test, dtype=np.float64))
    return log_p, log_p < log_epsilon


def _hand(log_p, log_epsilon):
    log_p = np.array(log_p)
    return log_p, log_p < log_epsilon


def fixed():
    v = 1 + 1e-6
    c1 = -0.5 * math.log(2 * math.pi * v)
    # Two features: mu = (1, 2), var = (1, 4) + 1e-6.
    va, vb = 1 + 1e-6, 4 + 1e-6
    c2 = -0.5 * math.log(2 * math.pi * va) - 0.5 * math.log(2 * math.pi * vb)
    cz = -0.5 * math.log(2 * math.pi * 1e-6)
    return [
        Case(([[0], [2]], [[1], [3]], -2.0), note="worked example of the statement",
             expected=_hand([c1, c1 - 4 / (2 * v)], -2.0)),
        # (3, 2): z-score 2 on the first feature; (1, 6): z-score 2 on the second.
        Case(([[0, 0], [2, 4]], [[1, 2], [3, 2], [1, 6]], -5.0),
             note="two features of different variance",
             expected=_hand([c2, c2 - 4 / (2 * va), c2 - 16 / (2 * vb)], -5.0)),
        # A constant feature: variance 1e-6, so any deviation is hugely unlikely.
        Case(([[5.0], [5.0], [5.0]], [[5.0], [5.001]], 0.0),
             note="constant feature: only the 1e-6 keeps the variance positive",
             expected=_hand([cz, cz - 1e-6 / 2e-6], 0.0)),
        Case(([[0], [2]], [[1]], c1), note="log_p equal to log_epsilon is not an anomaly",
             expected=_hand([c1], c1)),
    ]


def generated(rng):
    cases = []
    for i in range(10):
        n, m = int(rng.integers(5, 400)), int(rng.integers(1, 200))
        d = int(rng.integers(1, 12)) if i < 8 else 400       # many features: underflow
        scale = rng.uniform(0.1, 10, size=d)
        X_train = rng.normal(size=(n, d)) * scale + rng.normal(size=d)
        X_test = rng.normal(size=(m, d)) * scale * rng.uniform(0.5, 3)
        ref = reference(X_train, X_test, 0.0)[0]
        log_eps = float(np.quantile(ref, 0.8))               # some rows on each side
        if i % 3 == 0 and d < 20:
            X_train, X_test = X_train.tolist(), X_test.tolist()
        cases.append(Case((X_train, X_test, log_eps), note=f"{n} training rows, {m} test "
                          f"rows, {d} features", size=(n + m) * d))
    return cases


SPEC = ExerciseSpec(
    function="gaussian_anomaly",
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
