"""Writes sqrt(pi / 2) where the tanh approximation has sqrt(2 / pi)."""
import math

import numpy as np
from scipy.special import erf

SQRT_2_OVER_PI = math.sqrt(math.pi / 2.0)


def gelu(x, approximate="none"):
    x = np.asarray(x, dtype=float)
    if approximate == "tanh":
        # Hendrycks & Gimpel's approximation of Phi, used by GPT-2 and BERT.
        return 0.5 * x * (1.0 + np.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x**3)))
    # Phi(x) = (1 + erf(x / sqrt 2)) / 2: erf is the CDF of N(0, 1/2), hence the sqrt 2.
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))
