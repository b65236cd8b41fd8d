"""Cuts 2·padding from the end only, instead of padding from each end (shifts the output)."""
import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    n, _, length = x.shape
    _, c_out, k = weight.shape
    full = np.zeros((n, c_out, (length - 1) * stride + k + output_padding))
    for i in range(length):
        full[:, :, i * stride:i * stride + k] += np.einsum("nc,cok->nok", x[:, :, i], weight)
    out = full[:, :, :full.shape[2] - 2 * padding]
    if bias is not None:
        out = out + bias[None, :, None]
    return out
