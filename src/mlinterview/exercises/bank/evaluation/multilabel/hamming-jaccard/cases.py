"""Cases for multilabel/hamming-jaccard.

Expected values come from mlinterview.ml.metrics.hamming_loss and jaccard_score
(average="samples", zero_division=1), both checked against scikit-learn in
tests/parity/test_metrics_multilabel.py; the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import hamming_loss, jaccard_score


def reference(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return (hamming_loss(y_true, y_pred),
            jaccard_score(y_true, y_pred, average="samples", zero_division=1))


def fixed():
    return [
        Case(([[1, 0, 1], [0, 1, 0]], [[1, 1, 1], [0, 0, 0]]),
             note="worked example of the statement", expected=(1 / 3, 1 / 3)),
        Case(([[0, 0], [0, 0]], [[0, 0], [0, 0]]), note="no labels anywhere: perfect",
             expected=(0.0, 1.0)),
        Case(([[1, 1, 1, 1]], [[0, 0, 0, 0]]), note="everything missed", expected=(1.0, 0.0)),
        # Row 1: 1 wrong of 4, J = 1/2 (inter 1, union 2). Row 2: 0 wrong, J = 1 (empty).
        # Hamming 1/8; Jaccard (1/2 + 1) / 2 = 3/4.
        Case(([[1, 0, 0, 0], [0, 0, 0, 0]], [[1, 1, 0, 0], [0, 0, 0, 0]]),
             note="one empty row among two", expected=(1 / 8, 3 / 4)),
        # The max-label-set normaliser would give 2 / (3 * 1) instead of 2 / 6.
        Case(([[1, 0], [0, 1], [1, 0]], [[1, 1], [0, 1], [0, 0]]),
             note="one label per sample", expected=(2 / 6, (1 / 2 + 1 + 0) / 3)),
        Case((np.array([[1, 0, 1]]), np.array([[1, 0, 1]])), note="NumPy input, one sample",
             expected=(0.0, 1.0)),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = int(rng.integers(1, 500)) if i < 18 else 20_000
        k = int(rng.integers(2, 12)) if i < 18 else 50
        density = rng.uniform(0.05, 0.6)
        y_true = (rng.random((n, k)) < density).astype(int)
        flip = rng.random((n, k)) < 0.2
        y_pred = np.where(flip, 1 - y_true, y_true)
        if i % 4 == 0:
            y_true, y_pred = y_true.tolist(), y_pred.tolist()
        cases.append(Case((y_true, y_pred), note=f"random, {n} samples x {k} labels",
                          size=n * k))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="hamming_jaccard",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
