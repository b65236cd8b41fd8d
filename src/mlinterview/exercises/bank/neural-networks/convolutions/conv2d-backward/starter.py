import numpy as np


def conv2d_backward(x, weight, grad_out, stride=1, padding=0):
    """Gradients (dx, dw, db) of a conv2d layer (cross-correlation, zero padding on every
    side) with respect to x (N, C_in, H, W), weight (C_out, C_in, kh, kw) and bias (C_out,),
    given grad_out (N, C_out, H_out, W_out)."""
    raise NotImplementedError("one strided slice per kernel offset: gather for dw, scatter for dx")
