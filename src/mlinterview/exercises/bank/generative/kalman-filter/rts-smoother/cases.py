"""Cases for kalman-filter/rts-smoother.

Expected values come from mlinterview.ml.filters.KalmanFilter: filter() then
rts_smoother() (both checked against filterpy in tests/parity/test_kalman.py). Its
update uses the Joseph form and symmetrises the covariances, so a correct textbook
implementation agrees to rounding (~1e-12 on these models). The fixed cases are worked by
hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.filters import KalmanFilter


def reference(zs, F, H, Q, R, x0, P0):
    kf = KalmanFilter(F, H, Q, R, x0=x0, P0=P0)
    return kf.rts_smoother(kf.filter(np.asarray(zs, dtype=float)))


def _a(*rows):
    return np.array(rows, dtype=float)


ONE = _a([1.0])
WALK = (ONE, ONE, _a([0.5]), ONE, _a(0.0), ONE)        # F, H, Q, R, x0, P0
NAN = float("nan")


def fixed():
    cv = _a([1.0, 1.0], [0.0, 1.0])                       # constant velocity
    pos = _a([1.0, 0.0])
    return [
        Case((_a([2.0], [0.0]), *WALK), note="the statement's example",
             expected=(_a([6 / 7], [4 / 7]), _a([[3 / 7]], [[11 / 21]]))),
        Case((_a([2.0]), *WALK), note="T = 1: smoothed = filtered",
             expected=(_a([1.2]), _a([[0.6]]))),
        # Step 2 missing: filter x = [1.2, 1.2], P = [0.6, 1.1]. Backwards:
        # G = 0.6 / 1.1, x^s_1 = 1.2, P^s_1 = 0.6 + (6/11)^2 (1.1 - 1.1) = 0.6.
        Case((_a([2.0], [NAN]), *WALK), note="the last measurement missing: nothing to add",
             expected=(_a([1.2], [1.2]), _a([[0.6]], [[1.1]]))),
        # Step 1 missing: x1 = 0, P1 = 1.5; step 2: P- = 2, k = 2/3, x2 = 0, P2 = 2/3.
        # G = 1.5 / 2 = 3/4, x^s_1 = 0, P^s_1 = 1.5 + 9/16 (2/3 - 2) = 0.75.
        Case((_a([NAN], [0.0]), *WALK), note="the first measurement missing",
             expected=(_a([0.0], [0.0]), _a([[0.75]], [[2 / 3]]))),
        Case((_a([1.0], [2.1], [NAN], [3.9], [5.2], [NAN]), cv, pos, 0.01 * np.eye(2),
              _a([0.25]), _a(0.0, 1.0), np.eye(2)),
             note="constant velocity, position measured, two gaps"),
        Case((_a([0.5, -1.0], [1.0, 0.0], [1.5, 0.4]), _a([0.9, 0.2], [-0.1, 0.8]),
              _a([1.0, 0.0], [0.5, 1.0]), _a([0.2, 0.05], [0.05, 0.1]),
              _a([0.3, 0.0], [0.0, 0.6]), _a(0.0, 0.0), 2 * np.eye(2)),
             note="a rotation-like F that is not symmetric, correlated Q"),
    ]


def _spd(rng, k, scale):
    A = rng.normal(size=(k, k))
    return scale * (A @ A.T / k + 0.3 * np.eye(k))


def generated(rng):
    cases = []
    for i in range(20):
        n, T = 1 + i % 4, int(rng.integers(2, 80))
        m = int(rng.integers(1, n + 1))
        F = np.eye(n) + rng.normal(size=(n, n)) * 0.2
        F = F / max(1.0, np.abs(np.linalg.eigvals(F)).max())       # a stable system
        H, Q, R = rng.normal(size=(m, n)), _spd(rng, n, 0.2), _spd(rng, m, 0.5)
        x, zs = rng.normal(size=n), np.empty((T, m))
        for k in range(T):
            x = F @ x + rng.multivariate_normal(np.zeros(n), Q)
            zs[k] = H @ x + rng.multivariate_normal(np.zeros(m), R)
        zs[rng.random(T) < 0.15] = np.nan                            # missing steps
        cases.append(Case((zs, F, H, Q, R, rng.normal(size=n), _spd(rng, n, 1.0)),
                          note=f"{T} steps, n = {n}, m = {m}", size=T * n * n))
    return cases


SPEC = ExerciseSpec(
    function="rts_smoother",
    # Joseph form vs (I - KH)P and solves vs inverses: ~1e-12 relative on these models.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
