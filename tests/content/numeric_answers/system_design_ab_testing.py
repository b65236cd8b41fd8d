"""The numeric quick-check answers of the ab-testing card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.stats.power`` and
``mlinterview.ml.stats.sequential`` on the situation the prompt describes.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.stats.power import sample_size_two_means, sample_size_two_proportions
from mlinterview.ml.stats.sequential import cuped_adjust, sample_ratio_mismatch


def _cuped_variance_fraction() -> float:
    """Var(Y_adj)/Var(Y) on data whose sample correlation with X is exactly 0.6."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal(1000)
    x = (x - x.mean()) / x.std()
    noise = rng.standard_normal(1000)
    noise -= noise.mean() + (noise @ x) / (x @ x) * x     # orthogonal to x and centred
    noise /= noise.std()
    y = 0.6 * x + 0.8 * noise                            # corr(x, y) = 0.6 exactly
    return float(cuped_adjust(y, x).var() / y.var())


ANSWERS = {
    "ab-testing/users-per-arm": lambda: math.ceil(sample_size_two_proportions(0.10, 0.11)),
    "ab-testing/srm-pvalue": lambda: sample_ratio_mismatch([50_000, 51_000]).pvalue,
    "ab-testing/half-the-mde":
        lambda: sample_size_two_means(0.05, 1.0) / sample_size_two_means(0.1, 1.0),
    "ab-testing/cuped-equivalent-sample": _cuped_variance_fraction,
}
