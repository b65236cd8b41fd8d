"""Builds the cos/sin table as [t0, t0, t1, t1, ...] (the interleaved layout's) and uses it
with the rotate-half formula x cos + rotate_half(x) sin."""
import numpy as np


def apply_rope(x, positions, base=10000.0, layout="half"):
    x = np.asarray(x, dtype=float)
    dim = x.shape[-1]
    if dim % 2 or layout not in ("half", "interleaved"):
        raise ValueError("bad dim or layout")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)
    theta = np.repeat(np.asarray(positions, dtype=float)[..., None] * omega, 2, axis=-1)
    cos, sin = np.cos(theta), np.sin(theta)
    turned = np.empty_like(x)
    if layout == "half":
        turned[..., : dim // 2], turned[..., dim // 2:] = -x[..., dim // 2:], x[..., : dim // 2]
    else:
        turned[..., 0::2], turned[..., 1::2] = -x[..., 1::2], x[..., 0::2]
    return x * cos + turned * sin
