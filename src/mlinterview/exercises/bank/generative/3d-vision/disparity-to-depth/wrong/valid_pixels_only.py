"""Returns the depths of the valid pixels only, a flat array, instead of a map of the
disparity's shape with inf where d <= 0."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    if not focal_length > 0:
        raise ValueError("focal_length: expected a number > 0")
    if not baseline > 0:
        raise ValueError("baseline: expected a number > 0")
    d = np.asarray(disparity, dtype=float)
    return focal_length * baseline / d[d > 0]
