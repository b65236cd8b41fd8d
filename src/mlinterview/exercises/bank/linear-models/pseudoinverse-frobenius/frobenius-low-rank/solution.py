import numpy as np


def frobenius_and_truncation(A, k):
    """||A||_F and the Frobenius error of the best rank-k approximation of A."""
    A = np.asarray(A, dtype=float)
    s = np.linalg.svd(A, compute_uv=False)        # largest first
    # Both norms are sums of squared singular values: all of them, or the dropped tail.
    norm = np.sqrt(np.sum(s**2))
    error = np.sqrt(np.sum(s[k:] ** 2))           # Eckart-Young: s_{k+1}, s_{k+2}, ...
    return float(norm), float(error)
