"""Cases for entropy/entropy-kl.

Expected values come from mlinterview.ml.information (checked against scipy.stats.entropy
in tests/parity/test_information.py); the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.information import entropy, kl_divergence


def reference(p, q, base=2.0):
    return (entropy(p, base=base), kl_divergence(p, q, base=base))


def fixed():
    return [
        Case(([0.5, 0.5], [0.25, 0.75]), note="worked example in the statement",
             expected=(1.0, 1 - math.log2(3) / 2)),
        Case(([0.5, 0.5], [0.5, 0.5]), note="same distribution: KL = 0", expected=(1.0, 0.0)),
        Case(([1.0, 0.0], [0.5, 0.5]), note="a sure outcome: H = 0; 0 log 0 = 0",
             expected=(0.0, 1.0)),
        Case(([0.5, 0.5], [1.0, 0.0]), note="q rules out an outcome of p: KL is infinite",
             expected=(1.0, math.inf)),
        Case(([0.0, 1.0], [0.0, 1.0]), note="zeros in both: KL = 0", expected=(0.0, 0.0)),
        Case(([1, 1, 1, 1], [1, 1, 1, 1]), {"base": 2.0}, note="raw counts, uniform over 4",
             expected=(2.0, 0.0)),
        Case(([3, 1], [1, 1]), {"base": math.e}, note="counts in nats"),
        Case(([0.9, 0.1], [0.5, 0.5]), {"base": 2.0}, note="biased coin against a fair coin"),
        Case(([0.5, 0.5], [0.9, 0.1]), {"base": 2.0}, note="the other direction differs"),
        Case((np.array([0.2, 0.0, 0.8]), np.array([0.1, 0.1, 0.8])), {"base": 10.0},
             note="base 10, NumPy arrays"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(2, 50)) if i < 20 else [1000, 10_000, 50_000, 100_000][i - 20]
        p = rng.random(n) * (rng.random(n) < 0.8)          # some exact zeros
        p[0] = 1.0
        q = rng.random(n) + (0.0 if i % 5 == 0 else 0.01)  # sometimes tiny, never zero
        base = [2.0, math.e, 10.0][i % 3]
        if i % 4 == 0:
            p, q = p.tolist(), q.tolist()
        cases.append(Case((p, q), {"base": base}, note=f"random, {n} outcomes, base {base:.3g}"))
    return cases


SPEC = ExerciseSpec(
    function="entropy_kl",
    # Sums of n terms in float64 in a possibly different order: 1e-9 relative is ample.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
