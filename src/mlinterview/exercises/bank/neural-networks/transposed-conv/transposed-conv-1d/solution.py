import numpy as np


def conv_transpose1d(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    """Transposed 1-D convolution: x (N, C_in, L), weight (C_in, C_out, k), bias (C_out,) or
    None -> (N, C_out, (L − 1)·stride − 2·padding + k + output_padding)."""
    n, _, length = x.shape
    _, c_out, k = weight.shape
    full = np.zeros((n, c_out, (length - 1) * stride + k + output_padding))
    for i in range(length):
        # Sample i spreads x[:, :, i] @ weight[:, :, u] over outputs i·stride + u.
        full[:, :, i * stride:i * stride + k] += np.einsum("nc,cok->nok", x[:, :, i], weight)
    out = full[:, :, padding:full.shape[2] - padding]
    if bias is not None:
        out = out + bias[None, :, None]
    return out
