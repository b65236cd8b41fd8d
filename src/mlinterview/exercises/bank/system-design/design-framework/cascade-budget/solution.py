import math


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    """(total_ms, slowest stage, largest count for `stage` within `budget_ms`)."""
    stage_ms = [a + b * n for a, b, n in zip(overhead_ms, per_candidate_ms, candidates,
                                             strict=True)]
    total_ms = sum(stage_ms)
    slowest = stage_ms.index(max(stage_ms))          # the first one on a tie
    # Everything except this stage's per-candidate part is fixed.
    fixed_ms = total_ms - stage_ms[stage] + overhead_ms[stage]
    spare_ms = budget_ms - fixed_ms
    if spare_ms <= 0:
        return total_ms, slowest, 0
    # The epsilon lets an exact fit survive float division (55 / 0.05 = 1099.99...98).
    return total_ms, slowest, math.floor(spare_ms / per_candidate_ms[stage] + 1e-9)
