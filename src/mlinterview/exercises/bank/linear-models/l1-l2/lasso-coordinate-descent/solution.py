import numpy as np


def lasso_cd(X, y, alpha):
    """Lasso (1/2n)||y - Xw - b||² + alpha ||w||_1 by cyclic coordinate descent."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, p = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean                      # the unpenalised intercept is eliminated by
    residual = y - y_mean                # centring: r = yc - Xc w with w = 0
    norms = np.sum(Xc**2, axis=0)        # ||x_j||², fixed for the whole run
    threshold = n * alpha                # the objective's 1/n moved onto alpha
    w = np.zeros(p)
    for _ in range(100_000):
        largest_change = 0.0
        for j in range(p):
            if norms[j] == 0:
                continue                 # a constant column carries no information
            # Correlation with the residual that excludes feature j's own contribution.
            rho = Xc[:, j] @ residual + norms[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - threshold, 0.0) / norms[j]
            change = new - w[j]
            if change != 0:
                residual -= change * Xc[:, j]   # keep r current for the next coordinate
                w[j] = new
            largest_change = max(largest_change, abs(change))
        if largest_change <= 1e-12:
            break
    return w, float(y_mean - x_mean @ w)
