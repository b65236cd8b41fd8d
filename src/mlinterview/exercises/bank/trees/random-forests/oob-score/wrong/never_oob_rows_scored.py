"""Keeps the rows with no OOB tree in the score (their NaN row's argmax is class 0)."""
import numpy as np


def oob_score(oob, tree_proba, y):
    oob = np.asarray(oob, dtype=bool)
    proba = np.asarray(tree_proba, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        decision = (proba * oob[:, :, None]).sum(axis=0) / oob.sum(axis=0)[:, None]
    return float(np.mean(np.argmax(decision, axis=1) == np.asarray(y))), decision
