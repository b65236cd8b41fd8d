"""Estimates p from 500 random shuffles instead of enumerating every split exactly."""
import numpy as np


def permutation_pvalue(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    data = np.concatenate([x, y])
    nx = x.size
    observed = x.mean() - y.mean()
    rng = np.random.default_rng(0)
    stats = []
    for _ in range(500):
        perm = rng.permutation(data)
        stats.append(perm[:nx].mean() - perm[nx:].mean())
    return float(np.mean(np.array(stats) >= observed - 1e-9))
