import numpy as np


def procrustes(A, B, rotation_only=False):
    """The orthogonal (or proper rotation) R minimising ||A R - B||_F, and the residual.

    Parameters
    ----------
    A, B : array-like (n, d), corresponding points as rows
    rotation_only : bool, require det(R) = +1

    Returns
    -------
    (R, residual) : ndarray (d, d), float
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    raise NotImplementedError("SVD of AᵀB; R = U Vᵀ; fix the determinant if asked")
