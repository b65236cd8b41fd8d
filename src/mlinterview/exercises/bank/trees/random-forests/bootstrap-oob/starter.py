import numpy as np


def bootstrap_oob(draws, n_samples):
    """How often each tree drew each row, and which rows each tree left out of bag.

    Parameters
    ----------
    draws : array-like of int, shape (n_trees, n_draws)
        The row indices each tree drew with replacement.
    n_samples : int
        Number of training rows.

    Returns
    -------
    (counts, oob) : int array of shape (n_trees, n_samples) and bool array of the same
        shape (True where the tree never drew the row).
    """
    draws = np.asarray(draws, dtype=int)
    raise NotImplementedError("count each tree's draws per row, then mark the zero counts")
