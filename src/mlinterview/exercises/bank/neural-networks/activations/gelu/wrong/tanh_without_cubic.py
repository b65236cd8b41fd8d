"""Drops the 0.044715 x^3 term from the tanh approximation."""
import math

import numpy as np
from scipy.special import erf

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def gelu(x, approximate="none"):
    x = np.asarray(x, dtype=float)
    if approximate == "tanh":
        # Hendrycks & Gimpel's approximation of Phi, used by GPT-2 and BERT.
        return 0.5 * x * (1.0 + np.tanh(SQRT_2_OVER_PI * x))
    # Phi(x) = (1 + erf(x / sqrt 2)) / 2: erf is the CDF of N(0, 1/2), hence the sqrt 2.
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))
