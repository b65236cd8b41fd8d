import numpy as np


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0):
    """cols (N, C_in*kh*kw, H_out*W_out) in torch's unfold layout, and the convolution
    y (N, C_out, H_out, W_out) = weight.reshape(C_out, -1) @ cols (+ bias)."""
    n, c, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1

    # For each kernel offset (u, v), the input pixel under it at every output position is
    # one strided slice of the padded input: rows u, u + s, ..., columns v, v + s, ...
    cols = np.empty((n, c, kh, kw, ho, wo))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u:u + stride * (ho - 1) + 1:stride,
                                  v:v + stride * (wo - 1) + 1:stride]
    # (C, kh, kw) flatten into rows in that order, (H_out, W_out) into columns: unfold's
    # layout, and the same order as weight.reshape(C_out, -1).
    cols = cols.reshape(n, c * kh * kw, ho * wo)

    y = (weight.reshape(c_out, -1) @ cols).reshape(n, c_out, ho, wo)
    if bias is not None:
        y = y + bias[None, :, None, None]
    return cols, y
