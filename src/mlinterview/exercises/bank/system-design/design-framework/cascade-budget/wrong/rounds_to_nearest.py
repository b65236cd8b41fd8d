"""Rounds the count to the nearest whole number instead of down: 24.7 candidates become
25, and the 25th does not fit."""


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    stage_ms = [a + b * n for a, b, n in zip(overhead_ms, per_candidate_ms, candidates)]
    total_ms = sum(stage_ms)
    slowest = stage_ms.index(max(stage_ms))
    fixed_ms = total_ms - stage_ms[stage] + overhead_ms[stage]
    spare_ms = budget_ms - fixed_ms
    if spare_ms <= 0:
        return total_ms, slowest, 0
    return total_ms, slowest, round(spare_ms / per_candidate_ms[stage])
