"""Gives the pixels with d <= 0 a depth of 0 (which reads as "at the camera") instead of
inf."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    if not focal_length > 0:
        raise ValueError("focal_length: expected a number > 0")
    if not baseline > 0:
        raise ValueError("baseline: expected a number > 0")
    d = np.asarray(disparity, dtype=float)
    depth = np.zeros(d.shape)
    valid = d > 0
    depth[valid] = focal_length * baseline / d[valid]
    return depth
