"""Returns a negative count when the fixed part alone is over the budget."""
import math


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    stage_ms = [a + b * n for a, b, n in zip(overhead_ms, per_candidate_ms, candidates)]
    total_ms = sum(stage_ms)
    slowest = stage_ms.index(max(stage_ms))
    fixed_ms = total_ms - stage_ms[stage] + overhead_ms[stage]
    return total_ms, slowest, math.floor((budget_ms - fixed_ms) / per_candidate_ms[stage] + 1e-9)
