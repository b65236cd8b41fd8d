"""Divides everywhere, f * B / d: a disparity of 0 gives inf by luck, but a negative
disparity (a failed match) gives a negative depth instead of inf."""
import numpy as np


def disparity_to_depth(disparity, focal_length, baseline):
    if not focal_length > 0:
        raise ValueError("focal_length: expected a number > 0")
    if not baseline > 0:
        raise ValueError("baseline: expected a number > 0")
    d = np.asarray(disparity, dtype=float)
    with np.errstate(divide="ignore"):
        return focal_length * baseline / d
