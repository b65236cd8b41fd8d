import numpy as np


def responsibilities(X, weights, means, covariances):
    """Bayes' rule per point, in log space: log w_k + log N(x; mu_k, Sigma_k), normalised."""
    X = np.asarray(X, dtype=float)
    weights = np.asarray(weights, dtype=float)
    means = np.asarray(means, dtype=float)
    covariances = np.asarray(covariances, dtype=float)
    n, d = X.shape
    log_p = np.empty((n, len(weights)))
    for k, (mu, cov) in enumerate(zip(means, covariances, strict=True)):
        chol = np.linalg.cholesky(cov)                       # cov = L L^T
        z = np.linalg.solve(chol, (X - mu).T)                # L^{-1}(x - mu): whitened
        log_det = 2 * np.log(np.diag(chol)).sum()
        log_p[:, k] = -0.5 * (d * np.log(2 * np.pi) + log_det + (z * z).sum(axis=0))
    with np.errstate(divide="ignore"):
        log_p += np.log(weights)                             # log 0 = -inf: never chosen
    log_p -= log_p.max(axis=1, keepdims=True)                # log-sum-exp: no underflow
    r = np.exp(log_p)
    return r / r.sum(axis=1, keepdims=True)
