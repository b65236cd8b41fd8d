"""The numeric quick-check answers of the design-framework card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.envelope`` on the situation the
prompt describes.
"""

from __future__ import annotations

from mlinterview.ml.design.envelope import (
    Stage,
    max_candidates,
    replicas_needed,
    request_rate,
    storage,
    training_time,
    transformer_training_flops,
)


def _ranker_candidates() -> int:
    """Retrieval 12 ms; ranking 6 + 0.02 ms a candidate; re-ranking 10 + 0.5 ms × 100."""
    stages = [Stage("retrieval", 12, 0), Stage("ranking", 6, 0.02), Stage("re-ranking", 10, 0.5)]
    return max_candidates(stages, [5000, 5000, 100], 150, stage="ranking")


ANSWERS = {
    "design-framework/peak-qps":
        lambda: request_rate(50e6, 20, peak_to_average=3).peak_qps,
    "design-framework/replicas":
        lambda: replicas_needed(35_000, 80, concurrency_per_replica=8, headroom=0.3).replicas,
    "design-framework/ranker-candidates": _ranker_candidates,
    "design-framework/training-gpu-hours":
        lambda: training_time(transformer_training_flops(7e9, 1e12),
                              peak_flops_per_gpu=989e12, mfu=0.4).gpu_hours,
    "design-framework/log-storage":
        lambda: storage(1e9, 500, retention_days=90, replication=3).total_bytes / 1e12,
}
