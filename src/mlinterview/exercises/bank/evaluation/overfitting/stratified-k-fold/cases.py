"""Cases for overfitting/stratified-k-fold.

Expected values come from the library: mlinterview.ml.model_selection.StratifiedKFold
(shuffle=False), whose folds are checked to be identical to scikit-learn's in
tests/parity; its errors give the expected ValueErrors. The first cases are worked by
hand.
"""

import warnings

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.model_selection import StratifiedKFold


def reference(y, n_splits):
    y = np.asarray(y)
    with warnings.catch_warnings():
        # "The least populated class has only m members": allowed, and a case here.
        warnings.simplefilter("ignore", UserWarning)
        return [test for _, test in StratifiedKFold(n_splits).split(np.zeros(len(y)), y)]


def _folds(*folds):
    return [np.array(f, dtype=int) for f in folds]


def fixed():
    return [
        Case(([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 3), note="worked example of the statement",
             expected=_folds([0, 1, 4, 5], [2, 6, 7], [3, 8, 9])),
        Case(([1, 0, 0, 0], 2), note="classes are numbered by first appearance",
             expected=_folds([0, 1], [2, 3])),
        # Codes b=0, a=1, c=2, counts 1, 1, 3. Sorted codes 0 1 2 2 2: fold 0 gets
        # positions 0, 3 (classes 0, 2), fold 1 positions 1, 4 (1, 2), fold 2 position 2.
        Case((["b", "a", "c", "c", "c"], 3), note="string labels; remainders spread over folds",
             expected=_folds([0, 2], [1, 3], [4])),
        Case(([0, 1, 0, 1, 0, 1], 3), note="interleaved classes, equal counts",
             expected=_folds([0, 1], [2, 3], [4, 5])),
        Case(([5, 5, 5, 5, 5], 5), note="one class: plain leave-one-out",
             expected=_folds([0], [1], [2], [3], [4])),
        Case(([0, 1, 0], 4), note="more folds than samples", raises="ValueError"),
        Case(([0, 1, 2, 3], 2), note="every class smaller than n_splits", raises="ValueError"),
        Case(([0, 0, 1, 1], 1), note="one fold is no split", raises="ValueError"),
        Case((np.array([2, 2, 1, 2, 1, 2, 2, 0, 2, 1, 2, 2]), 4),
             note="three classes, one smaller than n_splits"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 24:
        i = len(cases)
        n = int(rng.integers(2, 300)) if i < 23 else 100_000
        k = int(rng.integers(2, min(10, n) + 1))
        n_classes = int(rng.integers(1, 6))
        p = rng.dirichlet(np.full(n_classes, rng.uniform(0.3, 3)))
        labels = rng.choice(np.arange(-5, 50), size=n_classes, replace=False)
        y = labels[rng.choice(n_classes, size=n, p=p)]
        if np.all(np.unique(y, return_counts=True)[1] < k):
            continue
        if i % 3 == 0:
            y = y.tolist()
        elif i % 3 == 1:
            y = np.array([f"c{v}" for v in y])
        cases.append(Case((y, k), note=f"{n} samples, {n_classes} classes, {k} folds", size=n))
    return cases


SPEC = ExerciseSpec(
    function="stratified_kfold",
    compare=Exact(),                 # indices
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
