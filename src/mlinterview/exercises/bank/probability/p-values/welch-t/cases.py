"""Cases for p-values/welch-t.

Expected values come from mlinterview.ml.stats.ttest_ind(a, b, equal_var=False) (its
statistic and df, checked against scipy.stats.ttest_ind in tests/parity/test_stats.py);
the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import ttest_ind


def reference(a, b):
    result = ttest_ind(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_var=False)
    return float(result.statistic), float(result.df)


def fixed():
    return [
        Case(([1.0, 3.0], [4.0, 6.0, 8.0]), note="worked example",
             expected=(-4 / math.sqrt(7 / 3), 49 / 17)),
        # a constant: se² = 0 + (5/3)/4, t = (5 - 2.5) / sqrt(5/12), df = n_b - 1 = 3.
        Case(([5.0, 5.0, 5.0], [1.0, 2.0, 3.0, 4.0]), note="one constant sample",
             expected=(2.5 / math.sqrt(5 / 12), 3.0)),
        # Equal means: t = 0; equal sizes and variances: df = 2n - 2 = 4.
        Case(([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]), note="equal means", expected=(0.0, 4.0)),
        Case(([2.0, 4.0], [1.0, 3.0]), note="two points each",
             expected=(1 / math.sqrt(2), 2.0)),
        Case(([10.0, 12.0, 11.0, 13.0, 9.0], [1.0, 30.0]), note="very different variances"),
        Case(([1e6 + 1, 1e6 + 2, 1e6 + 4], [1e6, 1e6 - 1, 1e6 + 0.5]),
             note="values near 1e6"),
        Case(([-3.5, -1.0, -2.25, -4.0], [0.5, -0.5, 1.5, 2.5, 0.0, -1.0]),
             note="negative values, unequal sizes"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        na = int(rng.integers(2, 40)) if i < 27 else 50_000
        nb = int(rng.integers(2, 40)) if i < 27 else 20_000
        a = rng.normal(rng.normal(0, 3), np.exp(rng.normal()), size=na)
        b = rng.normal(rng.normal(0, 3), np.exp(rng.normal()), size=nb)
        if i % 5 == 0:
            a, b = a * 1e3 + 5e4, b * 1e3 + 5e4
        if i % 3 == 0:
            a, b = a.tolist(), b.tolist()
        cases.append(Case((a, b), note=f"n_a = {na}, n_b = {nb}"))
    return cases


SPEC = ExerciseSpec(
    function="welch_t",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
