"""Rotates row t by t (0, 1, 2, ...), ignoring the positions it was given."""
import numpy as np


def apply_rope(x, positions, base=10000.0, layout="half"):
    x = np.asarray(x, dtype=float)
    dim = x.shape[-1]
    if dim % 2 or layout not in ("half", "interleaved"):
        raise ValueError("bad dim or layout")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)
    theta = np.arange(x.shape[-2], dtype=float)[:, None] * omega
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    if layout == "half":
        a, b = x[..., : dim // 2], x[..., dim // 2:]
        out[..., : dim // 2], out[..., dim // 2:] = a * cos - b * sin, a * sin + b * cos
    else:
        a, b = x[..., 0::2], x[..., 1::2]
        out[..., 0::2], out[..., 1::2] = a * cos - b * sin, a * sin + b * cos
    return out
