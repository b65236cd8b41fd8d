"""Compares u with the cumulative sums of the raw weights, as if they summed to 1: with
counts as weights almost every draw is category 0."""
import numpy as np


def sample_categorical(weights, u):
    cumulative = np.cumsum(np.asarray(weights, dtype=float))
    idx = np.searchsorted(cumulative, np.asarray(u, dtype=float), side="right")
    return np.minimum(idx, len(cumulative) - 1)
