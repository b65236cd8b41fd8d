"""Leaves the stage's own overhead out of the fixed part: one overhead too many candidates."""
import math


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    stage_ms = [a + b * n for a, b, n in zip(overhead_ms, per_candidate_ms, candidates)]
    total_ms = sum(stage_ms)
    slowest = stage_ms.index(max(stage_ms))
    spare_ms = budget_ms - (total_ms - stage_ms[stage])
    if spare_ms <= 0:
        return total_ms, slowest, 0
    return total_ms, slowest, math.floor(spare_ms / per_candidate_ms[stage] + 1e-9)
