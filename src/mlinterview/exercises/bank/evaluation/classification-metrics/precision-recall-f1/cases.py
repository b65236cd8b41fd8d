"""Cases for classification-metrics/precision-recall-f1.

Expected values come from mlinterview.ml.metrics.precision_recall_fscore_support
(checked against scikit-learn in tests/parity) with zero_division=0; the first case is
also worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import precision_recall_fscore_support


def reference(y_true, y_pred, average="binary"):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if average == "binary":
        # Class 1 is positive even when it never occurs: count it through `labels`.
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=[1], average="macro", zero_division=0)
    else:
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, average="macro", zero_division=0)
    return (p, r, f)


def fixed():
    return [
        Case(([1, 0, 1, 1, 0], [1, 1, 1, 0, 0]), note="worked example: TP=2, FP=1, FN=1",
             expected=(2 / 3, 2 / 3, 2 / 3)),
        Case(([1, 1, 0, 0], [0, 0, 0, 0]), note="no predicted positives: precision is 0/0",
             expected=(0.0, 0.0, 0.0)),
        Case(([0, 0, 0], [1, 0, 1]), note="no actual positives: recall is 0/0",
             expected=(0.0, 0.0, 0.0)),
        Case(([1, 0, 1], [1, 0, 1]), note="all correct", expected=(1.0, 1.0, 1.0)),
        Case(([1, 1, 1, 1], [1, 1, 1, 1]), note="a single class, all positive",
             expected=(1.0, 1.0, 1.0)),
        Case(([1], [0]), note="one sample, missed", expected=(0.0, 0.0, 0.0)),
        Case(([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
             note="imbalanced: 1 positive in 10", expected=(0.5, 1.0, 2 / 3)),
        # Macro, worked by hand: classes 0, 1, 2.
        # class 0: TP=1 FP=1 FN=1 -> P=1/2 R=1/2 F=1/2
        # class 1: TP=1 FP=0 FN=1 -> P=1   R=1/2 F=2/3
        # class 2: TP=1 FP=1 FN=0 -> P=1/2 R=1   F=2/3
        Case(([0, 0, 1, 1, 2], [0, 2, 1, 0, 2]), {"average": "macro"},
             note="macro over three classes", expected=(2 / 3, 2 / 3, (1 / 2 + 4 / 3) / 3)),
        Case(([0, 0, 1, 1], [0, 0, 1, 3]), {"average": "macro"},
             note="macro: class 3 appears only in the predictions"),
        Case(([2, 2, 2], [2, 2, 2]), {"average": "macro"}, note="macro with one class",
             expected=(1.0, 1.0, 1.0)),
        Case((np.array([5, 7, 5, 9]), np.array([7, 7, 5, 9])), {"average": "macro"},
             note="macro with non-consecutive labels as NumPy arrays"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 2000)) if i < 28 else 20000
        average = "binary" if i % 2 == 0 else "macro"
        k = 2 if average == "binary" else int(rng.integers(2, 8))
        y_true = rng.integers(0, k, n)
        # Predictions agree with the truth 60% of the time, so the numbers are not trivial.
        y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, n))
        if i % 3 == 0:
            y_true, y_pred = y_true.tolist(), y_pred.tolist()
        cases.append(Case((y_true, y_pred), {"average": average},
                          note=f"random, {n} samples, {k} classes, {average}"))
    return cases


SPEC = ExerciseSpec(
    function="precision_recall_f1",
    # The reference and a correct solution do the same divisions in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
