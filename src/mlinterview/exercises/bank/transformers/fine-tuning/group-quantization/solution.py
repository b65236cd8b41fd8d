import numpy as np


def quantize_dequantize(w, bits, scheme="symmetric", group_size=None):
    """(q, w_hat) of a (rows, cols) weight, one scale per row or per group of columns."""
    w = np.asarray(w, dtype=float)
    rows, cols = w.shape
    size = cols if group_size is None else group_size
    if cols % size:
        raise ValueError(f"group_size {group_size} does not divide {cols} columns")
    blocks = w.reshape(rows, cols // size, size)          # one block per (row, group)
    # The grid always contains 0: lo <= 0 <= hi.
    lo = np.minimum(blocks.min(axis=2, keepdims=True), 0.0)
    hi = np.maximum(blocks.max(axis=2, keepdims=True), 0.0)
    if scheme == "symmetric":
        qmin, qmax = -(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1
        scale = np.maximum(-lo, hi) / qmax
        zero_point = np.zeros_like(scale)
    else:
        qmin, qmax = 0, 2 ** bits - 1
        scale = (hi - lo) / qmax
    scale = np.maximum(scale, 1.1920929e-07)               # an all-zero block: no 0 / 0
    if scheme != "symmetric":
        zero_point = np.round(-lo / scale)                  # an integer: 0.0 is exact
    q = np.clip(np.round(blocks / scale) + zero_point, qmin, qmax)
    w_hat = (q - zero_point) * scale
    return q.astype(np.int64).reshape(rows, cols), w_hat.reshape(rows, cols)
