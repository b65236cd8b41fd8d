import math

import numpy as np
from scipy.special import erf


def gelu(x, approximate="none"):
    """GELU of an array: x * Phi(x) with Phi the standard normal CDF ("none"), or the tanh
    approximation ("tanh"). Same shape as x."""
    raise NotImplementedError("x * Phi(x) with erf, or the tanh formula")
