import numpy as np


def ccp_pruning_path(children_left, children_right, impurity, weighted_n_node_samples):
    """(ccp_alphas, impurities) of minimal cost-complexity (weakest-link) pruning."""
    left = np.asarray(children_left)
    right = np.asarray(children_right)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    r_node = w * np.asarray(impurity, dtype=float) / w[0]   # R(t)
    n = len(left)
    is_leaf = left == -1                                     # of the current, pruned tree
    alphas = [0.0]
    impurities = []
    while True:
        # The nodes still in the tree, parents before children (a BFS from the root).
        order = [0]
        for t in order:                                      # the list grows as we go
            if not is_leaf[t]:
                order += [left[t], right[t]]
        # R(T_t) and |T_t| bottom-up: children are summed before their parent.
        r_branch = np.where(is_leaf, r_node, 0.0)
        n_leaves = is_leaf.astype(int)
        for t in reversed(order):
            if not is_leaf[t]:
                r_branch[t] = r_branch[left[t]] + r_branch[right[t]]
                n_leaves[t] = n_leaves[left[t]] + n_leaves[right[t]]
        impurities.append(r_branch[0])
        if is_leaf[0]:
            break
        inner = [t for t in order if not is_leaf[t]]
        g = np.full(n, np.inf)
        g[inner] = (r_node[inner] - r_branch[inner]) / (n_leaves[inner] - 1)
        weakest = int(np.argmin(g))                          # first minimum: smallest index
        alphas.append(g[weakest])
        is_leaf[weakest] = True                              # its branch leaves the tree
    return np.array(alphas), np.array(impurities)
