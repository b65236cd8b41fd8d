"""Thresholds the eigenvalue of the window sums, not means: the guard fires too rarely."""
import numpy as np


def lucas_kanade_points(image0, image1, points, radius, min_eigenvalue):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    gr, gc = np.gradient(I1)
    e = I0 - I1
    out = []
    for r, c in np.asarray(points, dtype=int).reshape(-1, 2):
        w = np.s_[r - radius:r + radius + 1, c - radius:c + radius + 1]
        A = np.array([[np.sum(gr[w] ** 2), np.sum(gr[w] * gc[w])],
                      [np.sum(gr[w] * gc[w]), np.sum(gc[w] ** 2)]])
        b = np.array([np.sum(gr[w] * e[w]), np.sum(gc[w] * e[w])])
        ok = np.linalg.eigvalsh(A)[0] > min_eigenvalue
        out.append(np.linalg.solve(A, b) if ok else [0.0, 0.0])
    return np.array(out, dtype=float).reshape(-1, 2)
