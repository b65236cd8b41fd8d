"""Cases for expectation-maximization/em-step-1d.

Expected values come from the E- and M-step pieces of mlinterview.ml.mixture's
GaussianMixture (_log_gaussian_prob, _estimate_parameters with reg_covar = 0, as 1 x 1
"full" covariances; the estimator is checked against scikit-learn in
tests/parity/test_mixture.py); the first case is worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.mixture._gaussian_mixture import (
    _estimate_parameters,
    _log_gaussian_prob,
    _logsumexp_rows,
    _precision_cholesky,
)


def reference(x, weights, means, variances):
    X = np.asarray(x, dtype=float)[:, None]
    w = np.asarray(weights, dtype=float)
    mu = np.asarray(means, dtype=float)[:, None]
    cov = np.asarray(variances, dtype=float)[:, None, None]
    log_joint = _log_gaussian_prob(X, mu, _precision_cholesky(cov, "full"), "full") + np.log(w)
    log_norm = _logsumexp_rows(log_joint)
    resp = np.exp(log_joint - log_norm[:, None])
    nk, new_mu, new_cov = _estimate_parameters(X, resp, 0.0, "full")
    return nk / X.shape[0], new_mu[:, 0], new_cov[:, 0, 0], float(log_norm.sum())


def _worked_example():
    t = math.tanh(1.0)
    ll = 2 * math.log(0.5 * (1 + math.exp(-2)) / math.sqrt(2 * math.pi))
    return Case(([-1.0, 1.0], [0.5, 0.5], [-1.0, 1.0], [1.0, 1.0]), note="worked example",
                expected=(np.array([0.5, 0.5]), np.array([-t, t]),
                          np.array([1 - t * t, 1 - t * t]), ll))


def fixed():
    return [
        _worked_example(),
        # One component: responsibilities are all 1, the M-step is the plain MLE.
        # mean of [1, 2, 6] = 3, variance (4 + 1 + 9) / 3 = 14/3.
        Case(([1.0, 2.0, 6.0], [1.0], [0.0], [2.0]), note="one component: the plain MLE",
             expected=(np.array([1.0]), np.array([3.0]), np.array([14 / 3]),
                       -1.5 * math.log(4 * math.pi) - (1 + 4 + 36) / 4)),
        Case(([-2.0, -1.5, 0.0, 1.0, 1e3, 2.5], [0.3, 0.7], [-1.0, 1.0], [1.0, 1.0]),
             note="a point at 1000 standard deviations"),
        Case(([-3e3, -1.0, -0.5, 0.5, 1.0, 3e3], [0.5, 0.5], [-1.0, 1.0], [0.5, 0.5]),
             note="points far out on both sides"),
        Case(([0.1, 0.2, 0.15, 5.0, 5.2, 4.9, 5.1], [0.2, 0.5, 0.3], [0.0, 5.0, 2.0],
              [0.01, 0.04, 4.0]), note="three components, one broad"),
        Case(([1.0, 2.0, 3.0, 4.0], [0.25, 0.75], [2.5, 2.5], [0.5, 3.0]),
             note="equal means, different variances"),
        Case(([1e6 + 0.5, 1e6 - 0.5, 1e6 + 2.0, 1e6 + 3.0], [0.5, 0.5], [1e6, 1e6 + 2.5],
              [1.0, 1.0]), note="data around 1e6"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 28:
        i = len(cases)
        k = int(rng.integers(2, 5))
        n = int(rng.integers(5, 80)) if i < 25 else 4000
        centres = np.sort(rng.normal(0, 5, size=k))
        spreads = np.exp(rng.uniform(-1, 1, size=k))
        labels = rng.integers(0, k, size=n)
        x = centres[labels] + spreads[labels] * rng.normal(size=n)
        if i % 4 == 0:
            x[0] = float(rng.choice([-1.0, 1.0])) * 1e3 * spreads.max()   # a far outlier
        weights = rng.dirichlet(np.ones(k) * 2)
        means = centres + rng.normal(0, 1, size=k)
        variances = spreads**2 * np.exp(rng.uniform(-0.5, 0.5, size=k))
        expected = reference(x, weights, means, variances)
        if np.min(expected[0]) * n < 1e-3:
            continue                              # a component without data: skip
        cases.append(Case((x, weights, means, variances), note=f"{n} points, {k} components"))
    return cases


SPEC = ExerciseSpec(
    function="em_step",
    # Sums over n points in different orders agree to ~1e-14 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
