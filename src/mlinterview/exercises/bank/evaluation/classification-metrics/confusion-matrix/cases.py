"""Cases for classification-metrics/confusion-matrix.

Expected values come from the library: mlinterview.ml.metrics.confusion_matrix, checked
against scikit-learn in tests/parity. The first cases are worked by hand.
"""

import warnings

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.metrics import confusion_matrix


def reference(y_true, y_pred, labels=None):
    with warnings.catch_warnings():
        # The library (as scikit-learn) warns when only one label occurs; that is a case.
        warnings.simplefilter("ignore", UserWarning)
        return confusion_matrix(np.asarray(y_true), np.asarray(y_pred), labels=labels)


def fixed():
    return [
        Case(([0, 1, 2, 2, 1], [0, 2, 2, 1, 1]), note="worked example of the statement",
             expected=np.array([[1, 0, 0], [0, 1, 1], [0, 1, 1]])),
        Case(([0, 1, 2, 2, 1], [0, 2, 2, 1, 1], [2, 0]),
             note="labels [2, 0]: order kept, samples with label 1 dropped",
             expected=np.array([[1, 0], [0, 1]])),
        # Binary: TN = 2, FP = 1, FN = 1, TP = 2.
        Case(([0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 0, 1]), note="binary: [[TN, FP], [FN, TP]]",
             expected=np.array([[2, 1], [1, 2]])),
        Case(([1, 1, 1], [1, 1, 1]), note="a single label", expected=np.array([[3]])),
        Case(([0, 0], [3, 3]), note="a label only in the predictions gets a row of zeros",
             expected=np.array([[0, 2], [0, 0]])),
        Case(([1, 0, 1], [1, 1, 0], [0, 1, 5]), note="a listed label that never occurs",
             expected=np.array([[0, 1, 0], [1, 1, 0], [0, 0, 0]])),
        Case(([4, 7, 4], [7, 7, 4], [7, 4]), note="labels not sorted",
             expected=np.array([[1, 0], [1, 1]])),
        Case((["cat", "dog", "dog", "cat"], ["dog", "dog", "cat", "cat"]),
             note="string labels", expected=np.array([[1, 1], [1, 1]])),
        Case(([3, 9, 3, 9, 6], [3, 9, 9, 6, 3], [3, 9]),
             note="unlisted label 6 between listed ones is dropped",
             expected=np.array([[1, 1], [0, 1]])),
        Case(([-1, 5, -1], [5, 5, -1], [-1, 2, 5]), note="negative labels, a gap in the list",
             expected=np.array([[1, 0, 1], [0, 0, 0], [0, 0, 1]])),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 3000)) if i < 23 else 200_000
        k = int(rng.integers(2, 9))
        values = rng.choice(np.arange(-5, 20), size=k, replace=False)
        y_true = values[rng.integers(0, k, n)]
        y_pred = np.where(rng.random(n) < 0.6, y_true, values[rng.integers(0, k, n)])
        if i % 5 == 2:
            y_pred[rng.random(n) < 0.1] = 50           # a label the truth never has
        kwargs = {}
        if i % 3 == 1:
            # A shuffled subset of the labels plus one that never occurs.
            listed = rng.permutation(values)[: int(rng.integers(1, k + 1))]
            kwargs = {"labels": np.r_[listed, 99].tolist()}
        if i % 4 == 0:
            y_true, y_pred = y_true.tolist(), y_pred.tolist()
        cases.append(Case((y_true, y_pred), kwargs, note=f"{n} samples, {k} labels"
                          + (", labels given" if kwargs else ""), size=n))
    return cases


SPEC = ExerciseSpec(
    function="confusion_matrix",
    compare=Exact(),               # counts
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
