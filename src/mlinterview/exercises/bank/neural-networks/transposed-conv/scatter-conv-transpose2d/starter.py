import numpy as np


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    """Transposed 2-D convolution: x (N, C_in, H, W), weight (C_in, C_out, kh, kw), bias
    (C_out,) or None -> (N, C_out, (H-1)s - 2p + kh + output_padding, likewise for W)."""
    raise NotImplementedError("one strided scatter-add per kernel tap, then crop")
