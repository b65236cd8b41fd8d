"""Cases for tree-splitting/variance-split.

Expected values come from mlinterview.ml.tree.criteria.best_split with
criterion="variance" (tested against a brute force over thresholds in
tests/ml/tree/test_criteria.py), called on y minus its mean: the gain does not change
with a shift, and the library's formula (E[y^2] - E[y]^2 per child) is then accurate on
the cases with a large offset. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.tree.criteria import best_split


def reference(x, y, min_samples_leaf=1):
    y = np.asarray(y, dtype=float)
    split = best_split(x, y - y.mean(), "variance", min_samples_leaf=min_samples_leaf)
    if np.isnan(split.threshold):
        return (None, 0.0)
    return (split.threshold, split.score)


def fixed():
    return [
        Case(([1, 2, 3, 4], [1, 1, 5, 5]), note="the statement's example", expected=(2.5, 4.0)),
        Case(([1, 2, 3, 4], [1, 1, 5, 5], 3), note="min_samples_leaf = 3: no split",
             expected=(None, 0.0)),
        Case(([1, 2, 3, 4], [0, 0, 0, 8]), note="one outlier: gain 12 at 3.5",
             expected=(3.5, 12.0)),
        # With min_samples_leaf = 2 the cut 3.5 is not allowed; 2.5: S_L = 0, S_R = 8,
        # 4 gain = 0 + 32 - 16 -> 4.
        Case(([1, 2, 3, 4], [0, 0, 0, 8], 2), note="min_samples_leaf pushes the cut inwards",
             expected=(2.5, 4.0)),
        Case(([3, 3, 3], [1, 2, 3]), note="a constant feature has no threshold",
             expected=(None, 0.0)),
        Case(([5], [2]), note="a single sample", expected=(None, 0.0)),
        # x = 1, 1, 2, 2: the only cut is 1.5; y = 0, 2, 4, 6: left mean 1, right 5.
        # Var = 5, children 1 and 1: gain 5 - 1 = 4.
        Case(([2, 1, 2, 1], [4, 0, 6, 2]), note="ties in x, unsorted input",
             expected=(1.5, 4.0)),
        # y = 1e8 + [1, 1, 5, 5]: same gain as the example; the naive E[y^2] - E[y]^2 fails.
        Case(([1, 2, 3, 4], [1e8 + 1, 1e8 + 1, 1e8 + 5, 1e8 + 5]),
             note="a large offset: 1e8 + the example", expected=(2.5, 4.0)),
        # Symmetric y = [1, 0, 0, 1]: cuts 1.5 and 3.5 both give 1/12 (2.5 gives 0);
        # the tie goes to 1.5. Var = 1/4; cut 1.5: left var 0, right [0, 0, 1] var 2/9.
        Case(([1, 2, 3, 4], [1, 0, 0, 1]), note="a tie between two thresholds",
             expected=(1.5, 0.25 - 0.75 * 2 / 9)),
        Case(([0.5, -1.0, 2.0, 7.0, 7.0], [3.0, -2.0, 0.5, 10.0, 11.0], 2),
             note="min_samples_leaf = 2 with ties at the top"),
    ]


def generated(rng):
    cases = []
    for i in range(26):
        n = int(rng.integers(2, 400)) if i < 24 else 50_000
        x = np.round(rng.normal(size=n), 1 if i % 2 else 3)          # some ties in x
        y = np.sin(2 * x) + 0.3 * x**2 + rng.normal(size=n) * 0.5
        if i % 4 == 0:
            y = y + 1e8                                              # a large offset
        elif i % 4 == 1:
            y = y * 1e-6                                             # tiny targets
        msl = int(rng.integers(1, max(2, n // 3)))
        args = (x.tolist(), y.tolist(), msl) if i % 5 == 0 else (x, y, msl)
        cases.append(Case(args, note=f"{n} samples, min_samples_leaf {msl}"
                          + (", offset 1e8" if i % 4 == 0 else ""), size=n))
    return cases


SPEC = ExerciseSpec(
    function="best_variance_split",
    # Two accurate formulas on centred data agree to ~1e-12 relative; the gain of a
    # 1e8-offset case computed as E[y^2] - E[y]^2 is off by O(1).
    compare=AllClose(rtol=1e-7, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
