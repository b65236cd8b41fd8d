import numpy as np


def iwae_bound(x, mu, logvar, eps, W, b):
    """ELBO and importance-weighted bound of a Bernoulli-decoder VAE, per example.

    Parameters
    ----------
    x : {0, 1} float array (n, d)
    mu, logvar : float arrays (n, L), the encoder's Gaussian
    eps : float array (K, n, L), standard-normal draws
    W : float array (L, d); b : float array (d,), the decoder's logits z @ W + b

    Returns
    -------
    (elbo, iwae) : float arrays (n,)
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("log weights of the K samples, then mean and log-mean-exp")
