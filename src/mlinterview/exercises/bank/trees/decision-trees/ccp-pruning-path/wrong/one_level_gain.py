"""Prices a branch by its first split only: R(t) - R(left) - R(right), not its leaves."""
import numpy as np


def ccp_pruning_path(children_left, children_right, impurity, weighted_n_node_samples):
    left, right = np.asarray(children_left), np.asarray(children_right)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    r = w * np.asarray(impurity, dtype=float) / w[0]
    leaf = left == -1
    alphas, imps = [0.0], []
    while True:
        order = [0]
        for t in order:
            if not leaf[t]:
                order += [left[t], right[t]]
        rb = np.where(leaf, r, 0.0)
        for t in reversed(order):
            if not leaf[t]:
                rb[t] = rb[left[t]] + rb[right[t]]
        imps.append(rb[0])
        if leaf[0]:
            break
        inner = [t for t in order if not leaf[t]]
        g = np.full(len(left), np.inf)
        g[inner] = r[inner] - r[left[inner]] - r[right[inner]]
        t = int(np.argmin(g))
        alphas.append(g[t])
        leaf[t] = True
    return np.array(alphas), np.array(imps)
