import numpy as np

LOG_2PI = np.log(2.0 * np.pi)


def _log_sigmoid(z):
    """log sigma(z) = -softplus(-z), finite for every z."""
    return -np.logaddexp(0.0, -z)


def iwae_bound(x, mu, logvar, eps, W, b):
    """(ELBO (n,), IWAE bound (n,)) from K reparameterised samples per example."""
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    logvar = np.asarray(logvar, dtype=float)
    eps = np.asarray(eps, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    K = eps.shape[0]
    z = mu + np.exp(0.5 * logvar) * eps                        # (K, n, L)
    logits = z @ W + b                                         # (K, n, d)
    log_px_z = (x * _log_sigmoid(logits) + (1.0 - x) * _log_sigmoid(-logits)).sum(-1)
    log_pz = (-0.5 * z**2 - 0.5 * LOG_2PI).sum(-1)
    # log N(z; mu, sigma^2) with (z - mu) / sigma = eps: the -log sigma is -logvar / 2.
    log_qz = (-0.5 * eps**2 - 0.5 * logvar - 0.5 * LOG_2PI).sum(-1)
    log_w = log_px_z + log_pz - log_qz                         # (K, n)
    elbo = log_w.mean(axis=0)
    # log mean exp with the maximum factored out: no underflow of exp(-1000).
    top = log_w.max(axis=0)
    iwae = top + np.log(np.exp(log_w - top).sum(axis=0)) - np.log(K)
    return elbo, iwae
