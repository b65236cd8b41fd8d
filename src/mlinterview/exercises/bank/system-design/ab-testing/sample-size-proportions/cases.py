"""Cases for ab-testing/sample-size-proportions.

Expected values come from mlinterview.ml.stats.power.sample_size_two_proportions (pooled
method), checked against statsmodels' samplesize_proportions_2indep_onetail and the same
formula written with scipy.stats.norm in tests/parity/test_ab_testing.py. The fixed cases
were computed by hand from the formula (their notes give the unrounded n).
"""

import math

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.stats.power import sample_size_two_proportions


def reference(p1, p2, alpha=0.05, power=0.8):
    return math.ceil(sample_size_two_proportions(p1, p2, alpha=alpha, power=power))


def fixed():
    return [
        Case((0.10, 0.11), note="the statement's example: n = 14750.79", expected=14751),
        Case((0.10, 0.12), note="a 20% relative lift: n = 3840.85 (a quarter, about)",
             expected=3841),
        Case((0.5, 0.6), note="p near 1/2: the largest variance per user, n = 387.34",
             expected=388),
        Case((0.2, 0.1), note="a drop: the same test, n = 198.96", expected=199),
        Case((0.1, 0.5), note="a huge effect: pooled and unpooled differ most, n = 19.38 "
                              "(unpooled 16.05)", expected=20),
        Case((0.01, 0.012), note="a low baseline: n = 42692.80", expected=42693),
        Case((0.3, 0.33), kwargs={"alpha": 0.01, "power": 0.9},
             note="alpha 0.01 (z = 2.576), power 0.9 (z = 1.2816): n = 7132.19",
             expected=7133),
        Case((0.05, 0.055), kwargs={"alpha": 0.1},
             note="alpha 0.1: z = 1.6449, n = 24602.44", expected=24603),
        Case((0.9, 0.92), note="a high baseline, symmetric to 0.1 vs 0.08: n = 3212.94",
             expected=3213),
        Case((0.4, 0.45), kwargs={"power": 0.5},
             note="power 0.5: z_power = 0, only the null term, n = 751.005", expected=752),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        p1 = float(rng.choice([0.01, 0.05, 0.1, 0.3, 0.5, 0.8])) * float(rng.uniform(0.8, 1.2))
        lift = float(rng.choice([0.02, 0.05, 0.1, 0.3, -0.1])) * float(rng.uniform(0.5, 1.5))
        p2 = min(0.99, max(0.005, p1 * (1 + lift)))
        kwargs = {}
        if rng.random() < 0.5:
            kwargs = {"alpha": float(rng.choice([0.01, 0.05, 0.1])),
                      "power": float(rng.choice([0.8, 0.9, 0.95]))}
        cases.append(Case((p1, p2), kwargs=kwargs, note=f"p1 = {p1:.4f}, p2 = {p2:.4f}",
                          size=1))
    return cases


SPEC = ExerciseSpec(
    function="sample_size_per_arm",
    # A count of users: exact. The unrounded n of the cases is never within 1e-6 of an
    # integer, so two correct float evaluations round up to the same count.
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
