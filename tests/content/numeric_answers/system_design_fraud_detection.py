"""The numeric quick-check answers of the fraud-detection card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.feedback_loop`` on the
situation the prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.design.feedback_loop import (
    bayes_threshold,
    ipw_fraud_rate,
    maturity_corrected_rate,
)


def _ipw_rate() -> float:
    """98,000 below the threshold (490 frauds); 2,000 above, 100 of them explored at
    ε = 5% (30 frauds)."""
    below = np.zeros(98_000, bool)
    below[:490] = True
    above = np.zeros(2_000, bool)
    above[:30] = True                                    # frauds among the explored
    explored = np.zeros(2_000, bool)
    explored[:100] = True
    y = np.r_[below, above]
    allowed = np.r_[np.ones(98_000, bool), explored]
    propensity = np.r_[np.ones(98_000), np.full(2_000, 0.05)]
    return ipw_fraud_rate(y, allowed, propensity)


ANSWERS = {
    "fraud-detection/bayes-threshold": lambda: bayes_threshold(15.0, 135.0),
    "fraud-detection/ipw-rate": _ipw_rate,
    "fraud-detection/maturity": lambda: maturity_corrected_rate(120, 20_000, 0.4),
}
