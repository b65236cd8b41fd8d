import numpy as np


def _normalise(x):
    """Hartley's T (3, 3): centroid to the origin, mean distance to sqrt(2); and T x~."""
    centre = x.mean(axis=0)
    scale = np.sqrt(2.0) / np.linalg.norm(x - centre, axis=1).mean()
    T = np.array([[scale, 0.0, -scale * centre[0]],
                  [0.0, scale, -scale * centre[1]],
                  [0.0, 0.0, 1.0]])
    homogeneous = np.column_stack([x, np.ones(len(x))])
    return T, homogeneous @ T.T


def eight_point(x1, x2):
    """F (3, 3), rank 2, up to scale, with x2~^T F x1~ = 0 for every correspondence."""
    x1 = np.asarray(x1, dtype=float)
    x2 = np.asarray(x2, dtype=float)
    T1, h1 = _normalise(x1)
    T2, h2 = _normalise(x2)
    # Row i = vec(h2_i h1_i^T), so that A vec(F) = [h2_i^T F h1_i]_i (row-major vec).
    A = (h2[:, :, None] * h1[:, None, :]).reshape(len(x1), 9)
    # min ||A f|| with ||f|| = 1: the right singular vector of the smallest singular value.
    F = np.linalg.svd(A)[2][-1].reshape(3, 3)
    # The closest rank-2 matrix: drop the smallest singular value.
    U, s, Vt = np.linalg.svd(F)
    F = U @ np.diag([s[0], s[1], 0.0]) @ Vt
    # Back to pixels: h2^T F h1 = x2~^T (T2^T F T1) x1~.
    return T2.T @ F @ T1
