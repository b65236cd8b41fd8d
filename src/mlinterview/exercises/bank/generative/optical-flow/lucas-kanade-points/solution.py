import numpy as np


def lucas_kanade_points(image0, image1, points, radius, min_eigenvalue):
    """Flow (k, 2) at the given points: the 2x2 least-squares solution per window."""
    image0 = np.asarray(image0, dtype=float)
    image1 = np.asarray(image1, dtype=float)
    points = np.asarray(points, dtype=int).reshape(-1, 2)
    gr, gc = np.gradient(image1)              # central inside, one-sided at the borders
    err = image0 - image1
    # The five products whose window means make up A and b.
    products = np.stack([gr * gr, gr * gc, gc * gc, gr * err, gc * err])
    # Window means at every point: loop over the (2r+1)^2 offsets, gather all points at once.
    rows, cols = points[:, 0], points[:, 1]
    sums = np.zeros((5, len(points)))
    for dr in range(-radius, radius + 1):
        for dc in range(-radius, radius + 1):
            sums += products[:, rows + dr, cols + dc]
    a, b, c, br, bc = sums / (2 * radius + 1) ** 2
    # Smaller eigenvalue of the symmetric [[a, b], [b, c]], in closed form.
    lam_min = 0.5 * (a + c) - np.sqrt(0.25 * (a - c) ** 2 + b * b)
    ok = lam_min > min_eigenvalue
    det = np.where(ok, a * c - b * b, 1.0)     # 1 where unused: no division by zero
    # Cramer's rule for [[a, b], [b, c]] d = [br, bc].
    d_row = np.where(ok, (c * br - b * bc) / det, 0.0)
    d_col = np.where(ok, (a * bc - b * br) / det, 0.0)
    return np.stack([d_row, d_col], axis=1)
