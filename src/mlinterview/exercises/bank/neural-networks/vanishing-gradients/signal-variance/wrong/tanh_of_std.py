"""Replaces E[tanh(z)^2] by tanh(sqrt(q))^2: the function of the standard deviation is not
the mean of the function."""
import math

import numpy as np

GAIN = {"linear": 1.0, "relu": math.sqrt(2.0), "tanh": 5.0 / 3.0}


def signal_variances(widths, init, activation, input_var=1.0):
    depth = len(widths) - 1
    std, q = np.zeros(depth), np.zeros(depth)
    for l in range(depth):
        fi, fo = widths[l], widths[l + 1]
        g = GAIN[activation]
        std[l] = (1 / math.sqrt(3 * fi) if init == "default" else
                  g * math.sqrt(2 / (fi + fo)) if init == "xavier" else g / math.sqrt(fi))
        if l == 0:
            m = input_var
        elif activation == "tanh":
            m = math.tanh(math.sqrt(q[l - 1])) ** 2
        elif activation == "relu":
            m = q[l - 1] / 2
        else:
            m = q[l - 1]
        q[l] = fi * std[l] ** 2 * m
    return std, q
