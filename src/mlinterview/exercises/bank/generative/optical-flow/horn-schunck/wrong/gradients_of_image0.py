"""Takes the spatial gradients of image0 instead of the mean of the two frames."""
import numpy as np

K = np.array([[1, 2, 1], [2, 0, 2], [1, 2, 1]]) / 12


def horn_schunck(image0, image1, alpha, n_iter):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    Ir, Ic = np.gradient(I0)
    It = I1 - I0
    u, v = np.zeros_like(I0), np.zeros_like(I0)
    h, w = I0.shape

    def avg(x):
        p = np.pad(x, 1, mode="edge")
        return sum(K[i, j] * p[i:i + h, j:j + w] for i in range(3) for j in range(3))

    for _ in range(n_iter):
        ub, vb = avg(u), avg(v)
        common = (Ir * ub + Ic * vb + It) / (alpha**2 + Ir**2 + Ic**2)
        u, v = ub - Ir * common, vb - Ic * common
    return np.stack([u, v])
