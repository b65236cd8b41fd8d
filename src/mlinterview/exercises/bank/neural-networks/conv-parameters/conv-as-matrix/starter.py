import numpy as np


def conv_matrix(kernel, input_size, stride=1, padding=0):
    """The matrix M (H_out*W_out, H*W) with conv2d(x).ravel() == M @ x.ravel() for a
    single-channel image x of shape input_size = (H, W), a (kh, kw) kernel (a
    cross-correlation), zero padding on every side and the given stride."""
    raise NotImplementedError("index every (output, tap) pair, drop the padding, scatter")
