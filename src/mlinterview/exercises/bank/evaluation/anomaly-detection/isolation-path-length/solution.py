import numpy as np


def average_path_length(n):
    """c(n): the average path length of an unsuccessful search in a BST of n keys.

    c(n) = 2 H(n - 1) - 2 (n - 1) / n with H(i) ≈ ln i + γ, for n > 2; c(2) = 1;
    c(1) = c(0) = 0. Elementwise over an array of n.
    """
    n = np.asarray(n, dtype=float)
    out = np.zeros_like(n)
    big = n > 2
    out[big] = 2 * (np.log(n[big] - 1) + np.euler_gamma) - 2 * (n[big] - 1) / n[big]
    out[n == 2] = 1.0
    return out


def isolation_scores(trees, X, max_samples):
    """Mean path length over the trees and the anomaly score 2^(-E[h] / c(max_samples))."""
    X = np.asarray(X, dtype=float)
    total = np.zeros(len(X))
    for tree in trees:
        left, right = np.asarray(tree["left"]), np.asarray(tree["right"])
        feature, threshold = np.asarray(tree["feature"]), np.asarray(tree["threshold"])
        # The leaf's size is the part of the path the tree did not grow: a leaf holding n
        # training rows would need about c(n) more splits to isolate one of them.
        leaf_extra = average_path_length(tree["n_samples"])

        # Walk all points down together: `node` is each point's current node.
        node = np.zeros(len(X), dtype=int)
        depth = np.zeros(len(X))
        active = left[node] != -1                        # points not yet at a leaf
        while active.any():
            rows = np.flatnonzero(active)
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]   # ties go left
            node[rows] = np.where(go_left, left[at], right[at])
            depth[rows] += 1
            active = left[node] != -1
        total += depth + leaf_extra[node]

    path = total / len(trees)                            # E[h(x)] over the trees
    # Normalise by c(psi), the average path length of the subsample the trees were
    # grown on: scores near 1 are anomalies, around 0.5 or below normal points.
    score = 2.0 ** (-path / average_path_length(max_samples))
    return path, score
