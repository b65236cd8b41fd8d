import numpy as np


def em_prior_shift(probs, train_priors, tol=1e-12):
    """Deployment class priors estimated by EM, and the probabilities corrected to them.

    Parameters
    ----------
    probs : array-like of shape (n, K); the model's p(k | x_i) under the training priors
    train_priors : array-like of shape (K,)
    tol : float; stop when the largest change of the priors in one step is below tol

    Returns
    -------
    priors : ndarray (K,), EM's estimate (stop when the largest change < tol, or after
        1,000 iterations)
    adjusted : ndarray (n, K), probs corrected to those priors:
        ∝ probs[i, k] * priors[k] / train_priors[k], each row normalised to sum 1
    """
    raise NotImplementedError("E-step: reweight and renormalise; M-step: average the rows")
