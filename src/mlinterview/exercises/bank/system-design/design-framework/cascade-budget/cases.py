"""Cases for design-framework/cascade-budget.

Expected values come from mlinterview.ml.design.envelope (cascade_latency and
max_candidates, tested by hand and by brute force in tests/ml/design/test_envelope.py).
The fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.envelope import Stage, cascade_latency, max_candidates


def reference(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    stages = [Stage(f"stage {i}", a, b)
              for i, (a, b) in enumerate(zip(overhead_ms, per_candidate_ms, strict=True))]
    latency = cascade_latency(stages, candidates)
    return (latency.total_ms, int(np.argmax(latency.stage_ms)),
            max_candidates(stages, candidates, budget_ms, stage=stage))


OVERHEAD = [10.0, 5.0, 8.0]
PER = [0.002, 0.05, 0.4]
COUNTS = [10_000, 1_000, 100]


def fixed():
    return [
        Case((OVERHEAD, PER, COUNTS, 150.0, 1),
             note="the statement's example: 30 + 55 + 48 = 133 ms; (150 - 30 - 48 - 5) / 0.05",
             expected=(133.0, 1, 1340)),
        Case((OVERHEAD, PER, COUNTS, 150.0, 2),
             note="the re-ranker: (150 - 30 - 55 - 8) / 0.4 = 142.5 -> 142",
             expected=(133.0, 1, 142)),
        Case((OVERHEAD, PER, COUNTS, 150.0, 0),
             note="retrieval: (150 - 55 - 48 - 10) / 0.002 = 18,500",
             expected=(133.0, 1, 18_500)),
        Case((OVERHEAD, PER, COUNTS, 133.0, 1),
             note="budget = today's latency: exactly today's 1,000 (55 / 0.05 in floats is "
                  "1099.99..., the 5 ms overhead stays)", expected=(133.0, 1, 1000)),
        Case((OVERHEAD, PER, COUNTS, 70.0, 1),
             note="retrieval and re-ranking take 78 ms > 70: nothing fits, 0",
             expected=(133.0, 1, 0)),
        Case((OVERHEAD, PER, COUNTS, 83.0, 1),
             note="83 ms = 30 + 48 + 5: the overhead fits, no candidate: 0",
             expected=(133.0, 1, 0)),
        Case((OVERHEAD, PER, COUNTS, 83.04, 1),
             note="0.04 ms spare < 0.05: still 0", expected=(133.0, 1, 0)),
        Case(([2.0, 2.0], [1.0, 1.0], [5, 5], 20.0, 1),
             note="a tie: both stages take 7 ms, the first is the slowest; (20 - 7 - 2) / 1",
             expected=(14.0, 0, 11)),
        Case(([1.0, 20.0, 1.0], [0.01, 0.1, 3.0], [100, 50, 5], 100.0, 2),
             note="the slowest is the stage with the largest latency (25 ms), not the largest "
                  "per-candidate cost: 2 + 25 + 16 = 43; (100 - 2 - 25 - 1) / 3 = 24",
             expected=(43.0, 1, 24)),
        Case(([0.0], [0.5], [10], 12.0, 0),
             note="one stage: 12 / 0.5 = 24", expected=(5.0, 0, 24)),
        Case(([4.0, 1.0], [0.25, 2.0], [0, 0], 9.0, 0),
             note="zero candidates today: 5 ms fixed; (9 - 1 - 4) / 0.25 = 16",
             expected=(5.0, 0, 16)),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n_stages = int(rng.integers(1, 5))
        counts = np.sort(rng.integers(1, 20_000, n_stages))[::-1].tolist()
        overhead = np.round(rng.uniform(0, 20, n_stages), 1).tolist()
        per = np.round(rng.choice([0.001, 0.002, 0.01, 0.05, 0.1, 0.5, 2.0], n_stages)
                       * rng.uniform(0.5, 2.0, n_stages), 4).tolist()
        total = sum(a + b * n for a, b, n in zip(overhead, per, counts, strict=True))
        budget = float(np.round(total * rng.uniform(0.3, 2.0), 1))
        stage = int(rng.integers(0, n_stages))
        cases.append(Case((overhead, per, counts, budget, stage),
                          note=f"{n_stages} stages, budget {budget:g} ms, stage {stage}",
                          size=n_stages))
    return cases


SPEC = ExerciseSpec(
    function="cascade_budget",
    # Sums of a few products: rounding ~1e-15 relative; the counts must match exactly.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
