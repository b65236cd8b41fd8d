"""Forgets the baseline: Z = f / d is the depth measured in baselines, not in the units
of B."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    if not focal_length > 0:
        raise ValueError("focal_length: expected a number > 0")
    if not baseline > 0:
        raise ValueError("baseline: expected a number > 0")
    d = np.asarray(disparity, dtype=float)
    depth = np.full(d.shape, np.inf)
    valid = d > 0
    depth[valid] = focal_length / d[valid]
    return depth
