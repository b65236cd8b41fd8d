import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    """Transposed 1-D convolution: x (N, C_in, L), weight (C_in, C_out, k), bias (C_out,) or
    None -> (N, C_out, (L − 1)·stride − 2·padding + k + output_padding)."""
    raise NotImplementedError("scatter each input sample through the kernel, then crop")
