import numpy as np


def gb_squared_step(y, F, leaf, learning_rate):
    """Predictions after one boosting round for squared error (see the statement).

    Parameters
    ----------
    y, F : float arrays of shape (n,), targets and current predictions
    leaf : int array of shape (n,), each sample's leaf in the new tree
    learning_rate : float

    Returns
    -------
    float array of shape (n,)
    """
    y = np.asarray(y, dtype=float)
    raise NotImplementedError("residuals, their mean per leaf, a shrunk step")
