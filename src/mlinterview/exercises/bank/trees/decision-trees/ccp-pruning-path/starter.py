import numpy as np


def ccp_pruning_path(children_left, children_right, impurity, weighted_n_node_samples):
    """Effective alphas and total leaf impurities of weakest-link pruning.

    Parameters
    ----------
    children_left, children_right : int arrays (n_nodes,), -1 at a leaf
    impurity, weighted_n_node_samples : float arrays (n_nodes,)

    Returns
    -------
    (ccp_alphas, impurities) : float arrays of the same length, starting with 0 and the
        full tree's total leaf impurity, ending with the root alone
    """
    left = np.asarray(children_left)
    raise NotImplementedError("repeat: compute g for every internal node, collapse the min")
