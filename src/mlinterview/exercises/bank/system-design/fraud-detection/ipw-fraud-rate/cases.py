"""Cases for fraud-detection/ipw-fraud-rate.

Expected values come from mlinterview.ml.design.feedback_loop.ipw_fraud_rate (unbiased by
exact enumeration and by a seeded simulation in tests/ml/design/test_feedback_loop.py).
The fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.feedback_loop import ipw_fraud_rate


def reference(scores, threshold, epsilon, allowed, labels):
    propensity = np.where(np.asarray(scores) >= threshold, epsilon, 1.0)
    y = [0 if v is None else v for v in labels]            # blocked labels are never read
    return ipw_fraud_rate(y, allowed, propensity)


def fixed():
    return [
        Case(([0.1, 0.2, 0.4, 0.6, 0.8, 0.9], 0.5, 0.25,
              [True, True, True, True, False, True], [0, 1, 0, 1, None, 0]),
             note="the statement's example: (1 + 1/0.25) / 6", expected=5 / 6),
        Case(([0.1, 0.3], 0.5, 0.1, [True, True], [1, 0]),
             note="nothing reaches the threshold: the plain rate 1/2", expected=0.5),
        Case(([0.7, 0.8, 0.9, 0.2], 0.5, 0.5, [True, False, False, True], [1, None, None, 0]),
             note="one explored fraud weighs 1/0.5 = 2, over 4 transactions", expected=0.5),
        Case(([0.5, 0.1, 0.1, 0.1], 0.5, 0.2, [True, True, True, True], [1, 0, 0, 0]),
             note="a score equal to the threshold is blocked, so explored: 1/0.2 = 5, over 4",
             expected=1.25),
        Case(([0.9, 0.9, 0.1, 0.1, 0.1], 0.5, 0.1, [False, False, True, True, True],
              [None, None, 0, 0, 0]),
             note="nothing explored: the estimate is 0 (it is unbiased only on average)",
             expected=0.0),
        Case(([0.6, 0.95, 0.3, 0.2], 0.5, 1.0, [True, True, True, True], [1, 1, 0, 1]),
             note="epsilon 1: everything is allowed and weighs 1: 3/4", expected=0.75),
        Case(([0.8, 0.8, 0.8, 0.8, 0.2], 0.5, 0.25, [True, True, False, False, True],
              [0, 1, None, None, 1]),
             note="two explored (one fraud, weight 4) and one allowed fraud: (4 + 1) / 5",
             expected=1.0),
        Case(([0.1, 0.2, 0.3, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], 0.8, 0.5,
              [True, True, True, True, False, True, False, False, False, False],
              [0, 0, 1, 1, None, 0, None, None, None, None]),
             note="(1 + 1/0.5) / 10 = 0.3; the labelled-only rate 2/5 and the rate over "
                  "the weights 3 / 7 differ", expected=0.3),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n = int(rng.integers(5, 400))
        scores = rng.random(n).round(3)
        threshold = float(rng.choice([0.3, 0.5, 0.7, 0.9]))
        epsilon = float(rng.choice([0.02, 0.05, 0.1, 0.25, 0.5]))
        fraud = rng.random(n) < 0.3 * scores
        blocked = scores >= threshold
        allowed = ~blocked | (rng.random(n) < epsilon)
        labels = [int(f) if a else None for f, a in zip(fraud, allowed, strict=True)]
        cases.append(Case((scores.tolist(), threshold, epsilon, allowed.tolist(), labels),
                          note=f"{n} transactions, threshold {threshold}, epsilon {epsilon}"))
    return cases


SPEC = ExerciseSpec(
    function="ipw_fraud_rate",
    # a few hundred ratios summed: rounding ~1e-14 relative
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
