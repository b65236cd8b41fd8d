"""Reads the weight as Conv1d's (C_out, C_in, k) layout instead of (C_in, C_out, k)."""
import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    n, _, length = x.shape
    c_out = weight.shape[0]
    k = weight.shape[2]
    full = np.zeros((n, c_out, (length - 1) * stride + k + output_padding))
    for i in range(length):
        full[:, :, i * stride:i * stride + k] += np.einsum("nc,ock->nok", x[:, :, i], weight)
    out = full[:, :, padding:full.shape[2] - padding]
    if bias is not None:
        out = out + bias[None, :, None]
    return out
