"""Computes every node's g once on the full tree and prunes in that order, never updating."""
import numpy as np


def ccp_pruning_path(children_left, children_right, impurity, weighted_n_node_samples):
    left, right = np.asarray(children_left), np.asarray(children_right)
    w = np.asarray(weighted_n_node_samples, dtype=float)
    r = w * np.asarray(impurity, dtype=float) / w[0]
    n = len(left)
    rb, nl = np.where(left == -1, r, 0.0), (left == -1).astype(int)
    for t in range(n - 1, -1, -1):
        if left[t] != -1:
            rb[t], nl[t] = rb[left[t]] + rb[right[t]], nl[left[t]] + nl[right[t]]
    inner = np.flatnonzero(left != -1)
    g = (r[inner] - rb[inner]) / (nl[inner] - 1)
    order = np.argsort(g, kind="stable")
    alphas, imps, total = [0.0], [rb[0]], rb[0]
    gone = np.zeros(n, dtype=bool)
    for k in order:
        t = inner[k]
        if gone[t]:
            continue
        alphas.append(g[k])
        total += r[t] - rb[t]
        imps.append(total)
        stack = [left[t], right[t]]
        while stack:
            s = stack.pop()
            gone[s] = True
            if left[s] != -1:
                stack += [left[s], right[s]]
        if t == 0:
            break
    return np.array(alphas), np.array(imps)
