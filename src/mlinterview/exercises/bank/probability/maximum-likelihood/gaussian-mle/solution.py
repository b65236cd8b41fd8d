import numpy as np


def gaussian_mle(X):
    """Per-column Gaussian MLE of X (n, d) and the maximised log-likelihood."""
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    mean = X.mean(axis=0)
    # Second pass: deviations from the mean are small numbers, so squaring them keeps
    # their digits (mean(x**2) - mean**2 would cancel catastrophically for large offsets).
    var = np.mean((X - mean) ** 2, axis=0)      # divides by n: the MLE, not ddof=1
    if np.any(var == 0):
        # A constant column: a Gaussian of variance -> 0 on it has unbounded likelihood.
        return mean, var, float("inf")
    # At the MLE sum_i (x_i - mean)^2 / var = n, so each column contributes
    # -(n/2) (log(2 pi var) + 1).
    log_likelihood = -0.5 * n * np.sum(np.log(2 * np.pi * var) + 1)
    return mean, var, float(log_likelihood)
