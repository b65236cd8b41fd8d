"""Cases for imbalanced-data/balanced-class-weights.

Expected values come from the library: mlinterview.ml.imbalance.compute_class_weight and
compute_sample_weight with "balanced", checked against sklearn.utils.class_weight in
tests/parity/test_imbalance.py. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.imbalance import compute_class_weight, compute_sample_weight


def reference(y):
    y = np.asarray(y)
    classes = np.unique(y)
    return (classes, compute_class_weight("balanced", classes=classes, y=y),
            compute_sample_weight("balanced", y))


def fixed():
    return [
        Case(([0, 0, 0, 0, 0, 0, 1, 1, 2, 2],), note="worked example of the statement",
             expected=(np.array([0, 1, 2]), np.array([5 / 9, 5 / 3, 5 / 3]),
                       np.array([5 / 9] * 6 + [5 / 3] * 4))),
        Case(([1, 1, 1],), note="a single class: weight 1",
             expected=(np.array([1]), np.array([1.0]), np.array([1.0, 1.0, 1.0]))),
        Case(([7],), note="one sample", expected=(np.array([7]), np.array([1.0]), np.array([1.0]))),
        Case(([0, 1, 0, 1],), note="already balanced: all ones",
             expected=(np.array([0, 1]), np.array([1.0, 1.0]), np.array([1.0] * 4))),
        # n = 3, K = 2: class -1 (1 sample) -> 3/2, class 5 (2 samples) -> 3/4.
        Case(([5, -1, 5],), note="labels not 0..K-1, samples in their own order",
             expected=(np.array([-1, 5]), np.array([1.5, 0.75]), np.array([0.75, 1.5, 0.75]))),
        # n = 5, K = 2: "a" x4 -> 5/8, "b" x1 -> 5/2.
        Case((["b", "a", "a", "a", "a"],), note="string labels",
             expected=(np.array(["a", "b"]), np.array([0.625, 2.5]),
                       np.array([2.5, 0.625, 0.625, 0.625, 0.625]))),
        # n = 1000, K = 2: 999 negatives -> 1000/1998, 1 positive -> 500.
        Case((np.r_[np.zeros(999, dtype=int), 1],), note="1 positive in 1000",
             expected=(np.array([0, 1]), np.array([1000 / 1998, 500.0]),
                       np.r_[np.full(999, 1000 / 1998), 500.0])),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 2000)) if i < 23 else 200_000
        k = int(rng.integers(1, 8))
        p = rng.dirichlet(np.r_[10.0, np.full(k - 1, 0.7)])   # one dominant class
        labels = rng.choice(np.arange(-3, 30), size=k, replace=False)
        y = labels[rng.choice(k, size=n, p=p)]
        if i % 3 == 0:
            y = y.tolist()
        cases.append(Case((y,), note=f"{n} samples, up to {k} classes", size=n))
    return cases


SPEC = ExerciseSpec(
    function="balanced_weights",
    # One division per class in float64.
    compare=AllClose(rtol=1e-12, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
