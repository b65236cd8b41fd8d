"""Uses the raw node impurity as R(t), not weighted by the node's share of samples."""
import numpy as np


def ccp_pruning_path(children_left, children_right, impurity, weighted_n_node_samples):
    left, right = np.asarray(children_left), np.asarray(children_right)
    r = np.asarray(impurity, dtype=float)
    leaf = left == -1
    alphas, imps = [0.0], []
    while True:
        order = [0]
        for t in order:
            if not leaf[t]:
                order += [left[t], right[t]]
        rb, nl = np.where(leaf, r, 0.0), leaf.astype(int)
        for t in reversed(order):
            if not leaf[t]:
                rb[t], nl[t] = rb[left[t]] + rb[right[t]], nl[left[t]] + nl[right[t]]
        imps.append(rb[0])
        if leaf[0]:
            break
        inner = [t for t in order if not leaf[t]]
        g = np.full(len(left), np.inf)
        g[inner] = (r[inner] - rb[inner]) / (nl[inner] - 1)
        t = int(np.argmin(g))
        alphas.append(g[t])
        leaf[t] = True
    return np.array(alphas), np.array(imps)
