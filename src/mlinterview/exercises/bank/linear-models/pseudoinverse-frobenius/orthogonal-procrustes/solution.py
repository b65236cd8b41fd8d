import numpy as np


def procrustes(A, B, rotation_only=False):
    """The orthogonal (or proper rotation) R minimising ||A R - B||_F, and the residual."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    # ||AR - B||² = ||A||² + ||B||² - 2 trace(Rᵀ AᵀB): maximise the trace term.
    U, _, Vt = np.linalg.svd(A.T @ B)
    R = U @ Vt
    if rotation_only and np.linalg.det(R) < 0:
        # Kabsch: give up the smallest singular direction (the last column of U), which
        # lowers trace(Rᵀ M) by the least, to turn the reflection into a rotation.
        U[:, -1] = -U[:, -1]
        R = U @ Vt
    residual = np.linalg.norm(A @ R - B)
    return R, float(residual)
