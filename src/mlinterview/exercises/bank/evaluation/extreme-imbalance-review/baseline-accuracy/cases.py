"""Cases for extreme-imbalance-review/baseline-accuracy.

Expected values come from the library, mlinterview.ml.metrics.accuracy_score (also for
the constant majority-class predictions) and balanced_accuracy_score, both checked
against scikit-learn in tests/parity. The first cases are worked by hand.
"""

import warnings

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import accuracy_score, balanced_accuracy_score


def reference(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes, counts = np.unique(y_true, return_counts=True)
    majority = classes[np.argmax(counts)]
    with warnings.catch_warnings():
        # A label only in y_pred: the library warns (as scikit-learn) and leaves it out.
        warnings.simplefilter("ignore", UserWarning)
        balanced = balanced_accuracy_score(y_true, y_pred)
    return (accuracy_score(y_true, np.full(len(y_true), majority)),
            accuracy_score(y_true, y_pred), balanced)


def fixed():
    return [
        Case(([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
             note="worked example of the statement", expected=(0.8, 0.9, 0.75)),
        Case(([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [1] * 10),
             note="the always-majority model", expected=(0.8, 0.8, 0.5)),
        Case(([0, 0, 0, 1], [1, 1, 1, 0]), note="everything wrong", expected=(0.75, 0.0, 0.0)),
        Case(([3], [3]), note="one sample", expected=(1.0, 1.0, 1.0)),
        Case(([2, 2, 2], [2, 5, 2]), note="one true class; label 5 appears only in y_pred",
             expected=(1.0, 2 / 3, 2 / 3)),
        # Classes 0 (2 samples), 1 (3), 2 (1). Recalls: 1/2, 2/3, 1 -> mean 13/18.
        Case(([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 0, 2]), note="three classes",
             expected=(0.5, 4 / 6, 13 / 18)),
        # Class 7 only predicted: its wrong predictions lower the recall of class 1 only.
        Case(([1, 1, 0, 0], [1, 7, 0, 0]), note="a label only in y_pred is not averaged",
             expected=(0.5, 0.75, 0.75)),
        # Recalls of class -1: 1/3, class 4: 1 -> balanced 2/3; majority -1 (3 of 4).
        Case((np.array([-1, -1, -1, 4]), np.array([-1, 4, 4, 4])),
             note="negative labels, NumPy arrays", expected=(0.75, 0.5, 2 / 3)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 3000)) if i < 23 else 100_000
        k = int(rng.integers(2, 6))
        # Heavily imbalanced: the first class takes most of the mass.
        p = rng.dirichlet(np.r_[20.0, np.ones(k - 1)])
        labels = rng.choice(np.arange(-2, 10), size=k, replace=False)
        y_true = labels[rng.choice(k, size=n, p=p)]
        y_pred = np.where(rng.random(n) < 0.8, y_true, labels[rng.integers(0, k, n)])
        if i % 5 == 0:
            y_pred[rng.random(n) < 0.05] = 42          # a label the truth never uses
        if i % 3 == 0:
            y_true, y_pred = y_true.tolist(), y_pred.tolist()
        cases.append(Case((y_true, y_pred), note=f"{n} samples, {k} classes, imbalanced"))
    return cases


SPEC = ExerciseSpec(
    function="imbalance_report",
    # Counts and a few divisions in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
