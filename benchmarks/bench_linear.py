"""Linear models and PCA: ours vs scikit-learn in the same run (issue 5 sizes).

Each row: case, size, ours (s), reference (s), ratio = ours / reference. Best of
``REPEATS`` runs. Prints only; never asserts. Run: ``python benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from sklearn import decomposition as skd
from sklearn import linear_model as skl

from mlinterview.ml import decomposition, linear_model

REPEATS = 3


def best_time(fn) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def cases():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20_000, 100))
    y = X @ rng.normal(size=100) + rng.normal(size=20_000)
    yield ("LinearRegression svd", "20000x100", lambda: linear_model.LinearRegression().fit(X, y),
           lambda: skl.LinearRegression().fit(X, y))
    yield ("Ridge", "20000x100", lambda: linear_model.Ridge(1.0).fit(X, y),
           lambda: skl.Ridge(1.0).fit(X, y))

    X = rng.normal(size=(5_000, 500))
    w = np.zeros(500)
    w[:20] = rng.normal(size=20)
    y = X @ w + rng.normal(size=5_000)
    yield ("Lasso alpha=0.05", "5000x500", lambda: linear_model.Lasso(alpha=0.05).fit(X, y),
           lambda: skl.Lasso(alpha=0.05).fit(X, y))

    X = rng.normal(size=(50_000, 50))
    y = (X @ rng.normal(size=50) + rng.normal(size=50_000) > 0).astype(int)
    yield ("LogisticRegression lbfgs", "50000x50",
           lambda: linear_model.LogisticRegression().fit(X, y),
           lambda: skl.LogisticRegression().fit(X, y))

    X = rng.normal(size=(20_000, 200)) @ rng.normal(size=(200, 200))
    yield ("PCA(20) auto", "20000x200", lambda: decomposition.PCA(20).fit(X),
           lambda: skd.PCA(20).fit(X))
    yield ("PCA(20) full SVD", "20000x200",
           lambda: decomposition.PCA(20, svd_solver="full").fit(X),
           lambda: skd.PCA(20, svd_solver="full").fit(X))


def main() -> None:
    print(f"{'case':28} {'size':>10} {'ours s':>9} {'sklearn s':>10} {'ratio':>7}")
    for name, size, ours, ref in cases():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_ours, t_ref = best_time(ours), best_time(ref)
        print(f"{name:28} {size:>10} {t_ours:9.3f} {t_ref:10.3f} {t_ours / t_ref:7.2f}")


if __name__ == "__main__":
    main()
