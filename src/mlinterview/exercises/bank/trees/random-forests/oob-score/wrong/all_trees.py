"""Averages every tree, ignoring the mask: the score is measured on training rows."""
import numpy as np


def oob_score(oob, tree_proba, y):
    proba = np.asarray(tree_proba, dtype=float)
    decision = proba.mean(axis=0)
    return float(np.mean(np.argmax(decision, axis=1) == np.asarray(y))), decision
