import numpy as np


def pinv(A, rcond=1e-10):
    """Moore-Penrose pseudoinverse of A (m, n) as an (n, m) array, via the SVD.

    Singular values s_k <= rcond * max(s) count as zero.
    """
    A = np.asarray(A, dtype=float)
    raise NotImplementedError("U, s, Vt = np.linalg.svd(A, full_matrices=False) ...")
