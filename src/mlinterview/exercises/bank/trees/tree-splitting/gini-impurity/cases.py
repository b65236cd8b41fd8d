"""Cases for tree-splitting/gini-impurity.

Expected values come from mlinterview.ml.tree.criteria.gini (the impurity the library's
trees split on, checked against scikit-learn's tree impurities in tests/parity); the
fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.tree.criteria import gini


def reference(y, sample_weight=None):
    return float(gini(list(y) if not isinstance(y, np.ndarray) else y, sample_weight))


def fixed():
    return [
        Case(([0, 0, 1],), note="the statement's first example", expected=4 / 9),
        Case((["a", "b", "c", "d"],), note="four equal classes: 1 - 1/K", expected=0.75),
        Case(([0, 1], [3.0, 1.0]), note="weights 3 and 1", expected=3 / 8),
        Case(([7, 7, 7],), note="a pure node", expected=0.0),
        Case(([],), note="no samples", expected=0.0),
        Case(([5],), note="one sample", expected=0.0),
        Case(([0, 1, 1, 1],), note="3:1", expected=1 - (1 / 16 + 9 / 16)),
        Case(([2, 9, 2, 9], [1.0, 0.0, 1.0, 0.0]),
             note="zero weights: class 9 does not count", expected=0.0),
        Case(([0, 1, 2], [1.0, 1.0, 2.0]), note="weights make one class half",
             expected=1 - (1 / 16 + 1 / 16 + 1 / 4)),
        Case((np.array([-1, 1, 1, -1, 1]),), note="labels -1 and 1 as an array",
             expected=1 - (4 / 25 + 9 / 25)),
    ]


def generated(rng):
    cases = []
    for i in range(26):
        n = int(rng.integers(1, 500))
        k = int(rng.integers(1, 8))
        y = rng.integers(0, k, n) * (3 if i % 4 == 0 else 1)       # non-consecutive labels
        if i % 5 == 0:
            y = np.array(["cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"])[y % 8]
        args = (y.tolist(),) if i % 3 == 0 else (y,)
        if i % 2:
            args = (*args, rng.uniform(0.1, 3.0, n))
        cases.append(Case(args, note=f"{n} samples, up to {k} classes"
                          + (", weighted" if i % 2 else ""), size=n))
    return cases


SPEC = ExerciseSpec(
    function="gini_impurity",
    # A sum of at most 8 squares: ~1e-16.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
