"""Cases for decision-threshold/max-f1-threshold.

Expected values come from the library: mlinterview.ml.metrics.best_threshold with
method "f_beta" and beta 1 (candidates: inf and the distinct scores; ties to the largest
threshold), whose counts are checked against scikit-learn's roc_curve in
tests/ml/metrics/test_threshold.py. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import best_threshold


def reference(y_true, scores):
    return best_threshold(np.asarray(y_true), np.asarray(scores), method="f_beta", beta=1.0)


def fixed():
    inf = float("inf")
    return [
        Case(([1, 0, 1, 0, 1], [0.9, 0.8, 0.6, 0.3, 0.2]), note="worked example of the statement",
             expected=(0.2, 0.75)),
        Case(([0, 0, 0], [0.1, 0.5, 0.9]), note="no positives: F1 is 0 everywhere, keep inf",
             expected=(inf, 0.0)),
        Case(([1, 1, 0, 0], [0.8, 0.7, 0.4, 0.1]), note="perfectly separated",
             expected=(0.7, 1.0)),
        Case(([1], [0.3]), note="one positive sample", expected=(0.3, 1.0)),
        # 0.9: TP 1, FN 1 -> 2/3. 0.5: TP 2, FP 1 -> 4/5. Tie at 0.5 is one candidate.
        Case(([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]), note="tied scores move together",
             expected=(0.5, 0.8)),
        # 0.7: TP 1 FP 0 FN 1 -> 2/3; 0.4: TP 2 FP 2 FN 0 -> 4/6 = 2/3: tie -> larger, 0.7.
        Case(([1, 0, 0, 1], [0.7, 0.6, 0.5, 0.4]), note="an F1 tie goes to the larger threshold",
             expected=(0.7, 2 / 3)),
        # Scores below 0 and above 1: not probabilities; 0.35 lies off any 0.01 grid.
        Case(([0, 1, 1, 0, 1], [-2.0, 3.5, 0.355, 0.354, 7.0]),
             note="scores outside [0, 1], close together", expected=(0.355, 1.0)),
        Case(([0, 1, 0], [0.2, 0.1, 0.3]), note="the positive scores lowest",
             expected=(0.1, 0.5)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 300)) if i < 23 else 2000
        y = (rng.random(n) < rng.uniform(0.05, 0.8)).astype(int)
        scores = rng.normal(size=n) + rng.uniform(0, 2) * y
        if i % 3 == 0:
            scores = np.round(scores, 1)                # ties
        if i % 4 == 1:
            scores = 1 / (1 + np.exp(-scores))          # probabilities
        if i % 2 == 0:
            y, scores = y.tolist(), scores.tolist()
        cases.append(Case((y, scores), note=f"{n} samples", size=n))
    return cases


SPEC = ExerciseSpec(
    function="max_f1_threshold",
    # A threshold is one of the input scores (exact); F1 is a ratio of counts.
    compare=AllClose(rtol=1e-12, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
