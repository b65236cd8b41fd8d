"""Answers a two-sided question (|statistic| >= |observed|) when one-sided was asked."""
import itertools

import numpy as np


def permutation_pvalue(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    data = np.concatenate([x, y])
    n, nx = data.size, x.size
    observed = x.mean() - y.mean()
    combos = np.array(list(itertools.combinations(range(n), nx)))
    in_x = np.zeros((len(combos), n))
    in_x[np.arange(len(combos))[:, None], combos] = 1.0
    sum_x = in_x @ data
    stats = sum_x / nx - (data.sum() - sum_x) / (n - nx)
    return float(np.mean(np.abs(stats) >= abs(observed) - 1e-9))
