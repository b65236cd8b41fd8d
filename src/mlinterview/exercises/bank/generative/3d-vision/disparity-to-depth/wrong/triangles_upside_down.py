"""Sets up the similar triangles upside down, Z / B = d / f, so depth grows with
disparity (Z = B d / f) instead of falling as f B / d."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    if not focal_length > 0:
        raise ValueError("focal_length: expected a number > 0")
    if not baseline > 0:
        raise ValueError("baseline: expected a number > 0")
    d = np.asarray(disparity, dtype=float)
    depth = np.full(d.shape, np.inf)
    valid = d > 0
    depth[valid] = baseline * d[valid] / focal_length
    return depth
