"""Cases for entity-ranking/ndcg-at-k.

Expected values come from mlinterview.ml.metrics.ndcg_score (checked against
scikit-learn's ndcg_score in tests/parity/test_metrics_ranking_ir.py); scores have no
ties, so tie handling does not matter. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import ndcg_score


def reference(relevance, scores, k):
    return ndcg_score(np.asarray(relevance, float), np.asarray(scores, float), k=k)


L3 = math.log2(3)


def fixed():
    return [
        Case(([[3, 2, 0]], [[0.1, 0.9, 0.5]], 2), note="worked example of the statement",
             expected=2 / (3 + 2 / L3)),
        Case(([[3, 2, 0]], [[0.9, 0.5, 0.1]], 3), note="perfect order", expected=1.0),
        Case(([[0, 0, 0], [1, 0, 0]], [[0.3, 0.2, 0.1], [0.3, 0.2, 0.1]], 3),
             note="a query without relevant documents counts 0", expected=0.5),
        # Predicted order 2, 1, 0 -> gains 1, 0, 2: DCG@3 = 1 + 0 + 2/2 = 2;
        # ideal 2, 1, 0: IDCG@3 = 2 + 1/log2(3) + 0.
        Case(([[2, 0, 1]], [[0.1, 0.5, 0.9]], 3), note="reversed-ish order",
             expected=2 / (2 + 1 / L3)),
        # Only the first rank counts: DCG@1 = 1 (doc 2), IDCG@1 = 2.
        Case(([[2, 0, 1]], [[0.1, 0.5, 0.9]], 1), note="k = 1", expected=0.5),
        Case(([[1, 0]], [[0.2, 0.8]], 10), note="k larger than the list",
             expected=(1 / L3) / 1.0),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n_q = int(rng.integers(1, 60)) if i < 15 else 10_000
        n_d = int(rng.integers(2, 30))
        rel = rng.integers(0, 4, (n_q, n_d))
        scores = rng.permutation(n_q * n_d).reshape(n_q, n_d) / (n_q * n_d)   # distinct
        k = int(rng.integers(1, n_d + 3))
        if i % 4 == 0:
            rel, scores = rel.tolist(), scores.tolist()
        cases.append(Case((rel, scores, k), note=f"{n_q} queries x {n_d} documents, k={k}",
                          size=n_q * n_d))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="ndcg_at_k",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
