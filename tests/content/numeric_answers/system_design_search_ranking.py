"""The numeric quick-check answers of the search-ranking card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.clicks`` and
``mlinterview.ml.design.ltr`` on the situation the prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.design.clicks import (
    estimate_propensities_swap,
    examination_propensities,
    ipw_ctr,
    relevance_probability,
)
from mlinterview.ml.design.ltr import swap_delta_ndcg


def _ipw_ctr() -> float:
    """4 impressions at position 3 (1 click), 4 at position 1 (2 clicks); θ = 1, 1/2, 1/3."""
    positions = [2] * 4 + [0] * 4
    clicks = [1, 0, 0, 0, 1, 1, 0, 0]
    return float(ipw_ctr([0] * 8, positions, clicks, examination_propensities(3))[0])


def _pbm_click() -> float:
    """θ_3 = 1/3 times P(click | examined) of grade 2 (noise 0.1, max grade 4)."""
    return float(examination_propensities(3)[2] * relevance_probability([2])[0])


def _delta_ndcg() -> float:
    """Grades 0, 2, 1 shown at positions 1-3: |ΔNDCG@3| of swapping the first two."""
    hi, lo, delta = swap_delta_ndcg([[3.0, 2.0, 1.0]], [[0.0, 2.0, 1.0]], k=3)
    return float(delta[(hi == 1) & (lo == 0)][0])


def _swap_ratio() -> float:
    """Top result clicked in 40 of 100 unswapped sessions and 10 of 100 swapped to 4."""
    clicks = np.zeros((200, 4))
    clicks[:40, 0] = 1                      # control: the top result at position 1
    clicks[100:110, 3] = 1                  # swapped: the same result at position 4
    swap = np.array([0] * 100 + [3] * 100)
    return float(estimate_propensities_swap(clicks, swap)[3])


ANSWERS = {
    "search-ranking/ipw-ctr": _ipw_ctr,
    "search-ranking/pbm-click": _pbm_click,
    "search-ranking/delta-ndcg": _delta_ndcg,
    "search-ranking/swap-ratio": _swap_ratio,
}
