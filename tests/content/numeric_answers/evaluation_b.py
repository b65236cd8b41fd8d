"""Numeric quick-check answers of the cards decision-threshold, extreme-imbalance-review,
anomaly-detection, generative-metrics, entity-ranking and search-planning, recomputed from
the library (never the card's number typed again).

``ANSWERS`` maps ``"slug/quick-check-id"`` to a zero-argument callable returning the number;
tests/content/test_numeric_answers.py compares it with the card's answer within the card's
tolerance. Each callable builds the small case the prompt describes and asks the library.
"""

from __future__ import annotations

import numpy as np


def _bayes_threshold_by_sweep(cost_fp: float, cost_fn: float, levels: int = 1000) -> float:
    """The cost-optimal probability threshold, found by the library's empirical cost
    minimiser on perfectly calibrated data.

    Score level ``p_k = (k + 1/2) / levels`` holds ``2 * levels`` rows of which exactly
    ``p_k * 2 * levels = 2k + 1`` are positive, so the observed positive rate at each score
    equals the score. ``best_threshold(method="cost")`` then includes exactly the levels
    where sending is cheaper; the boundary lies between the lowest included level and the
    highest excluded one, and their midpoint is returned.
    """
    from mlinterview.ml.metrics import best_threshold

    k = np.arange(levels)
    p = (k + 0.5) / levels
    rows = 2 * levels
    scores = np.repeat(p, rows)
    labels = np.zeros((levels, rows), dtype=np.int64)
    labels[np.arange(rows)[None, :] < (2 * k + 1)[:, None]] = 1
    t, _ = best_threshold(labels.ravel(), scores, method="cost",
                          cost_fp=cost_fp, cost_fn=cost_fn)
    below = p[p < t].max()
    return float((t + below) / 2)


def _min_cost_validation() -> float:
    """The card's eight validation customers, FN cost 2, FP cost 1."""
    from mlinterview.ml.metrics import best_threshold

    scores = [0.95, 0.85, 0.70, 0.60, 0.45, 0.30, 0.20, 0.10]
    labels = [1, 1, 0, 1, 0, 1, 0, 0]
    return best_threshold(labels, scores, method="cost", cost_fp=1.0, cost_fn=2.0)[0]


ANSWERS = {
    "decision-threshold/bayes-threshold": lambda: _bayes_threshold_by_sweep(1.0, 4.0),
    "decision-threshold/min-cost-validation": _min_cost_validation,
}
