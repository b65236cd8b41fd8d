"""Flips the kernel (the textbook convolution) where deep-learning libraries compute a
cross-correlation."""
import numpy as np


def conv2d_naive(x, weight, bias=None, stride=1, padding=0, dilation=1):
    n, _, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    weight = weight[:, :, ::-1, ::-1]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    y = np.zeros((n, c_out, ho, wo))
    for i in range(ho):
        for j in range(wo):
            top, left = i * stride, j * stride
            window = xp[:, :, top:top + dilation * (kh - 1) + 1:dilation,
                        left:left + dilation * (kw - 1) + 1:dilation]
            y[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        y += bias[None, :, None, None]
    return y
