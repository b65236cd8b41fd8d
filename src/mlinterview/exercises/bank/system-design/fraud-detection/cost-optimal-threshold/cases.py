"""Cases for fraud-detection/cost-optimal-threshold.

Expected values come from mlinterview.ml.design.feedback_loop.bayes_threshold and
expected_cost (tested against a brute-force loop and the closed form in
tests/ml/design/test_feedback_loop.py). The fixed cases are worked by hand in their notes.
"""

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.feedback_loop import bayes_threshold, expected_cost


def reference(probs, cost_fp, cost_fn):
    t = bayes_threshold(cost_fp, cost_fn)
    cost = float(expected_cost(probs, t, cost_fp=cost_fp, cost_fn=cost_fn)) if probs else 0.0
    return t, cost


def fixed():
    return [
        Case(([0.05, 0.2, 0.5], 10, 90), note="the statement's example: 4.5 + 8 + 5",
             expected=(0.1, 17.5)),
        Case(([0.3, 0.6], 1, 1), note="equal costs: p* = 0.5; allow 0.3 (0.3), block 0.6 (0.4)",
             expected=(0.5, 0.7)),
        Case(([0.1, 0.25, 0.9], 20, 60),
             note="p* = 20/80 = 0.25: 0.25 is blocked (p >= p*), 6 + 15 + 2",
             expected=(0.25, 23.0)),
        Case(([], 5, 15), note="no transactions: p* = 0.25, cost 0", expected=(0.25, 0.0)),
        Case(([0.4, 0.7], 0, 50), note="blocking is free: p* = 0, block everything, cost 0",
             expected=(0.0, 0.0)),
        Case(([0.4, 0.7], 30, 0),
             note="missed fraud is free: p* = 1, allow all but p = 1, cost 0", expected=(1.0, 0.0)),
        Case(([0.02, 0.05, 0.5], 30, 10),
             note="friction dearer than fraud: p* = 0.75, allow all: 0.2 + 0.5 + 5",
             expected=(0.75, 5.7)),
        Case(([0.0, 1.0], 10, 40), note="certain good and certain fraud cost nothing",
             expected=(0.2, 0.0)),
        Case(([0.15, 0.35], 10, 90),
             note="the odds c_FP/c_FN = 0.111 and p* = 0.1 block the same two here: 8.5 + 6.5",
             expected=(0.1, 15.0)),
        Case(([0.105, 0.3], 10, 80),
             note="p* = 1/9 = 0.111: 0.105 is allowed (8.4); the odds 0.125 would also allow "
                  "it, but the threshold differs; 0.3 blocked (7)",
             expected=(1 / 9, 15.4)),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n = int(rng.integers(1, 300))
        probs = rng.beta(0.5, 3.0, n).round(4).tolist()
        cost_fp = float(rng.choice([1, 5, 10, 25, 50]))
        cost_fn = round(float(rng.uniform(5, 500)), 2)
        cases.append(Case((probs, cost_fp, cost_fn),
                          note=f"{n} transactions, c_FP {cost_fp:g}, c_FN {cost_fn:g}"))
    return cases


SPEC = ExerciseSpec(
    function="cost_optimal_threshold",
    # sums of a few hundred products: rounding ~1e-13 relative
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
