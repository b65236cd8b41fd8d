"""Cases for training-serving/ks-statistic.

Expected values come from mlinterview.ml.design.drift.ks_2samp (its statistic matches
scipy.stats.ks_2samp exactly for every alternative in tests/parity/test_training_serving.py).
The fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.drift import ks_2samp


def reference(a, b):
    return (ks_2samp(a, b).statistic, ks_2samp(a, b, "greater", method="asymp").statistic,
            ks_2samp(a, b, "less", method="asymp").statistic)


def fixed():
    return [
        Case(([1.0, 1.0, 2.0], [1.0, 2.0, 3.0]), note="the statement's example",
             expected=(1 / 3, 1 / 3, 0.0)),
        Case(([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), note="separated: F_a reaches 1 before F_b "
             "moves", expected=(1.0, 1.0, 0.0)),
        Case(([4.0, 5.0, 6.0], [1.0, 2.0, 3.0]), note="the other way round: d_minus = 1",
             expected=(1.0, 0.0, 1.0)),
        Case(([2.0, 2.0], [2.0, 2.0, 2.0]), note="all values equal: the CDFs jump together, 0",
             expected=(0.0, 0.0, 0.0)),
        Case(([1.0, 2.0], [1.0, 1.0, 1.0, 2.0]),
             note="at 1: 1/2 vs 3/4 (all tied 1s count together): d_minus 1/4; counting a's 1 "
                  "before b's would show a gap of 1/2 that the CDFs never have",
             expected=(0.25, 0.0, 0.25)),
        Case(([5.0, 5.0, 6.0], [5.0, 6.0, 6.0]),
             note="ties in both: at 5: 2/3 vs 1/3, at 6: 1 vs 1: d_plus 1/3",
             expected=(1 / 3, 1 / 3, 0.0)),
        Case(([3.0, 1.0, 2.0], [2.5]), note="unsorted a; b of one value: at 2: 2/3 vs 0, at "
             "2.5: 2/3 vs 1", expected=(2 / 3, 2 / 3, 1 / 3)),
        Case(([0.0, 10.0], [5.0, 5.0, 5.0, 5.0]), note="at 0: 1/2 vs 0; at 5: 1/2 vs 1",
             expected=(0.5, 0.5, 0.5)),
        Case(([1.0, 5.0, 9.0], [2.0, 3.0, 4.0, 6.0, 7.0, 8.0]),
             note="different sizes (3 and 6): the gap at 1 is 1/3 - 0, at 8 it is 2/3 - 1: "
                  "d_plus = d_minus = 1/3", expected=(1 / 3, 1 / 3, 1 / 3)),
        Case(([1.0, 5.0, 9.0], [2.0, 3.0, 4.0, 6.0, 7.0]),
             note="sizes 3 and 5: at 1: 1/3; at 4: 1/3 - 3/5 = -4/15; at 7: 2/3 - 1 = -1/3",
             expected=(1 / 3, 1 / 3, 1 / 3)),
        Case(([1.0, 2.0, 3.0, 4.0], [2.5, 2.6, 10.0]),
             note="the gap opens at a's values (at 2: 1/2 - 0) and at b's (at 2.6: 1/2 - 2/3)",
             expected=(0.5, 0.5, 1 / 6)),
        Case(([7.0], [7.0]), note="one value each, equal: 0", expected=(0.0, 0.0, 0.0)),
        Case(([-1.0, -2.0, -3.0, -4.0], [-2.5]), note="negative values: at -2.5, 2/4 vs 1",
             expected=(0.5, 0.5, 0.5)),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n1, n2 = int(rng.integers(1, 300)), int(rng.integers(1, 300))
        if rng.random() < 0.4:                   # many ties
            a = rng.integers(0, 5, n1).astype(float)
            b = rng.integers(0, 5, n2).astype(float) + rng.choice([0.0, 1.0])
        else:
            a = np.round(rng.normal(0, 1, n1), 2)
            b = np.round(rng.normal(rng.choice([0.0, 0.3, -0.5]), rng.choice([1.0, 2.0]),
                                    n2), 2)
        cases.append(Case((a.tolist(), b.tolist()), note=f"{n1} vs {n2} values",
                          size=n1 + n2))
    return cases


SPEC = ExerciseSpec(
    function="ks_statistics",
    # Differences of two ratios: rounding ~1e-16.
    compare=AllClose(rtol=1e-12, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
