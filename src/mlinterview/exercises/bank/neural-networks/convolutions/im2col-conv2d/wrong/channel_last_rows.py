"""Orders the rows of cols as (kh, kw, C) (channel fastest, the HWC habit) and permutes the
weight to match: y is right, but cols is not unfold's layout."""
import numpy as np


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    n, c, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    cols = np.empty((n, kh, kw, c, ho, wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, u, v] = xp[:, :, u:u + stride * (ho - 1) + 1:stride,
                               v:v + stride * (wo - 1) + 1:stride]
    cols = cols.reshape(n, kh * kw * c, ho * wo)
    y = (weight.transpose(0, 2, 3, 1).reshape(c_out, -1) @ cols).reshape(n, c_out, ho, wo)
    if bias is not None:
        y = y + bias[None, :, None, None]
    return cols, y
