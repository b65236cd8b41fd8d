"""Does not check focal_length and baseline: a zero or negative one gives zero or
negative depths instead of a ValueError."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    d = np.asarray(disparity, dtype=float)
    depth = np.full(d.shape, np.inf)
    valid = d > 0
    depth[valid] = focal_length * baseline / d[valid]
    return depth
