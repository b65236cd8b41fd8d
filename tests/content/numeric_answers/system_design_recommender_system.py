"""The numeric quick-check answers of the recommender-system card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.recsys`` on the situation the
prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.design.recsys import item_log_q, ndcg_at_k, recall_at_k, recommendation_gini


def _recall_three_of_four() -> float:
    """4 held-out items (0-3) among 20; the top-10 list holds items 0, 1, 2 and 7 others."""
    relevant = np.zeros((1, 20), dtype=bool)
    relevant[0, :4] = True
    listed = np.array([[0, 10, 1, 11, 12, 2, 13, 14, 15, 16]])
    return recall_at_k(listed, relevant)


def _ndcg_slots_one_and_three() -> float:
    """2 relevant items (0 and 1); the top-3 list is item 0, an irrelevant item 5, item 1."""
    relevant = np.zeros((1, 6), dtype=bool)
    relevant[0, [0, 1]] = True
    return ndcg_at_k(np.array([[0, 5, 1]]), relevant)


def _logq_gap() -> float:
    """Item 0 has 10% of 1000 interactions, item 1 has 0.1%: log Q(0) - log Q(1)."""
    items = np.r_[np.zeros(100, dtype=np.int64), 1, np.full(899, 2)]
    log_q = item_log_q(items, 3)
    return float(log_q[0] - log_q[1])


def _same_five_items_gini() -> float:
    """100 users, all shown items 0-4, out of 50 catalogue items."""
    return recommendation_gini(np.tile(np.arange(5), (100, 1)), 50)


ANSWERS = {
    "recommender-system/recall-value": _recall_three_of_four,
    "recommender-system/ndcg-value": _ndcg_slots_one_and_three,
    "recommender-system/logq-gap": _logq_gap,
    "recommender-system/exposure-gini": _same_five_items_gini,
}
