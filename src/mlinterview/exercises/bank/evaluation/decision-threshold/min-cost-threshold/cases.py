"""Cases for decision-threshold/min-cost-threshold.

Expected values come from mlinterview.ml.metrics.best_threshold(method="cost"), whose
counts are checked against scikit-learn's roc_curve in tests/ml/metrics/test_threshold.py;
the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import best_threshold


def reference(y_true, scores, cost_fp, cost_fn):
    return best_threshold(np.asarray(y_true), np.asarray(scores), method="cost",
                          cost_fp=cost_fp, cost_fn=cost_fn)


def fixed():
    inf = float("inf")
    return [
        Case(([0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8], 1.0, 3.0),
             note="worked example of the statement", expected=(0.35, 1.0)),
        Case(([0, 0, 0], [0.2, 0.5, 0.9], 1.0, 1.0), note="no positives: predict none",
             expected=(inf, 0.0)),
        Case(([1, 1], [0.2, 0.9], 1.0, 1.0), note="all positives: admit everyone",
             expected=(0.2, 0.0)),
        # Threshold 0.5 admits both tied samples: FP 1, FN 0 -> cost 1; inf: FN 1 -> 10.
        Case(([1, 0], [0.5, 0.5], 1.0, 10.0), note="tied scores move together",
             expected=(0.5, 1.0)),
        # inf: FN 1 -> 2; 0.6: FP 1, FN 1 -> 4; 0.3: FP 1 -> 2. Tie: the largest, inf.
        Case(([0, 1], [0.6, 0.3], 2.0, 2.0), note="a tie in cost goes to the largest",
             expected=(inf, 2.0)),
        Case(([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8], 0.0, 1.0),
             note="false positives are free: admit everyone", expected=(0.8, 0.0)),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n = int(rng.integers(1, 300)) if i < 15 else 200_000
        y = (rng.random(n) < rng.uniform(0.05, 0.6)).astype(int)
        scores = np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1)
        if i % 3 == 0:
            scores = np.round(scores, 1)      # many ties
        c_fp, c_fn = float(rng.uniform(0.1, 5)), float(rng.uniform(0.1, 20))
        if i % 4 == 0:
            y, scores = y.tolist(), scores.tolist()
        cases.append(Case((y, scores, c_fp, c_fn), note=f"{n} samples, cost FP {c_fp:.2f} "
                          f"FN {c_fn:.2f}", size=n))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="min_cost_threshold",
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
