import numpy as np


def permutation_importance(tree, X, y, perms):
    """Mean and standard deviation of the drop in R² when each feature is permuted.

    Parameters
    ----------
    tree : dict with arrays "children_left", "children_right", "feature", "threshold",
        "value", one entry per node (a regression tree; go left when
        x[feature] <= threshold).
    X : float array of shape (n_samples, n_features)
    y : float array of shape (n_samples,)
    perms : int array of shape (n_repeats, n_samples), one permutation per row.

    Returns
    -------
    (importances_mean, importances_std) : two float arrays of shape (n_features,)
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("score X, then each copy of X with one column permuted")
