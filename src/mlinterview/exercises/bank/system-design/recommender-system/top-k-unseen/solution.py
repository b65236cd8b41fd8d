import numpy as np


def recommend(scores, seen, k):
    """Each user's k best unseen items, best first; ties to the lower index; -1 padding."""
    scores = np.asarray(scores, dtype=float).copy()
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    scores[seen] = -np.inf                     # below any real score, even a negative one
    # A stable sort of -score keeps tied items in index order. (np.argpartition plus a
    # sort of the k winners is faster, but needs care with ties at the k-th place.)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(scores, order, axis=1)
    return np.where(np.isneginf(best), -1, order)
