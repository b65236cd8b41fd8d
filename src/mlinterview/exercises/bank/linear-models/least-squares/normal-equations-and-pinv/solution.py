import numpy as np


def least_squares(A, b, method="normal"):
    """The x of shape (n,) minimising ||A x - b||, for A (m, n) and b (m,)."""
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    if method == "normal":
        # AᵀA x = Aᵀb: the residual is orthogonal to the columns of A. Solve, never invert.
        return np.linalg.solve(A.T @ A, A.T @ b)
    if method == "pinv":
        # A⁺ = V diag(1/s) Uᵀ over the non-negligible singular values: minimum-norm x.
        u, s, vt = np.linalg.svd(A, full_matrices=False)
        keep = s > max(A.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
        return vt[keep].T @ ((u[:, keep].T @ b) / s[keep])
    raise ValueError(f"method must be 'normal' or 'pinv', got {method!r}")
