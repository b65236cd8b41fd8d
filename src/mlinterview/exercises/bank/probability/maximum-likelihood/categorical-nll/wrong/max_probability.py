"""Scores the most probable class instead of the true label."""
import numpy as np


def categorical_nll(y, probs):
    probs = np.asarray(probs, dtype=float)
    return float(-np.log(probs.max(axis=1)).mean())
