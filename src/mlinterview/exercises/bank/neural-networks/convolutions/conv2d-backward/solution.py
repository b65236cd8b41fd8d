import numpy as np


def conv2d_backward(x, weight, grad_out, stride=1, padding=0):
    """Gradients (dx, dw, db) of a conv2d layer (cross-correlation, zero padding on every
    side) with respect to x (N, C_in, H, W), weight (C_out, C_in, kh, kw) and bias (C_out,),
    given grad_out (N, C_out, H_out, W_out)."""
    _, _, h, w = x.shape
    _, _, kh, kw = weight.shape
    _, _, ho, wo = grad_out.shape
    s, p = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))

    db = grad_out.sum(axis=(0, 2, 3))           # every output adds b[o] once
    dw = np.zeros(weight.shape)
    dxp = np.zeros(xp.shape)
    for u in range(kh):
        for v in range(kw):
            # The pixels kernel tap (u, v) read at every output position: rows u, u + s, ...
            rows = slice(u, u + s * (ho - 1) + 1, s)
            cols = slice(v, v + s * (wo - 1) + 1, s)
            # dw[o, c, u, v] = Σ_{n,i,j} g[n, o, i, j] · x_p[n, c, i s + u, j s + v]
            dw[:, :, u, v] = np.einsum("nohw,nchw->oc", grad_out, xp[:, :, rows, cols])
            # Scatter back through the same tap; += because windows overlap.
            dxp[:, :, rows, cols] += np.einsum("nohw,oc->nchw", grad_out, weight[:, :, u, v])
    dx = dxp[:, :, p:p + h, p:p + w]            # the padding has no gradient to return
    return dx, dw, db
