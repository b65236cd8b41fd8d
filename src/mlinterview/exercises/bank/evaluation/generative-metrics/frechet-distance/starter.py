import numpy as np


def frechet_distance(features_real, features_fake):
    """Squared Fréchet distance between Gaussians fitted to two feature sets (FID).

    Parameters
    ----------
    features_real : array-like of shape (n1, d)
    features_fake : array-like of shape (n2, d)

    Returns
    -------
    float: ||mu1 - mu2||^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2)), with sample covariances (n - 1).
    """
    raise NotImplementedError("means, sample covariances, then the trace of a matrix square root")
