import numpy as np


def dilated_conv1d(x, weight, bias=None, dilation=1, padding=0):
    """conv1d of x (N, C_in, L) with weight (C_out, C_in, k), taps `dilation` apart, stride 1;
    padding: int (each end), "valid" or "same" (extra zero on the right)."""
    k = weight.shape[2]
    span = dilation * (k - 1)              # the dilated kernel covers span + 1 samples
    if padding == "same":
        left = span // 2
        right = span - left                # an odd total puts the extra zero on the right
    elif padding == "valid":
        left = right = 0
    else:
        left = right = padding
    xp = np.pad(x, ((0, 0), (0, 0), (left, right)))
    out_len = xp.shape[2] - span

    y = np.zeros((x.shape[0], weight.shape[0], out_len))
    for u in range(k):
        # Tap u reads x_p[i + u·d] for every output i: one shifted slice of length out_len.
        window = xp[:, :, u * dilation:u * dilation + out_len]
        y += np.einsum("ncl,oc->nol", window, weight[:, :, u])
    if bias is not None:
        y += bias[None, :, None]
    return y
