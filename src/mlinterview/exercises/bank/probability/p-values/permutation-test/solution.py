import itertools

import numpy as np


def permutation_pvalue(x, y):
    """Share of all group splits whose mean difference reaches the observed one."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    data = np.concatenate([x, y])
    n, nx = data.size, x.size
    observed = x.mean() - y.mean()
    combos = np.array(list(itertools.combinations(range(n), nx)))   # (n_splits, nx)
    in_x = np.zeros((len(combos), n))
    in_x[np.arange(len(combos))[:, None], combos] = 1.0
    sum_x = in_x @ data
    stats = sum_x / nx - (data.sum() - sum_x) / (n - nx)
    return float(np.mean(stats >= observed - 1e-9))
