"""Never pads with -1: a user with fewer than k unseen items gets seen items at the end."""
import numpy as np


def recommend(scores, seen, k):
    scores = np.asarray(scores, dtype=float).copy()
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    scores[seen] = -np.inf
    return np.argsort(-scores, axis=1, kind="stable")[:, :k]
