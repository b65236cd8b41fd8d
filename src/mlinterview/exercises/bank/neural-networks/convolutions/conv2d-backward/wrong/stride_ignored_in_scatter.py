"""Scatters the input gradient onto contiguous pixels (step 1), ignoring the stride; only the
weight gradient reads the strided windows."""
import numpy as np


def conv2d_backward(x, weight, grad_out, stride=1, padding=0):
    _, _, h, w = x.shape
    _, _, kh, kw = weight.shape
    _, _, ho, wo = grad_out.shape
    s, p = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    db = grad_out.sum(axis=(0, 2, 3))
    dw = np.zeros(weight.shape)
    dxp = np.zeros(xp.shape)
    for u in range(kh):
        for v in range(kw):
            rows = slice(u, u + s * (ho - 1) + 1, s)
            cols = slice(v, v + s * (wo - 1) + 1, s)
            dw[:, :, u, v] = np.einsum("nohw,nchw->oc", grad_out, xp[:, :, rows, cols])
            back = np.einsum("nohw,oc->nchw", grad_out, weight[:, :, u, v])
            dxp[:, :, u:u + ho, v:v + wo] += back
    dx = dxp[:, :, p:p + h, p:p + w]
    return dx, dw, db
