"""Linear models and PCA: ours vs scikit-learn in the same run (issue 5 sizes).

Each row: case, size, ours (s), reference (s), ratio = ours / reference. Best of
3 runs. Prints only; never asserts. Run: ``python benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import numpy as np
from sklearn import decomposition as skd
from sklearn import linear_model as skl

from _harness import main
from mlinterview.ml import decomposition, linear_model

TITLE = "Linear models and PCA"
REFERENCE = "scikit-learn"


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
    # L1: our coordinate descent in a proximal Newton loop vs liblinear's (newGLMNET, the
    # same scheme; it also penalises the intercept, a negligible difference at this n).
    yield ("LogisticRegression l1 cd, C=0.01", "50000x50",
           lambda: linear_model.LogisticRegression("l1", C=0.01, solver="cd").fit(X, y),
           lambda: skl.LogisticRegression(l1_ratio=1.0, C=0.01, solver="liblinear").fit(X, y))

    X = rng.normal(size=(20_000, 200)) @ rng.normal(size=(200, 200))
    yield ("PCA(20) auto", "20000x200", lambda: decomposition.PCA(20).fit(X),
           lambda: skd.PCA(20).fit(X))
    yield ("PCA(20) full SVD", "20000x200",
           lambda: decomposition.PCA(20, svd_solver="full").fit(X),
           lambda: skd.PCA(20, svd_solver="full").fit(X))

    Xw = rng.normal(size=(200, 2000))
    ww = np.zeros(2000)
    ww[:30] = rng.normal(size=30)
    yw = Xw @ ww + 0.5 * rng.normal(size=200)
    yield ("Lasso alpha=0.02 tol=1e-10 (wide)", "200x2000",
           lambda: linear_model.Lasso(alpha=0.02, tol=1e-10, max_iter=100_000).fit(Xw, yw),
           lambda: skl.Lasso(alpha=0.02, tol=1e-10, max_iter=100_000).fit(Xw, yw))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
