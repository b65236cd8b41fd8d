import numpy as np


def mdi_importance(children_left, children_right, feature, impurity,
                   weighted_n_node_samples, n_features):
    """Normalised total weighted impurity decrease per feature (zeros if there is none).

    Parameters
    ----------
    children_left, children_right : int arrays (n_nodes,), -1 at a leaf
    feature : int array (n_nodes,), the tested feature (-2 at a leaf)
    impurity, weighted_n_node_samples : float arrays (n_nodes,)
    n_features : int

    Returns
    -------
    float array of shape (n_features,)
    """
    left = np.asarray(children_left)
    raise NotImplementedError("decrease of every split node, summed per feature")
