import numpy as np


def cv_degree_curve(x, y, degrees, n_splits):
    """Training and k-fold validation MSE of polynomial fits, and the degree to choose.

    Parameters
    ----------
    x, y : array-like of shape (n,)
    degrees : increasing distinct ints >= 0
    n_splits : int k >= 2; folds are consecutive blocks, the first n % k one row larger

    Returns
    -------
    (train_mse, cv_mse, cv_se, best_degree, one_se_degree):
        three arrays of shape (len(degrees),) (means over folds; cv_se = std(ddof=1) of
        the fold validation errors / sqrt(k)), and two ints: the degree of lowest cv_mse
        and the smallest degree with cv_mse <= cv_mse[best] + cv_se[best].
    """
    raise NotImplementedError("for each degree and fold: fit, score train and held-out rows")
