"""Treats np.gradient's output as (d/dx, d/dy): the row and column components swap."""
import numpy as np


def lucas_kanade_points(image0, image1, points, radius, min_eigenvalue):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    gx, gy = np.gradient(I1)                   # wrong: axis 0 is rows (y), not x
    e = I0 - I1
    out = []
    for r, c in np.asarray(points, dtype=int).reshape(-1, 2):
        w = np.s_[r - radius:r + radius + 1, c - radius:c + radius + 1]
        A = np.array([[np.mean(gy[w] ** 2), np.mean(gy[w] * gx[w])],
                      [np.mean(gy[w] * gx[w]), np.mean(gx[w] ** 2)]])
        b = np.array([np.mean(gy[w] * e[w]), np.mean(gx[w] * e[w])])
        ok = np.linalg.eigvalsh(A)[0] > min_eigenvalue
        out.append(np.linalg.solve(A, b) if ok else [0.0, 0.0])
    return np.array(out, dtype=float).reshape(-1, 2)
