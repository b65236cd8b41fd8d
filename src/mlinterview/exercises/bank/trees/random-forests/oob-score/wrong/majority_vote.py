"""Takes a majority vote of the OOB trees' classes instead of averaging probabilities."""
import numpy as np


def oob_score(oob, tree_proba, y):
    oob = np.asarray(oob, dtype=bool)
    proba = np.asarray(tree_proba, dtype=float)
    votes = np.eye(proba.shape[2])[np.argmax(proba, axis=2)] * oob[:, :, None]
    n_oob = oob.sum(axis=0)
    seen = n_oob > 0
    decision = np.full(proba.shape[1:], np.nan)
    decision[seen] = votes.sum(axis=0)[seen] / n_oob[seen, None]
    if not seen.any():
        return float("nan"), decision
    y = np.asarray(y)
    return float(np.mean(np.argmax(decision[seen], axis=1) == y[seen])), decision
