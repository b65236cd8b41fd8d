"""Cases for anomaly-detection/robust-z-score.

Our library has no MAD-based detector, so expected values come from SciPy:
scipy.stats.zscore (ddof=0) and scipy.stats.median_abs_deviation(scale="normal"), with
the statement's rules where a scale is 0 (SciPy would return NaN there). The first cases
are worked by hand.
"""

import numpy as np
from scipy import stats

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(x, threshold=3.5):
    x = np.asarray(x, dtype=float)
    if x.std() == 0:
        z = np.zeros_like(x)
    else:
        z = stats.zscore(x, ddof=0)
    scale = stats.median_abs_deviation(x, scale="normal")
    deviation = x - np.median(x)
    if scale == 0:
        robust = np.zeros_like(x)
        robust[deviation > 0], robust[deviation < 0] = np.inf, -np.inf
    else:
        robust = deviation / scale
    return z, robust, np.abs(robust) > threshold


def fixed():
    inf = np.inf
    c = 0.6744897501960817
    return [
        Case(([1.0, 2.0, 3.0, 4.0, 100.0],), note="worked example of the statement",
             expected=((np.array([1, 2, 3, 4, 100]) - 22) / np.sqrt(1522),
                       c * np.array([-2.0, -1.0, 0.0, 1.0, 97.0]),
                       np.array([False, False, False, False, True]))),
        Case(([5.0],), note="a single value: no spread at all",
             expected=(np.array([0.0]), np.array([0.0]), np.array([False]))),
        Case(([2.0, 2.0, 2.0],), note="all equal",
             expected=(np.zeros(3), np.zeros(3), np.zeros(3, bool))),
        # Median 1, MAD 0 (three of five are 1): the others are infinitely far.
        Case(([1.0, 1.0, 1.0, 0.0, 7.0],), note="MAD = 0: infinite robust scores",
             expected=((np.array([1, 1, 1, 0, 7]) - 2) / np.sqrt(32 / 5),
                       np.array([0.0, 0.0, 0.0, -inf, inf]),
                       np.array([False, False, False, True, True]))),
        # Even length: median 2.5 (mean of 2 and 3); |dev| = 1.5, .5, .5, 1.5 -> MAD 1.
        Case(([1.0, 2.0, 3.0, 4.0], 1.0), note="even length, threshold 1",
             expected=((np.array([1, 2, 3, 4]) - 2.5) / np.sqrt(1.25),
                       c * np.array([-1.5, -0.5, 0.5, 1.5]),
                       np.array([True, False, False, True]))),
        Case(([3.0, 3.0, 3.0, 8.0], 0.0), note="threshold 0: only values at the median pass",
             expected=(np.array([-1, -1, -1, 3]) / np.sqrt(3), np.array([0.0, 0.0, 0.0, inf]),
                       np.array([False, False, False, True]))),
        Case((np.array([-10.0, -11.0, -9.0, -10.5, -50.0, -10.2, 30.0]),),
             note="negative values, outliers on both sides"),
        Case(([1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0, 1e9 + 500.0],),
             note="a large offset"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 500)) if i < 23 else 100_000
        x = rng.normal(loc=rng.normal(scale=10), scale=rng.uniform(0.1, 5), size=n)
        outliers = rng.random(n) < rng.uniform(0, 0.05)
        x[outliers] += rng.choice([-1, 1], size=outliers.sum()) * rng.uniform(5, 50,
                                                                              outliers.sum())
        if i % 4 == 0:
            x = np.round(x)                 # repeated values, sometimes MAD = 0
        args = (x.tolist(),) if i % 3 == 0 else (x,)
        if i % 2 == 1:
            args = (*args, float(rng.uniform(1.5, 5)))
        cases.append(Case(args, note=f"{n} values", size=n))
    return cases


SPEC = ExerciseSpec(
    function="outlier_scores",
    # Means, medians and one division in float64 (SciPy divides by MAD / 0.6745, a
    # solution may multiply by 0.6745 / MAD): ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
