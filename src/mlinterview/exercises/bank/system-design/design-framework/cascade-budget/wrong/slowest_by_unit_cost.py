"""Calls the stage with the largest per-candidate cost the slowest, whatever its count."""
import math


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    stage_ms = [a + b * n for a, b, n in zip(overhead_ms, per_candidate_ms, candidates)]
    total_ms = sum(stage_ms)
    slowest = per_candidate_ms.index(max(per_candidate_ms))
    fixed_ms = total_ms - stage_ms[stage] + overhead_ms[stage]
    spare_ms = budget_ms - fixed_ms
    if spare_ms <= 0:
        return total_ms, slowest, 0
    return total_ms, slowest, math.floor(spare_ms / per_candidate_ms[stage] + 1e-9)
