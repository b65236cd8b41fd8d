"""Cases for entity-ranking/mean-reciprocal-rank.

Expected values come from mlinterview.ml.metrics.mean_reciprocal_rank (checked against a
brute force over each query in tests/parity/test_metrics_ranking_ir.py); scores have no
ties, so tie handling does not matter. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import mean_reciprocal_rank


def reference(relevance, scores):
    return mean_reciprocal_rank(np.asarray(relevance, float), np.asarray(scores, float))


def fixed():
    return [
        Case(([[0, 1, 0], [2, 0, 1], [0, 0, 0]],
              [[0.9, 0.3, 0.5], [0.1, 0.2, 0.8], [0.4, 0.6, 0.5]]),
             note="the statement's example", expected=4 / 9),
        Case(([[1, 0, 0], [0, 0, 1]], [[0.7, 0.2, 0.1], [0.0, 0.1, 0.9]]),
             note="the top document is relevant in every query", expected=1.0),
        Case(([[0, 0, 0, 1]], [[0.4, 0.3, 0.2, 0.1]]),
             note="the only relevant document is last of 4", expected=0.25),
        Case(([[0, 0], [0, 0], [0, 0]], [[0.1, 0.2], [0.3, 0.4], [0.6, 0.5]]),
             note="no query has a relevant document", expected=0.0),
        # Order 3, 2, 1, 0 -> flags 0, 1, 1, 1: the first hit is at rank 2.
        Case(([[1, 1, 1, 0]], [[0.1, 0.2, 0.3, 0.4]]),
             note="several relevant documents: only the first counts", expected=0.5),
        # Order 2, 0, 1 -> grades 1, 3, 0: rank 1, although the grade-3 document is second.
        Case(([[3, 0, 1]], [[0.2, 0.1, 0.9]]),
             note="graded: the first relevant, not the most relevant", expected=1.0),
        # Query 0 -> rank 2 (1/2), query 1 -> rank 1, query 2 -> none: (0.5 + 1 + 0) / 3.
        Case(([[0, 1], [0, 5], [0, 0]], [[-1.0, -3.0], [-2.0, -0.5], [3.0, 2.0]]),
             note="negative scores, an empty query among others", expected=0.5),
        # Five documents, the relevant one at rank 5, then a query with rank 2.
        Case((np.array([[0.0, 0, 0, 0, 0.5], [0, 0, 0, 1, 0]]),
              np.array([[5.0, 4, 3, 2, 1], [1.0, 2, 3, 4, 5]])),
             note="small grade 0.5 counts as relevant; ranks 5 and 2",
             expected=(1 / 5 + 1 / 2) / 2),
        Case(([[True, False, True]], [[0.0, 2.0, 1.0]]),
             note="boolean relevance: order 1, 2, 0 -> rank 2", expected=0.5),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n_q = int(rng.integers(1, 60)) if i < 15 else 10_000
        n_d = int(rng.integers(2, 30))
        # From sparse (most queries without a relevant document) to dense.
        p_relevant = [0.03, 0.1, 0.3, 0.6][i % 4]
        rel = np.where(rng.random((n_q, n_d)) < p_relevant, rng.integers(1, 4, (n_q, n_d)), 0)
        scores = rng.permutation(n_q * n_d).reshape(n_q, n_d) / (n_q * n_d) - 0.5  # distinct
        if i % 5 == 0:
            rel, scores = rel.tolist(), scores.tolist()
        cases.append(Case((rel, scores), note=f"{n_q} queries x {n_d} documents, "
                          f"{p_relevant:.0%} relevant", size=n_q * n_d))
    return cases


SPEC = ExerciseSpec(
    function="mean_reciprocal_rank",
    # A mean of up to 10,000 reciprocals of small integers: ~1e-13 relative rounding.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
