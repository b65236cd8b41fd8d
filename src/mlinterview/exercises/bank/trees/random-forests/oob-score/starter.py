import numpy as np


def oob_score(oob, tree_proba, y):
    """Out-of-bag class probabilities of every row and the forest's OOB accuracy.

    Parameters
    ----------
    oob : bool array of shape (n_trees, n_samples)
        True where the tree did not draw the row (the row is out of bag for it).
    tree_proba : float array of shape (n_trees, n_samples, n_classes)
    y : int array of shape (n_samples,)

    Returns
    -------
    (score, decision) : float, and float array of shape (n_samples, n_classes) with NaN
        rows for samples that are out of bag for no tree.
    """
    oob = np.asarray(oob, dtype=bool)
    raise NotImplementedError("average each row over the trees it is out of bag for")
