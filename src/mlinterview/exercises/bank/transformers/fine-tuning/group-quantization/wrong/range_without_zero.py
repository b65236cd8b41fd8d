"""Asymmetric grid over [min, max] of the block without including 0: 0.0 is no longer exact."""
import numpy as np


def quantize_dequantize(w, bits, scheme="symmetric", group_size=None):
    w = np.asarray(w, dtype=float)
    rows, cols = w.shape
    size = cols if group_size is None else group_size
    if cols % size:
        raise ValueError("group_size")
    blocks = w.reshape(rows, cols // size, size)
    lo, hi = blocks.min(axis=2, keepdims=True), blocks.max(axis=2, keepdims=True)
    if scheme == "symmetric":
        qmin, qmax = -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1
        scale = np.maximum(np.maximum(-lo, hi) / qmax, 1.1920929e-07)
        zero_point = 0.0
    else:
        qmin, qmax = 0, 2 ** bits - 1
        scale = np.maximum((hi - lo) / qmax, 1.1920929e-07)
        zero_point = np.round(-lo / scale)
    q = np.clip(np.round(blocks / scale) + zero_point, qmin, qmax)
    return q.astype(np.int64).reshape(w.shape), ((q - zero_point) * scale).reshape(w.shape)
