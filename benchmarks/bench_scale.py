"""Beyond one machine: a grid search on a Dask cluster vs joblib workers on this machine.

A 100-candidate ``GridSearchCV`` (decision tree, ``max_depth`` x ``min_samples_leaf``,
10 x 10, 3 folds: 300 fits) on 1,000 x 10, run two ways by the same library:

- "LocalCluster": inside ``joblib.parallel_config(backend="dask")`` with a
  ``distributed.LocalCluster`` of 2 worker processes, 1 thread each, started once before
  the timings (as a real cluster would be);
- "local n_jobs=2": joblib's default backend (loky), 2 worker processes, warm.

Both use the same two cores, so the cluster cannot win here: the row measures what the
Dask path costs in scheduling and data transfer (the price of being able to add
machines). The scikit-learn row runs its own ``GridSearchCV`` the same two ways, so the
ratios can be compared. Needs the ``scale`` extra; without it the module prints why and
times nothing.

Run: ``python benchmarks/run.py scale``.
"""

from __future__ import annotations

import numpy as np
import sklearn.model_selection as skms
from sklearn.tree import DecisionTreeClassifier as SkTree

from _harness import main
from mlinterview.ml import model_selection as ms
from mlinterview.ml.tree import DecisionTreeClassifier

TITLE = "Grid search on a Dask LocalCluster (2 workers) vs local joblib (ours = cluster)"
REFERENCE = "local n_jobs=2"

GRID = {"max_depth": list(range(1, 11)),
        "min_samples_leaf": [1, 2, 5, 10, 20, 30, 50, 100, 200, 300]}


def cases():
    try:
        import joblib
        from distributed import Client, LocalCluster
    except ImportError:
        print("bench_scale: needs the scale extra (pip install 'mlinterview[scale]')")
        return
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1_000, 10))
    y = (X[:, :3].sum(1) + rng.normal(size=1_000) > 0).astype(np.int64)

    def search(make, tree, n_jobs=None, grid=GRID, rows=slice(None)):
        return lambda: make(tree, grid, cv=3, n_jobs=n_jobs).fit(X[rows], y[rows]).best_params_

    def on_cluster(fn):
        def run():
            with joblib.parallel_config(backend="dask"):
                return fn()
        return run

    ours = search(ms.GridSearchCV, DecisionTreeClassifier(random_state=0))
    ours_local = search(ms.GridSearchCV, DecisionTreeClassifier(random_state=0), n_jobs=2)
    ref = search(skms.GridSearchCV, SkTree(random_state=0))
    ref_local = search(skms.GridSearchCV, SkTree(random_state=0), n_jobs=2)
    # Warm-up on a tiny grid: the workers import both libraries, loky starts its processes.
    tiny = {"max_depth": [1, 2]}
    warm_ups = [search(ms.GridSearchCV, DecisionTreeClassifier(), n_jobs=2, grid=tiny,
                       rows=slice(60)),
                search(skms.GridSearchCV, SkTree(), n_jobs=2, grid=tiny, rows=slice(60))]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        for fn in warm_ups:
            fn()
            on_cluster(fn)()
        yield ("ours: GridSearchCV tree, 100 candidates, cv=3", "1,000 x 10",
               on_cluster(ours), ours_local)
        yield ("scikit-learn: GridSearchCV tree, 100 candidates, cv=3", "1,000 x 10",
               on_cluster(ref), ref_local)


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
