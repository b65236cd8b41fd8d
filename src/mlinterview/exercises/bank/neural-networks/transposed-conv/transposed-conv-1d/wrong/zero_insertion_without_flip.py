"""Inserts zeros and pads correctly, then convolves with the kernel NOT flipped (the
zero-insertion view needs the flipped kernel)."""
import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    n, c_in, length = x.shape
    _, c_out, k = weight.shape
    up = np.zeros((n, c_in, (length - 1) * stride + 1))
    up[:, :, ::stride] = x
    edge = k - 1 - padding
    up = np.pad(up, ((0, 0), (0, 0), (edge, edge + output_padding)))
    l_out = up.shape[2] - k + 1
    out = np.zeros((n, c_out, l_out))
    for j in range(l_out):
        out[:, :, j] = np.einsum("nck,cok->no", up[:, :, j:j + k], weight)
    if bias is not None:
        out = out + bias[None, :, None]
    return out
