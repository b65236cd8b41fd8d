"""Cases for tree-splitting/best-split.

Expected values come from mlinterview.ml.tree.criteria.best_split (tested against a
brute force over thresholds and hand-worked cases in tests/ml/tree/test_criteria.py);
the fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.tree.criteria import best_split


def reference(x, y, criterion="gini"):
    split = best_split(x, y, criterion)
    if np.isnan(split.threshold):
        return (None, 0.0)
    return (split.threshold, split.score)


H34 = -(0.75 * np.log2(0.75) + 0.25 * np.log2(0.25))     # entropy of a 3:1 node


def fixed():
    return [
        Case(([1, 2, 3, 4], [0, 0, 1, 1]), note="the statement's example", expected=(2.5, 0.5)),
        Case(([1, 2, 3, 4], [0, 0, 1, 1], "entropy"), note="same with entropy: 1 bit",
             expected=(2.5, 1.0)),
        Case(([3, 3, 3], [0, 1, 0]), note="a constant feature has no split",
             expected=(None, 0.0)),
        Case(([7], [1]), note="a single sample", expected=(None, 0.0)),
        # x = 1,1,2,2 with y = 0,1,0,0: the only cut is 1.5 (between the two 1s is not a
        # cut). Parent 3:1 -> G = 3/8; left {0,1} G = 1/2, right {0,0} G = 0.
        Case(([2, 1, 2, 1], [0, 0, 0, 1]), note="ties in x: cut only between distinct values",
             expected=(1.5, 3 / 8 - 0.5 * 0.5)),
        Case(([2, 1, 2, 1], [0, 0, 0, 1], "entropy"), note="the same in bits",
             expected=(1.5, H34 - 0.5)),
        Case(([0, 1, 2, 3], [0, 1, 0, 1]),
             note="alternating labels: gain 1/6 at 0.5 and at 2.5, 0 at 1.5; "
             "the tie goes to the smallest threshold",
             expected=(0.5, 0.5 - 0.75 * (1 - (1 / 9 + 4 / 9)))),
        Case(([5.0, -1.0, 2.0], [2, 0, 1]), note="three classes, unsorted input"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(2, 300)) if i < 22 else 100_000
        x = np.round(rng.normal(size=n), 1 if i % 2 else 3)        # some ties in x
        k = int(rng.integers(2, 5))
        y = np.where(rng.random(n) < 0.7, (x > np.median(x)).astype(int) * (k - 1),
                     rng.integers(0, k, n))
        criterion = "gini" if i % 3 else "entropy"
        args = (x.tolist(), y.tolist(), criterion) if i % 4 == 0 else (x, y, criterion)
        cases.append(Case(args, note=f"{n} samples, {k} classes, {criterion}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="best_split",
    # Same sums in float64; the gain may differ in the last bits with another order.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
