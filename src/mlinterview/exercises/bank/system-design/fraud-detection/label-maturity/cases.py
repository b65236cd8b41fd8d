"""Cases for fraud-detection/label-maturity.

Expected values come from mlinterview.ml.design.feedback_loop.label_maturity and
maturity_corrected_rate (hand-worked and unbiased on simulated Gamma delays in
tests/ml/design/test_feedback_loop.py). The fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.feedback_loop import label_maturity, maturity_corrected_rate


def reference(history_delays, ages, sizes, chargebacks):
    f = label_maturity(history_delays, ages)
    return f.tolist(), maturity_corrected_rate(chargebacks, sizes, f)


def fixed():
    return [
        Case(([2, 5, 5, 10, 20], [5, 12], [1000, 1000], [12, 24]),
             note="the statement's example: F = 3/5, 4/5; 36 / 1400",
             expected=([0.6, 0.8], 36 / 1400)),
        Case(([1, 2, 3, 4], [10], [500], [10]),
             note="a fully matured cohort: F = 1, the plain rate 10/500",
             expected=([1.0], 0.02)),
        Case(([3, 3, 7, 7], [3, 7], [100, 100], [1, 3]),
             note="ages equal to delays count them (<=): F(3) = 0.5, F(7) = 1; 4 / 150",
             expected=([0.5, 1.0], 4 / 150)),
        Case(([4, 6, 8, 10], [2, 9], [1000, 400], [0, 6]),
             note="a cohort younger than every delay has F = 0 and adds nothing: "
                  "6 / (400 · 0.75)", expected=([0.0, 0.75], 0.02)),
        Case(([10, 20], [15, 15, 25], [100, 300, 100], [2, 4, 6]),
             note="pooled, not the mean of per-cohort rates: 12 / (50 + 150 + 100) = 0.04 "
                  "(per-cohort 0.04, 0.0267, 0.06 average 0.042)",
             expected=([0.5, 0.5, 1.0], 0.04)),
        Case(([0.5, 1.5, 2.5, 30], [1, 2, 40], [200, 200, 200], [1, 2, 8]),
             note="fractional delays: F(1) = 1/4, F(2) = 2/4, F(40) = 1: 11 / 350",
             expected=([0.25, 0.5, 1.0], 11 / 350)),
        Case(([7, 1, 3], [2, 5], [300, 300], [3, 9]),
             note="delays in any order: F(2) = 1/3, F(5) = 2/3; 12 / 300",
             expected=([1 / 3, 2 / 3], 0.04)),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        m = int(rng.integers(1, 400))
        delays = np.round(rng.gamma(2.0, 6.0, m), int(rng.choice([0, 1])))
        k = int(rng.integers(1, 30))
        ages = np.arange(1, k + 1)[::-1].astype(float)
        sizes = rng.integers(50, 3000, k)
        f = np.searchsorted(np.sort(delays), ages, side="right") / m
        charges = rng.binomial(sizes, 0.03 * f)
        if not np.any(f * sizes > 0):
            ages = ages + delays.max()                       # make one cohort mature
        cases.append(Case((delays.tolist(), ages.tolist(), sizes.tolist(),
                           charges.tolist()),
                          note=f"{m} history delays, {k} daily cohorts"))
    return cases


SPEC = ExerciseSpec(
    function="corrected_fraud_rate",
    # shares of counts and one ratio of sums: rounding ~1e-15 relative
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
