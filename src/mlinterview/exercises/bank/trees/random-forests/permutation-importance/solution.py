import numpy as np


def _predict(tree, X):
    """The tree's prediction for each row of X (n, p): all rows walk down together."""
    left = np.asarray(tree["children_left"])
    right = np.asarray(tree["children_right"])
    feature = np.asarray(tree["feature"])
    threshold = np.asarray(tree["threshold"], dtype=float)
    value = np.asarray(tree["value"], dtype=float)
    node = np.zeros(len(X), dtype=int)
    active = np.flatnonzero(left[node] != -1)
    while len(active):                                   # one pass per tree level
        at = node[active]
        go_left = X[active, feature[at]] <= threshold[at]
        node[active] = np.where(go_left, left[at], right[at])
        active = active[left[node[active]] != -1]
    return value[node]


def _r2(y, pred):
    """R² of predictions; pred may carry leading axes (one score per leading index)."""
    ss_res = ((y - pred) ** 2).sum(axis=-1)
    ss_tot = ((y - y.mean()) ** 2).sum()
    return 1.0 - ss_res / ss_tot


def permutation_importance(tree, X, y, perms):
    """Mean and population std over repeats of base R² - R² with one column permuted."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    perms = np.asarray(perms, dtype=int).reshape(-1, len(X))
    n, p = X.shape
    n_repeats = len(perms)
    base = _r2(y, _predict(tree, X))
    drops = np.empty((p, n_repeats))
    for j in range(p):
        # All repeats at once: n_repeats copies of X, column j shuffled in each copy.
        Xp = np.repeat(X[None], n_repeats, axis=0)        # (n_repeats, n, p), a copy
        Xp[:, :, j] = X[perms, j]
        pred = _predict(tree, Xp.reshape(-1, p)).reshape(n_repeats, n)
        drops[j] = base - _r2(y, pred)
    return drops.mean(axis=1), drops.std(axis=1)
