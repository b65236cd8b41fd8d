"""Solves the 2x2 system everywhere: flat patches and single edges give NaN or inf."""
import numpy as np


def lucas_kanade_points(image0, image1, points, radius, min_eigenvalue):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    gr, gc = np.gradient(I1)
    e = I0 - I1
    out = []
    for r, c in np.asarray(points, dtype=int).reshape(-1, 2):
        w = np.s_[r - radius:r + radius + 1, c - radius:c + radius + 1]
        A = np.array([[np.mean(gr[w] ** 2), np.mean(gr[w] * gc[w])],
                      [np.mean(gr[w] * gc[w]), np.mean(gc[w] ** 2)]])
        b = np.array([np.mean(gr[w] * e[w]), np.mean(gc[w] * e[w])])
        try:
            out.append(np.linalg.solve(A, b))
        except np.linalg.LinAlgError:
            out.append([np.nan, np.nan])
    return np.array(out, dtype=float).reshape(-1, 2)
