"""Returns the gradient of the free energy, dF/dv, instead of the score -dF/dv."""
import numpy as np


def rbm_free_energy(V, W, b, c):
    V, W, b, c = (np.asarray(x, dtype=float) for x in (V, W, b, c))
    a = V @ W + c
    free = -V @ b - np.logaddexp(0.0, a).sum(axis=1)
    sig = np.exp(-np.logaddexp(0.0, -a))
    return free, -(b + sig @ W.T)
