import numpy as np


def apply_rope(x, positions, base=10000.0, layout="half"):
    """Each pair (a, b) -> (a cos t - b sin t, a sin t + b cos t), t = p * base^(-2i/dim)."""
    x = np.asarray(x, dtype=float)
    dim = x.shape[-1]
    if dim % 2:
        raise ValueError(f"dim must be even, got {dim}")
    if layout not in ("half", "interleaved"):
        raise ValueError(f"layout must be 'half' or 'interleaved', got {layout!r}")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)                # (dim/2,)
    theta = np.asarray(positions, dtype=float)[..., None] * omega       # (..., seq, dim/2)
    cos, sin = np.cos(theta), np.sin(theta)
    # The two coordinates of every pair, in the layout's order.
    if layout == "half":
        a, b = x[..., : dim // 2], x[..., dim // 2:]
    else:
        a, b = x[..., 0::2], x[..., 1::2]
    ra, rb = a * cos - b * sin, a * sin + b * cos                       # broadcast over ...
    out = np.empty_like(x)           # positions broadcast to x.shape[:-1]: same shape
    if layout == "half":
        out[..., : dim // 2], out[..., dim // 2:] = ra, rb
    else:
        out[..., 0::2], out[..., 1::2] = ra, rb
    return out
