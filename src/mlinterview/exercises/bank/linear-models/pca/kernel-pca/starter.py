import numpy as np


def kernel_pca(K, k):
    """Kernel PCA coordinates of the training points and the top-k eigenvalues.

    Parameters
    ----------
    K : array-like (n, n), symmetric positive semi-definite kernel matrix
    k : int, number of components

    Returns
    -------
    (Z, eigenvalues) : ndarray (n, k), ndarray (k,) largest first
    """
    K = np.asarray(K, dtype=float)
    raise NotImplementedError("double-centre, eigh, top k, scale by sqrt(lambda), fix signs")
