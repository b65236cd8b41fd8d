"""Cases for expectation-maximization/e-step.

Expected values come from mlinterview.ml.mixture.GaussianMixture.predict_proba with the
given parameters installed and no EM iteration (max_iter=0); that class is checked against
scikit-learn in tests/parity/test_mixture.py. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.mixture import GaussianMixture


def reference(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    w = np.asarray(weights, dtype=float)
    gm = GaussianMixture(len(w), max_iter=0, init_params="random_from_data", random_state=0,
                         weights_init=w, means_init=np.asarray(means, dtype=float),
                         precisions_init=np.linalg.inv(np.asarray(covariances, dtype=float)))
    # fit() only installs the given parameters (max_iter=0); it needs at least
    # max(2, n_components) rows, so repeat X if it is shorter.
    gm.fit(np.repeat(X, -(-max(2, len(w)) // len(X)), axis=0))
    return gm.predict_proba(X)


def _one_d(weights, means, variances):
    return (np.asarray(weights, float), np.asarray(means, float)[:, None],
            np.asarray(variances, float)[:, None, None])


def fixed():
    e2 = math.e**2
    w, m, c = _one_d([0.5, 0.5], [0.0, 2.0], [1.0, 1.0])
    return [
        Case(([[1.0], [0.0]], w, m, c), note="worked example in the statement",
             expected=np.array([[0.5, 0.5], [e2 / (1 + e2), 1 / (1 + e2)]])),
        Case(([[1.0]], *_one_d([0.75, 0.25], [0.0, 2.0], [1.0, 1.0])),
             note="equal densities: responsibilities are the weights",
             expected=np.array([[0.75, 0.25]])),
        Case(([[0.0]], *_one_d([0.5, 0.5], [0.0, 0.0], [1.0, 4.0])),
             note="same mean, different variances: the log-determinant decides",
             expected=np.array([[2 / 3, 1 / 3]])),
        Case(([[1000.0], [-1000.0]], w, m, c),
             note="far points: densities underflow, log-sum-exp needed",
             expected=np.array([[0.0, 1.0], [1.0, 0.0]])),
        Case(([[0.3], [5.0]], *_one_d([1.0, 0.0], [0.0, 2.0], [1.0, 1.0])),
             note="a component with weight 0 gets nothing",
             expected=np.array([[1.0, 0.0], [1.0, 0.0]])),
        Case((np.array([[1.0, 1.0], [3.0, -1.0]]), np.array([0.3, 0.7]),
              np.array([[0.0, 0.0], [2.0, 0.0]]),
              np.array([[[1.0, 0.8], [0.8, 1.0]], [[2.0, 0.0], [0.0, 0.5]]])),
             note="2-D with correlated covariance"),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n = [3, 5, 10, 20, 40, 80, 150, 300, 600, 1000, 2000, 4000, 8000, 15000, 30000,
             50000][i]
        d = int(rng.integers(1, 6))
        k = int(rng.integers(1, 6))
        weights = rng.dirichlet(np.ones(k))
        means = rng.normal(0, 3, (k, d))
        A = rng.normal(size=(k, d, d))
        covs = A @ np.swapaxes(A, 1, 2) + 0.1 * np.eye(d)
        X = rng.normal(0, 4, (n, d))
        if i % 4 == 0:
            X[0] = 1e3                       # one point far from everything
        args = (X.tolist(), weights.tolist(), means.tolist(), covs.tolist()) if i < 3 else (
            X, weights, means, covs)
        cases.append(Case(args, note=f"random: {n} points, {d} features, {k} components",
                          size=n * d))
    return cases


SPEC = ExerciseSpec(
    function="responsibilities",
    # Two ways of evaluating the Gaussian log-density differ by rounding only; after
    # normalisation the responsibilities agree to ~1e-12.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
