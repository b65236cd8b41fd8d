import numpy as np


def conv2d_naive(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in, kh, kw) -> (N, C_out,
    H_out, W_out), plus bias (C_out,) if given."""
    raise NotImplementedError("pad x, compute H_out and W_out, then loop over the outputs")
