import numpy as np


def conv2d_naive(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in, kh, kw) -> (N, C_out,
    H_out, W_out), plus bias (C_out,) if given."""
    n, _, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    y = np.zeros((n, c_out, ho, wo))
    for i in range(ho):
        for j in range(wo):
            top, left = i * stride, j * stride
            # The (C_in, kh, kw) window under the kernel, every `dilation`-th pixel.
            window = xp[:, :, top:top + dilation * (kh - 1) + 1:dilation,
                        left:left + dilation * (kw - 1) + 1:dilation]
            y[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        y += bias[None, :, None, None]
    return y
