"""One scale (and zero point) for the whole matrix, ignoring rows and groups."""
import numpy as np


def quantize_dequantize(w, bits, scheme="symmetric", group_size=None):
    w = np.asarray(w, dtype=float)
    if group_size is not None and w.shape[1] % group_size:
        raise ValueError("group_size")
    lo, hi = min(w.min(), 0.0), max(w.max(), 0.0)
    if scheme == "symmetric":
        qmin, qmax = -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1
        scale = max(max(-lo, hi) / qmax, 1.1920929e-07)
        zero_point = 0.0
    else:
        qmin, qmax = 0, 2 ** bits - 1
        scale = max((hi - lo) / qmax, 1.1920929e-07)
        zero_point = np.round(-lo / scale)
    q = np.clip(np.round(w / scale) + zero_point, qmin, qmax)
    return q.astype(np.int64), (q - zero_point) * scale
