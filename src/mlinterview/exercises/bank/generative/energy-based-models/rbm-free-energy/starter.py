import numpy as np


def rbm_free_energy(V, W, b, c):
    """Free energy F(v) and score -dF/dv of a binary-hidden RBM for each row of V.

    Parameters
    ----------
    V : float array of shape (n, d)
    W : float array of shape (d, k)
    b : float array of shape (d,), visible bias
    c : float array of shape (k,), hidden bias

    Returns
    -------
    (free_energy, score) : arrays of shapes (n,) and (n, d)
    """
    V = np.asarray(V, dtype=float)
    raise NotImplementedError("hidden pre-activations, a stable softplus and a sigmoid")
