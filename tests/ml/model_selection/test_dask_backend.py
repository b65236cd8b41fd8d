"""Model selection on a Dask cluster through joblib's Dask backend.

Each test runs the same call twice, here (``n_jobs=1``) and inside a Dask context, and
checks two things: the results are exactly equal (same arithmetic on the same rows, so
no tolerance), and the fits really ran on the cluster. The proof is the scheduler's task
stream: joblib names every task it submits ``batch_of_<function>_<n>_calls-<uuid>``, so
the ``n`` of the recorded tasks add up to the number of fits the cluster ran, and each
record names the worker that ran it.

The cluster is in-process (``processes=False``): it starts in ~0.1 s and needs no
spawned interpreters; tasks still go through the scheduler, and the task graph is
pickled on its way there, so a closure that could not travel would fail here too.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

import numpy as np
import pytest

from mlinterview.ml import model_selection as ms
from mlinterview.ml.ensemble import RandomForestClassifier
from mlinterview.ml.linear_model import Ridge
from mlinterview.ml.model_selection._parallel import effective_n_jobs
from mlinterview.ml.tree import DecisionTreeClassifier

distributed = pytest.importorskip("distributed", reason="needs the scale extra")
joblib = pytest.importorskip("joblib")

_BATCH = re.compile(r"batch_of_(?P<fn>.+)_(?P<n>\d+)_calls-[0-9a-f]+$")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def data():
    """A noisy two-class problem: candidates and folds get different scores."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(240, 6))
    y = (X[:, 0] + 0.5 * X[:, 1] + rng.normal(scale=0.8, size=240) > 0).astype(np.int64)
    return X, y


class _Record:
    """What the cluster ran inside a :func:`on_cluster` block."""

    def __init__(self, client):
        self.client = client
        self.tasks: list[dict] = []

    def fits(self, function: str) -> int:
        """Calls of ``function`` the cluster ran, all on the cluster's own workers."""
        workers = set(self.client.scheduler_info()["workers"])
        total = 0
        for task in self.tasks:
            match = _BATCH.match(task["key"])
            if match and match["fn"] == function:
                assert task["worker"] in workers, task
                total += int(match["n"])
        return total


@contextmanager
def on_cluster(client, context=None):
    """Open ``context`` (default ``joblib.parallel_backend("dask")``) and record the
    scheduler's task stream while it is open."""
    record = _Record(client)
    with distributed.get_task_stream(client) as stream, \
            (joblib.parallel_backend("dask") if context is None else context):
        yield record
    record.tasks = stream.data


@pytest.mark.parametrize("n_jobs", [None, 2, -1])
def test_cross_val_score_runs_on_the_cluster(client, data, n_jobs):
    X, y = data
    tree = DecisionTreeClassifier(max_depth=3)
    local = ms.cross_val_score(tree, X, y, cv=5)
    with on_cluster(client) as record:
        remote = ms.cross_val_score(tree, X, y, cv=5, n_jobs=n_jobs)
    np.testing.assert_array_equal(remote, local)
    assert record.fits("_fit_and_score") == 5


def test_n_jobs_1_stays_local_inside_the_context(client, data):
    """``n_jobs=1`` asks for no parallelism, as in scikit-learn: nothing is sent."""
    X, y = data
    with on_cluster(client) as record:
        ms.cross_val_score(DecisionTreeClassifier(max_depth=3), X, y, cv=3, n_jobs=1)
    assert record.tasks == []


def test_without_a_context_nothing_goes_to_the_cluster(client, data):
    """A running Client alone changes nothing: ``n_jobs=None`` is sequential."""
    X, y = data
    with distributed.get_task_stream(client) as stream:
        ms.cross_val_score(DecisionTreeClassifier(max_depth=3), X, y, cv=3)
    assert stream.data == []


def test_cross_validate_several_metrics_and_estimators(client, data):
    X, y = data
    kwargs = dict(cv=4, scoring=["accuracy", "f1"], return_train_score=True,
                  return_estimator=True, return_indices=True)
    local = ms.cross_validate(DecisionTreeClassifier(max_depth=4, random_state=0), X, y,
                              **kwargs)
    with on_cluster(client) as record:
        remote = ms.cross_validate(DecisionTreeClassifier(max_depth=4, random_state=0), X,
                                   y, **kwargs)
    for key in ("test_accuracy", "test_f1", "train_accuracy", "train_f1"):
        np.testing.assert_array_equal(remote[key], local[key])
    for ours, theirs in zip(remote["estimator"], local["estimator"], strict=True):
        np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert record.fits("_fit_and_score") == 4


def test_grid_search_same_results_on_the_cluster(client, data):
    X, y = data
    grid = {"max_depth": [1, 2, 3, None], "min_samples_leaf": [1, 10]}
    local = ms.GridSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=3,
                            return_train_score=True).fit(X, y)
    with on_cluster(client) as record:
        remote = ms.GridSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=3,
                                 return_train_score=True).fit(X, y)
    assert remote.best_params_ == local.best_params_
    assert remote.best_score_ == local.best_score_
    for key, value in local.cv_results_.items():
        if "time" not in key and key != "params":
            np.testing.assert_array_equal(remote.cv_results_[key], value, err_msg=key)
    np.testing.assert_array_equal(remote.predict(X), local.predict(X))
    # 8 candidates x 3 folds on the cluster; the refit of the best one stays here.
    assert record.fits("_fit_and_score") == 24


def test_grid_search_regression_with_dask_backend_helper(client):
    """:func:`dask_backend` given the client explicitly, on a regressor."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(150, 8))
    y = X @ rng.normal(size=8) + rng.normal(size=150)
    grid = {"alpha": [0.01, 0.1, 1.0, 10.0, 100.0]}
    local = ms.GridSearchCV(Ridge(), grid, cv=5, scoring="neg_mean_squared_error").fit(X, y)
    with on_cluster(client, ms.dask_backend(client)) as record:
        remote = ms.GridSearchCV(Ridge(), grid, cv=5,
                                 scoring="neg_mean_squared_error").fit(X, y)
    assert remote.best_params_ == local.best_params_
    np.testing.assert_array_equal(remote.cv_results_["mean_test_score"],
                                  local.cv_results_["mean_test_score"])
    assert record.fits("_fit_and_score") == 25


def test_learning_and_validation_curves_on_the_cluster(client, data):
    X, y = data
    tree = DecisionTreeClassifier(max_depth=3, random_state=0)
    lc_kwargs = dict(cv=3, train_sizes=[0.2, 0.6, 1.0], shuffle=True, random_state=0)
    local_lc = ms.learning_curve(tree, X, y, **lc_kwargs)
    local_vc = ms.validation_curve(tree, X, y, param_name="max_depth",
                                   param_range=[1, 2, 4, 8], cv=3)
    with on_cluster(client, ms.dask_backend()) as record:
        remote_lc = ms.learning_curve(tree, X, y, **lc_kwargs)
        remote_vc = ms.validation_curve(tree, X, y, param_name="max_depth",
                                        param_range=[1, 2, 4, 8], cv=3)
    for ours, theirs in zip(remote_lc + remote_vc, local_lc + local_vc, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert record.fits("_fit_and_score") == 3 * 3 + 4 * 3


def test_random_forest_fits_its_trees_on_the_cluster(client, data):
    """The forest's ``prefer="threads"`` is a hint joblib drops for an explicit backend,
    so with ``n_jobs != 1`` its trees are fitted by the workers."""
    X, y = data
    local = RandomForestClassifier(n_estimators=6, random_state=0).fit(X, y)
    with on_cluster(client) as record:
        remote = RandomForestClassifier(n_estimators=6, n_jobs=2, random_state=0).fit(X, y)
    np.testing.assert_array_equal(remote.predict_proba(X), local.predict_proba(X))
    fitted = sum(int(m["n"]) for t in record.tasks if (m := _BATCH.match(t["key"])))
    assert fitted == 6


def test_effective_n_jobs_inside_the_context_is_the_cluster(client):
    assert effective_n_jobs(None) == 1
    with ms.dask_backend():
        assert effective_n_jobs(None) == 2          # 2 workers x 1 thread
    assert effective_n_jobs(3) == 3


def test_dask_backend_without_the_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)   # `import distributed` fails
    with pytest.raises(ImportError, match=r"pip install 'mlinterview\[scale\]'"), \
            ms.dask_backend():
        pass
