import math

import numpy as np

GAIN = {"linear": 1.0, "relu": math.sqrt(2.0), "tanh": 5.0 / 3.0}

# t ~ N(0, 1) on a fine grid: trapezoid weights times the density. The integrand is smooth
# and decays like a Gaussian, so the trapezoid rule converges very fast here.
_T = np.linspace(-12.0, 12.0, 4001)
_W = (_T[1] - _T[0]) * np.exp(-0.5 * _T**2) / math.sqrt(2.0 * math.pi)


def _second_moment(q, activation):
    """E[phi(z)^2] for z ~ N(0, q)."""
    if activation == "linear":
        return q
    if activation == "relu":
        return q / 2.0          # by symmetry: half the mass is zeroed, the rest is z²
    return float(np.sum(_W * np.tanh(math.sqrt(q) * _T) ** 2))


def signal_variances(widths, init, activation, input_var=1.0):
    """Weight std sigma_l and pre-activation variance q_l of each of the L layers of a
    network with widths [n_0, ..., n_L]: two float arrays of shape (L,)."""
    depth = len(widths) - 1
    std = np.zeros(depth)
    q = np.zeros(depth)
    gain = GAIN[activation]
    for l in range(depth):
        fan_in, fan_out = widths[l], widths[l + 1]
        if init == "default":
            std[l] = 1.0 / math.sqrt(3.0 * fan_in)     # U(-a, a) has variance a² / 3
        elif init == "xavier":
            std[l] = gain * math.sqrt(2.0 / (fan_in + fan_out))
        else:  # kaiming, fan_in mode
            std[l] = gain / math.sqrt(fan_in)
        # Second moment of what enters the layer: the raw input, or phi of the previous z.
        incoming = input_var if l == 0 else _second_moment(q[l - 1], activation)
        q[l] = fan_in * std[l] ** 2 * incoming
    return std, q
