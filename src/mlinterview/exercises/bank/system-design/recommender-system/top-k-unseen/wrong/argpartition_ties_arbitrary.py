"""argpartition and a sort of the k winners, but nothing decides among items tied with
the k-th score: argpartition keeps an arbitrary subset of them."""
import numpy as np


def recommend(scores, seen, k):
    scores = np.asarray(scores, dtype=float).copy()
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    scores[seen] = -np.inf
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -part_scores), axis=1)
    best = np.take_along_axis(part, order, axis=1)
    return np.where(np.isneginf(np.take_along_axis(scores, best, axis=1)), -1, best)
