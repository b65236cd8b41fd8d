"""Dilates the kernel by inserting d - 1 zeros after every tap, the last one included:
a kernel of length d * k whose span is one sample too long (and shifted "same" padding)."""
import numpy as np


def dilated_conv1d(x, weight, bias=None, dilation=1, padding=0):
    c_out, c_in, k = weight.shape
    dk = np.zeros((c_out, c_in, dilation * k))
    dk[:, :, ::dilation] = weight
    span = dk.shape[2] - 1
    if padding == "same":
        left, right = span // 2, span - span // 2
    elif padding == "valid":
        left = right = 0
    else:
        left = right = padding
    xp = np.pad(x, ((0, 0), (0, 0), (left, right)))
    out_len = xp.shape[2] - span
    y = np.zeros((x.shape[0], c_out, out_len))
    for u in range(dk.shape[2]):
        y += np.einsum("ncl,oc->nol", xp[:, :, u:u + out_len], dk[:, :, u])
    if bias is not None:
        y += bias[None, :, None]
    return y
