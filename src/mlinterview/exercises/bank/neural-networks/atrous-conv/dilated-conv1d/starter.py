import numpy as np


def dilated_conv1d(x, weight, bias=None, dilation=1, padding=0):
    """conv1d of x (N, C_in, L) with weight (C_out, C_in, k), taps `dilation` apart, stride 1;
    padding: int (each end), "valid" or "same" (extra zero on the right)."""
    raise NotImplementedError("pad, then add one shifted slice per tap")
