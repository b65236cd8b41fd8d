import numpy as np


def shrink(z, t, penalty):
    """Proximal operator of t||w||_1 ("l1") or (t/2)||w||² ("l2"), elementwise.

    Parameters
    ----------
    z : array-like, any shape
    t : float >= 0
    penalty : {"l1", "l2"}

    Returns
    -------
    ndarray of float, same shape as z
    """
    z = np.asarray(z, dtype=float)
    raise NotImplementedError("soft-threshold for l1, scale by 1 / (1 + t) for l2")
