import numpy as np


def frobenius_and_truncation(A, k):
    """||A||_F and the Frobenius error of the best rank-k approximation of A.

    Parameters
    ----------
    A : array-like (m, n)
    k : int, 0 <= k <= min(m, n)

    Returns
    -------
    (norm, error) : tuple of two floats
    """
    A = np.asarray(A, dtype=float)
    raise NotImplementedError("singular values; the error is what the dropped ones carry")
