"""Sorts ascending and reverses the columns: tied scores come out with the higher index
first."""
import numpy as np


def recommend(scores, seen, k):
    scores = np.asarray(scores, dtype=float).copy()
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    scores[seen] = -np.inf
    order = np.argsort(scores, axis=1, kind="stable")[:, ::-1][:, :k]
    best = np.take_along_axis(scores, order, axis=1)
    return np.where(np.isneginf(best), -1, order)
