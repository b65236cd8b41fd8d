"""Cases for kalman-filter/scalar-filter.

Expected values come from mlinterview.ml.filters.KalmanFilter.filter with F = H = [[1]]
(checked against filterpy in tests/parity/test_kalman.py); its Joseph-form update and
steady-state shortcut agree with the textbook update to ~1e-15. The fixed cases are
worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.filters import KalmanFilter


def reference(zs, q, r, x0, p0):
    kf = KalmanFilter(F=[[1.0]], H=[[1.0]], Q=[[q]], R=[[r]], x0=[x0], P0=[[p0]])
    result = kf.filter(np.asarray(zs, dtype=float).reshape(-1, 1))
    return result.means[:, 0], result.covariances[:, 0, 0]


def _a(*values):
    return np.array(values, dtype=float)


def fixed():
    return [
        Case(([2.0, 0.0], 0.5, 1.0, 0.0, 1.0), note="the statement's example",
             expected=(_a(1.2, 4 / 7), _a(0.6, 11 / 21))),
        Case(([], 0.5, 1.0, 3.0, 1.0), note="no measurements", expected=(_a(), _a())),
        Case(([5.0], 0.0, 1.0, 1.0, 1.0), note="q = 0: the average of prior and measurement",
             expected=(_a(3.0), _a(0.5))),
        Case(([5.0, 7.0], 1.0, 0.0, 0.0, 1.0), note="a perfect sensor (r = 0): x = z, p = 0",
             expected=(_a(5.0, 7.0), _a(0.0, 0.0))),
        # Constant level, q = 0: after k measurements p = 1 / (1/p0 + k/r) and x is the
        # precision-weighted mean: p0 = r = 1 -> p = 1/2, 1/3, 1/4; x = sum z / (k + 1).
        Case(([3.0, 6.0, 3.0], 0.0, 1.0, 0.0, 1.0), note="q = 0: a running average",
             expected=(_a(1.5, 3.0, 3.0), _a(1 / 2, 1 / 3, 1 / 4))),
        Case(([1.0], 2.0, 2.0, 1.0, 0.0), note="certain prior, but q makes room: k = 1/2",
             expected=(_a(1.0), _a(1.0))),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        T = int(rng.integers(1, 300))
        q, r = float(rng.uniform(0.001, 2.0)), float(rng.uniform(0.01, 5.0))
        truth = np.cumsum(rng.normal(scale=np.sqrt(q), size=T)) + rng.normal() * 3
        zs = truth + rng.normal(scale=np.sqrt(r), size=T)
        args = (zs.tolist() if i % 3 == 0 else zs, q, r, float(rng.normal()),
                float(rng.uniform(0.0, 10.0)))
        cases.append(Case(args, note=f"{T} steps, q = {q:.3g}, r = {r:.3g}", size=T))
    return cases


SPEC = ExerciseSpec(
    function="kalman_1d",
    # Joseph form vs (1 - k) p, and the library's steady-state shortcut: ~1e-14 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
