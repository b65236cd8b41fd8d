"""Takes the top k first and then blanks out the seen ones: the list comes out short
although unseen items were available."""
import numpy as np


def recommend(scores, seen, k):
    scores = np.asarray(scores, dtype=float)
    seen = np.asarray(seen, dtype=bool)
    k = min(k, scores.shape[1])
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    keep = ~np.take_along_axis(seen, order, axis=1)
    # move the kept items to the front, -1 behind them
    out = np.full_like(order, -1)
    for u in range(order.shape[0]):
        kept = order[u][keep[u]]
        out[u, :kept.size] = kept
    return out
