"""Soft-thresholds at alpha instead of n alpha: the 1/(2n) in front of the squared error
was forgotten, so the penalty is n times too weak."""
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    p = X.shape[1]
    xm, ym = X.mean(axis=0), y.mean()
    Xc, r = X - xm, y - ym
    norms = np.sum(Xc**2, axis=0)
    w = np.zeros(p)
    for _ in range(100_000):
        big = 0.0
        for j in range(p):
            if norms[j] == 0:
                continue
            rho = Xc[:, j] @ r + norms[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0) / norms[j]
            r -= (new - w[j]) * Xc[:, j]
            big = max(big, abs(new - w[j]))
            w[j] = new
        if big <= 1e-12:
            break
    return w, float(ym - xm @ w)
