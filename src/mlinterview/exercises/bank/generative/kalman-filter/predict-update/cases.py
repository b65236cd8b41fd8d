"""Cases for kalman-filter/predict-update.

Expected values come from mlinterview.ml.filters.KalmanFilter (predict then update; Joseph
form, checked against filterpy in tests/parity/test_kalman.py); the first two cases are
worked by hand (the first in the statement).
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.filters import KalmanFilter


def reference(x, P, z, F, H, Q, R):
    kf = KalmanFilter(F, H, Q, R, x0=x, P0=P)
    kf.predict()
    kf.update(z)
    return kf.x, kf.P


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    return [
        Case((_a(0.0), _a([1.0]), _a(2.0), _a([1.0]), _a([1.0]), _a([0.5]), _a([1.0])),
             note="scalar random walk (statement): P- = 1.5, S = 2.5, K = 0.6",
             expected=(_a(1.2), _a([0.6]))),
        # Constant velocity, position measured. x- = [1, 1], P- = [[2, 1], [1, 1]], S = 3,
        # K = [2/3, 1/3], y = 1 -> x = [5/3, 4/3], P = P- - K H P- = [[2/3, 1/3], [1/3, 2/3]].
        Case((_a(0.0, 1.0), np.eye(2), _a(2.0), _a([1.0, 1.0], [0.0, 1.0]), _a([1.0, 0.0]),
              np.zeros((2, 2)), _a([1.0])),
             note="constant velocity, no process noise, worked by hand",
             expected=(_a(5 / 3, 4 / 3), _a([2 / 3, 1 / 3], [1 / 3, 2 / 3]))),
        Case((_a(3.0), _a([2.0]), _a(3.0), _a([1.0]), _a([1.0]), _a([0.0]), _a([2.0])),
             note="measurement equals the prediction: mean unchanged, variance halves",
             expected=(_a(3.0), _a([1.0]))),
        Case((_a(1.0), _a([1.0]), _a(5.0), _a([0.9]), _a([2.0]), _a([0.1]), _a([1e6])),
             note="useless sensor (huge R): almost pure prediction"),
        Case((_a(0.0, 0.0), np.eye(2), _a(1.0, -1.0, 0.5), np.eye(2),
              _a([1.0, 0.0], [0.0, 1.0], [1.0, 1.0]), 0.1 * np.eye(2), np.eye(3)),
             note="more measurements than states (m = 3, n = 2)"),
    ]


def _spd(rng, k, scale):
    A = rng.normal(size=(k, k))
    return scale * (A @ A.T / k + 0.2 * np.eye(k))


def generated(rng):
    cases = []
    for i in range(16):
        n = 1 + i % 5
        m = int(rng.integers(1, n + 2))
        F = rng.normal(size=(n, n)) / np.sqrt(n) + np.eye(n)
        args = (rng.normal(size=n), _spd(rng, n, 1.0), rng.normal(size=m), F,
                rng.normal(size=(m, n)), _spd(rng, n, 0.3), _spd(rng, m, 0.5))
        cases.append(Case(args, note=f"random model, n = {n} states, m = {m} measurements",
                          size=n * n + m))
    return cases


SPEC = ExerciseSpec(
    function="predict_update",
    # Simple, Joseph-form and inverse-based updates agree to ~1e-12 on these small models.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
