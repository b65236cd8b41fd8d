import numpy as np


def oob_score(oob, tree_proba, y):
    """OOB accuracy (float) and OOB class probabilities (n_samples, n_classes)."""
    oob = np.asarray(oob, dtype=bool)
    proba = np.asarray(tree_proba, dtype=float)
    y = np.asarray(y)
    # Sum each row's probabilities over the trees that did not see it, and count them.
    sums = (proba * oob[:, :, None]).sum(axis=0)           # (n_samples, n_classes)
    n_oob = oob.sum(axis=0)                                 # (n_samples,)
    seen = n_oob > 0
    decision = np.full(sums.shape, np.nan)
    decision[seen] = sums[seen] / n_oob[seen, None]
    if not seen.any():
        return float("nan"), decision
    # Rows in every bootstrap sample have no honest prediction: leave them out.
    correct = np.argmax(decision[seen], axis=1) == y[seen]
    return float(correct.mean()), decision
