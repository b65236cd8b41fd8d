"""Reads contiguous samples (tap u at i + u) instead of i + u * dilation; only the padding
and the output length know about the dilation."""
import numpy as np


def dilated_conv1d(x, weight, bias=None, dilation=1, padding=0):
    k = weight.shape[2]
    span = dilation * (k - 1)
    if padding == "same":
        left, right = span // 2, span - span // 2
    elif padding == "valid":
        left = right = 0
    else:
        left = right = padding
    xp = np.pad(x, ((0, 0), (0, 0), (left, right)))
    out_len = xp.shape[2] - span
    y = np.zeros((x.shape[0], weight.shape[0], out_len))
    for u in range(k):
        y += np.einsum("ncl,oc->nol", xp[:, :, u:u + out_len], weight[:, :, u])
    if bias is not None:
        y += bias[None, :, None]
    return y
