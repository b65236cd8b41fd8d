"""Cases for recommender-system/recall-ndcg-at-k.

Expected values come from mlinterview.ml.design.recsys: top_k for the lists, then
recall_at_k and ndcg_at_k (which goes through mlinterview.ml.metrics.ndcg_score, checked
against scikit-learn in tests/parity/test_recommender_system.py and
tests/parity/test_metrics_ranking_ir.py). The fixed cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.recsys import ndcg_at_k, recall_at_k, top_k


def reference(scores, relevant, k):
    lists = top_k(np.asarray(scores, dtype=float), k)
    relevant = np.asarray(relevant, dtype=bool)
    return recall_at_k(lists, relevant), ndcg_at_k(lists, relevant)


def _b(rows):
    return np.array(rows, dtype=bool)


L3 = math.log2(3)


def fixed():
    return [
        Case((np.array([[0.9, 0.1, 0.5], [0.2, 0.8, 0.3], [0.4, 0.6, 0.7]]),
              _b([[0, 1, 1], [0, 0, 0], [1, 0, 0]]), 2),
             note="the statement's example; user 1 has nothing relevant and is skipped",
             expected=(0.25, (1 / L3) / (1 + 1 / L3) / 2)),
        Case((np.array([[3.0, 2.0, 1.0, 0.0]]), _b([[1, 1, 0, 0]]), 2),
             note="a perfect list: recall 1, NDCG 1", expected=(1.0, 1.0)),
        Case((np.array([[3.0, 2.0, 1.0, 0.0]]), _b([[0, 0, 1, 1]]), 2),
             note="the relevant items are just below the cut", expected=(0.0, 0.0)),
        Case((np.array([[0.1, 0.9, 0.8, 0.7, 0.2]]), _b([[0, 1, 1, 1, 1]]), 2),
             note="4 relevant, k = 2: recall 2/4 but NDCG 1 (the ideal has only 2 slots)",
             expected=(0.5, 1.0)),
        Case((np.array([[0.5, 0.4, 0.3]]), _b([[0, 0, 1]]), 3),
             note="one hit in slot 3: NDCG = 1 / log2(4)", expected=(1.0, 0.5)),
        Case((np.array([[0.5, 0.4, 0.3]]), _b([[0, 1, 0]]), 10),
             note="k larger than the catalogue: the list is every item",
             expected=(1.0, 1 / L3)),
        Case((np.array([[-1.0, -3.0, -2.0], [1.0, 2.0, 3.0]]), _b([[0, 0, 1], [1, 0, 0]]), 1),
             note="negative scores; k = 1", expected=(0.0, 0.0)),
        Case((np.array([[-1.0, -3.0, -2.0], [1.0, 2.0, 3.0]]), _b([[1, 0, 1], [0, 0, 1]]), 2),
             note="user 0: hits in slots 1, 2 of 2 relevant; user 1: hit in slot 1",
             expected=(1.0, 1.0)),
        Case((np.array([[0.3, 0.2, 0.1, 0.05], [0.1, 0.2, 0.3, 0.4]]),
              _b([[0, 1, 0, 1], [0, 0, 0, 0]]), 3),
             note="slot 2 hit; the user without relevant items must not pull the mean down",
             expected=(0.5, (1 / L3) / (1 + 1 / L3))),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n_users = int(rng.integers(1, 60))
        n_items = int(rng.integers(2, 120))
        scores = rng.normal(size=(n_users, n_items)) * rng.choice([0.1, 1.0, 10.0])
        relevant = rng.random((n_users, n_items)) < rng.choice([0.02, 0.1, 0.4])
        relevant[0, rng.integers(n_items)] = True          # at least one user counts
        k = int(rng.choice([1, 3, 10, n_items, n_items + 5]))
        cases.append(Case((scores, relevant, k), note=f"{n_users} users, {n_items} items, "
                          f"k = {k}", size=n_users * n_items))
    return cases


SPEC = ExerciseSpec(
    function="recall_ndcg_at_k",
    # Sums of at most a few hundred terms: rounding ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
