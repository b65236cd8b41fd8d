import numpy as np


def group_conv2d(x, weight, bias=None, groups=1, stride=1, padding=0):
    """Grouped 2-D cross-correlation: x (N, C_in, H, W), weight (C_out, C_in/groups, kh, kw),
    bias (C_out,) or None -> (N, C_out, H_out, W_out). ValueError if groups does not divide
    both channel counts or the weight's shape does not match."""
    raise NotImplementedError("split channels into groups, convolve each group on its own")
