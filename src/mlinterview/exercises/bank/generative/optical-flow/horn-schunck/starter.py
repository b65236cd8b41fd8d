import numpy as np


def horn_schunck(image0, image1, alpha, n_iter):
    """Horn–Schunck flow [u (rows), v (cols)] after n_iter Jacobi iterations from zero.

    Parameters
    ----------
    image0, image1 : float arrays of shape (rows, cols)
    alpha : float > 0, the smoothness weight
    n_iter : int >= 0

    Returns
    -------
    float array of shape (2, rows, cols)
    """
    image0 = np.asarray(image0, dtype=float)
    raise NotImplementedError("gradients, then n_iter rounds of average-and-correct")
