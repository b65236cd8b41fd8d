import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    """Z = focal_length * baseline / d where d > 0, inf where d <= 0; shape of
    disparity. ValueError unless focal_length > 0 and baseline > 0."""
    # Written as "not > 0" so that NaN, which fails every comparison, is refused too.
    if not focal_length > 0:
        raise ValueError(f"focal_length: expected a number > 0 (pixels), got {focal_length!r}")
    if not baseline > 0:
        raise ValueError(f"baseline: expected a number > 0, got {baseline!r}")
    d = np.asarray(disparity, dtype=float)        # float first: uint8 maps, no int division
    depth = np.full(d.shape, np.inf)              # no match, or a point at infinity
    valid = d > 0
    depth[valid] = focal_length * baseline / d[valid]
    return depth
