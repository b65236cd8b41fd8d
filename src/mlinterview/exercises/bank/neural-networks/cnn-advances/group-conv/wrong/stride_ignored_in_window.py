"""Sizes the output for the stride but slides the window one pixel at a time."""
import numpy as np


def group_conv2d(x, weight, bias=None, groups=1, stride=1, padding=0):
    n, c_in, h, w = x.shape
    c_out, c_per_group, kh, kw = weight.shape
    if c_in % groups or c_out % groups:
        raise ValueError(f"groups={groups} must divide C_in={c_in} and C_out={c_out}")
    if c_per_group * groups != c_in:
        raise ValueError(f"weight {weight.shape} expects {c_per_group * groups} input "
                         f"channels with groups={groups}, x has {c_in}")
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))

    # Group g owns the contiguous input channels [g·C_in/G, (g+1)·C_in/G) and the
    # contiguous output channels [g·C_out/G, (g+1)·C_out/G).
    xg = xp.reshape(n, groups, c_per_group, *xp.shape[2:])
    wg = weight.reshape(groups, c_out // groups, c_per_group, kh, kw)
    y = np.zeros((n, groups, c_out // groups, ho, wo))
    for u in range(kh):
        for v in range(kw):
            window = xg[:, :, :, u:u + ho, v:v + wo]
            # Within each group: sum over its input channels only.
            y += np.einsum("ngchw,goc->ngohw", window, wg[:, :, :, u, v])
    y = y.reshape(n, c_out, ho, wo)
    if bias is not None:
        y = y + bias[None, :, None, None]
    return y
