import numpy as np


def fm_pairwise(X, V):
    """Σ_{i<j} <v_i, v_j> x_i x_j for every row of X, in O(k·d) per row.

    Parameters
    ----------
    X : float array (n, d)
    V : float array (d, k)

    Returns
    -------
    float array (n,)
    """
    raise NotImplementedError("½ Σ_f [(X V)² − X² V²]")
