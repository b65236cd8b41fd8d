import numpy as np


def smo_step(alpha, y, K, C, i, j):
    """Jointly optimise alpha_i and alpha_j of the SVM dual (Platt's SMO step).

    Parameters
    ----------
    alpha : array-like (n,), feasible dual variables
    y : array-like (n,), labels in {-1, +1}
    K : array-like (n, n), kernel matrix
    C : float > 0
    i, j : int, i != j

    Returns
    -------
    ndarray (n,): a new alpha with entries i and j updated
    """
    alpha = np.array(alpha, dtype=float)
    raise NotImplementedError("errors, [L, H], eta, clipped step, then alpha_i")
