import numpy as np


def correlate1d(x, k, stride=1):
    """Valid cross-correlation y[i] = sum_j x[i*stride + j] k[j] of 1-D arrays; length
    (len(x) - len(k)) // stride + 1. ValueError if k is longer than x."""
    raise NotImplementedError("slide the kernel, no flip, no padding")
