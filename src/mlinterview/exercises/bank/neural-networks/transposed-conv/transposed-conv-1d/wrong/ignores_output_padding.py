"""Ignores output_padding: always returns the shortest of the possible lengths."""
import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    n, _, length = x.shape
    _, c_out, k = weight.shape
    full = np.zeros((n, c_out, (length - 1) * stride + k))
    for i in range(length):
        full[:, :, i * stride:i * stride + k] += np.einsum("nc,cok->nok", x[:, :, i], weight)
    out = full[:, :, padding:full.shape[2] - padding]
    if bias is not None:
        out = out + bias[None, :, None]
    return out
