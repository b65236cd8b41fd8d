import numpy as np


def gb_newton_step(y, F, leaf, learning_rate):
    """Raw scores after one log-loss boosting round with Newton leaf values.

    Parameters
    ----------
    y : int array (n,), labels (0/1 for two classes, 0..K-1 otherwise)
    F : float array (n,) of log-odds, or (n, K) of class scores
    leaf : int array of the shape of F, each sample's leaf in each class's tree
    learning_rate : float

    Returns
    -------
    float array of the shape of F
    """
    F = np.asarray(F, dtype=float)
    raise NotImplementedError("p, residuals, Newton step per leaf, shrunk update")
