import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    """Weighted ridge regression; the intercept is not penalised."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)

    # dJ/db = 0: the intercept puts the fitted plane through the weighted means.
    x_mean = s @ X / s.sum()
    y_mean = s @ y / s.sum()
    Xc = X - x_mean
    yc = y - y_mean

    # Ridge without intercept on the centred data: (Xcᵀ S Xc + alpha I) w = Xcᵀ S yc.
    XtS = Xc.T * s                                   # Xcᵀ S, without building diag(s)
    gram = XtS @ Xc + alpha * np.eye(X.shape[1])
    w = np.linalg.solve(gram, XtS @ yc)
    b = y_mean - x_mean @ w
    return w, float(b)
