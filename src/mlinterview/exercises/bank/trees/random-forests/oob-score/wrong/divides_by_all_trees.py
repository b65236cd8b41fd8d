"""Divides the OOB sum by the number of trees instead of the number of OOB trees."""
import numpy as np


def oob_score(oob, tree_proba, y):
    oob = np.asarray(oob, dtype=bool)
    proba = np.asarray(tree_proba, dtype=float)
    seen = oob.any(axis=0)
    decision = np.full(proba.shape[1:], np.nan)
    decision[seen] = (proba * oob[:, :, None]).sum(axis=0)[seen] / len(oob)
    if not seen.any():
        return float("nan"), decision
    y = np.asarray(y)
    return float(np.mean(np.argmax(decision[seen], axis=1) == y[seen])), decision
