"""Crops 2 * padding from the end instead of padding from each side."""
import numpy as np


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    n, _, h, w = x.shape
    _, c_out, kh, kw = weight.shape
    s, p = stride, padding
    full = np.zeros((n, c_out, (h - 1) * s + kh + output_padding,
                     (w - 1) * s + kw + output_padding))
    for u in range(kh):
        for v in range(kw):
            # Tap (u, v) sends input pixel (i, j) to output (i s + u, j s + v): for all
            # pixels at once that is one strided slice, and overlapping taps add up.
            full[:, :, u:u + s * (h - 1) + 1:s, v:v + s * (w - 1) + 1:s] += np.einsum(
                "nchw,co->nohw", x, weight[:, :, u, v])
    # padding undoes the padding of the convolution this layer transposes: crop each side.
    out = full[:, :, :full.shape[2] - 2 * p, :full.shape[3] - 2 * p]
    if bias is not None:
        out = out + bias[None, :, None, None]
    return out
