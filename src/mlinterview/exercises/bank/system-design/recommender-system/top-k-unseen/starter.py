import numpy as np


def recommend(scores, seen, k):
    """Each user's k best unseen items, best first; ties to the lower index; -1 padding.

    Parameters
    ----------
    scores : float array of shape (n_users, n_items)
    seen : bool array of shape (n_users, n_items), True = never recommend
    k : int >= 1

    Returns
    -------
    int array of shape (n_users, min(k, n_items))
    """
    scores = np.asarray(scores, dtype=float)
    seen = np.asarray(seen, dtype=bool)
    raise NotImplementedError("mask the seen items, order by (-score, index), pad with -1")
