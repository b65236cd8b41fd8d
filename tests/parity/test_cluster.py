"""KMeans against scikit-learn: from the same initial centres, the same labels, centres
(1e-8 relative) and inertia (1e-9 relative). Both run Lloyd's algorithm on centred data
with the same stopping rule; distances differ only in summation order."""

import warnings

import numpy as np
import pytest
from sklearn import cluster as skc

from mlinterview.ml.cluster import KMeans, kmeans_plusplus


def blobs(seed, n, d, k, spread=1.0):
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 5, size=(k, d))
    y = rng.integers(0, k, n)
    return centers[y] + rng.normal(0, spread, size=(n, d))


@pytest.mark.parametrize("seed, n, d, k", [(0, 50, 2, 3), (1, 500, 5, 4), (2, 3000, 16, 10),
                                           (3, 400, 3, 8)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_same_initial_centers_give_the_same_clustering(seed, n, d, k, dtype):
    X = blobs(seed, n, d, k, spread=2.0).astype(dtype)
    init = X[np.random.default_rng(seed).choice(n, k, replace=False)].astype(np.float64)
    ours = KMeans(k, init=init, n_init=1).fit(X)
    ref = skc.KMeans(k, init=init, n_init=1).fit(X.astype(np.float64))
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-8,
                               atol=1e-10)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_array_equal(ours.predict(X[:50]), ref.predict(X[:50].astype(float)))
    np.testing.assert_allclose(ours.transform(X[:20]), ref.transform(X[:20].astype(float)),
                               rtol=1e-8)


def test_max_iter_and_tolerance_stop_like_scikit_learn():
    X = blobs(5, 2000, 4, 6, spread=4.0)
    init = X[:6]
    for max_iter, tol in [(1, 1e-4), (3, 0.0), (300, 1e-2)]:
        ours = KMeans(6, init=init, n_init=1, max_iter=max_iter, tol=tol).fit(X)
        ref = skc.KMeans(6, init=init, n_init=1, max_iter=max_iter, tol=tol).fit(X)
        np.testing.assert_array_equal(ours.labels_, ref.labels_)
        np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
        assert ours.n_iter_ == ref.n_iter_


def test_an_empty_cluster_is_reseeded_like_scikit_learn():
    # Two far groups and a third initial centre nowhere near any point.
    X = np.vstack([np.zeros((5, 2)), np.ones((5, 2)) * 10])
    X = X + np.random.default_rng(0).normal(0, 0.1, X.shape)
    init = np.array([[0.0, 0.0], [10.0, 10.0], [100.0, -100.0]])
    ours = KMeans(3, init=init, n_init=1).fit(X)
    ref = skc.KMeans(3, init=init, n_init=1).fit(X)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    assert np.bincount(ours.labels_).min() >= 1


@pytest.mark.parametrize("n_first", [2, 4])
def test_more_clusters_than_distinct_points_like_scikit_learn(n_first):
    # Every point sits on a centre, so there is nothing to re-seed the empty cluster with:
    # it takes the centre of the largest cluster (no division by zero), as in scikit-learn.
    X = np.array([[0.0, 0.0]] * n_first + [[1.0, 1.0]] * 4)
    init = np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]])
    ours = KMeans(3, init=init, n_init=1).fit(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # scikit-learn warns about the duplicate points
        ref = skc.KMeans(3, init=init, n_init=1).fit(X)
    np.testing.assert_array_equal(ours.cluster_centers_, ref.cluster_centers_)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    assert ours.inertia_ == ref.inertia_ == 0.0
    assert ours.n_iter_ == ref.n_iter_


def test_sums_updated_from_moved_rows_stay_exact_over_many_iterations():
    # Overlapping blobs take many iterations, most with few moved rows, so the running
    # cluster sums are updated incrementally many times: at strict convergence the centres
    # must still be the plain means of their points (recomputed here from the labels),
    # and agree with scikit-learn.
    X = blobs(7, 20_000, 6, 12, spread=6.0)
    init = X[:12]
    ours = KMeans(12, init=init, n_init=1, tol=0.0).fit(X)
    ref = skc.KMeans(12, init=init, n_init=1, tol=0.0).fit(X)
    assert ours.n_iter_ > 20
    means = np.stack([X[ours.labels_ == j].mean(axis=0) for j in range(12)])
    np.testing.assert_allclose(ours.cluster_centers_, means, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
    assert ours.n_iter_ == ref.n_iter_


@pytest.mark.parametrize("seed", range(3))
def test_kmeans_plus_plus_reaches_the_same_quality(seed):
    # Different random streams, so compare the distribution of results, not labels:
    # the best of 5 seeded runs should be within 1% of scikit-learn's best of 5.
    X = blobs(10 + seed, 3000, 8, 12, spread=1.5)
    ours = KMeans(12, n_init=5, random_state=seed).fit(X).inertia_
    ref = skc.KMeans(12, n_init=5, random_state=seed).fit(X).inertia_
    assert ours <= ref * 1.01


@pytest.mark.parametrize("seed, n, d, k", [(0, 500, 2, 5), (1, 2000, 8, 12), (2, 300, 30, 1),
                                           (3, 1000, 3, 16)])
def test_kmeans_plus_plus_draws_what_scikit_learn_draws(seed, n, d, k):
    # Same generator (RandomState from the int seed), same draws call for call and the
    # distances summed in the same order: the same rows are picked.
    X = blobs(seed, n, d, k, spread=1.5)
    ours, ours_idx = kmeans_plusplus(X, k, random_state=seed)
    ref, ref_idx = skc.kmeans_plusplus(X, k, random_state=seed)
    np.testing.assert_array_equal(ours_idx, ref_idx)
    np.testing.assert_array_equal(ours, ref)


@pytest.mark.parametrize("init, n_init", [("k-means++", 1), ("k-means++", 3), ("random", "auto")])
@pytest.mark.parametrize("seed, n, d, k", [(0, 3000, 16, 10), (1, 5000, 2, 7), (2, 25_000, 8, 6)])
def test_same_seed_gives_scikit_learns_clustering(init, n_init, seed, n, d, k):
    # The seeding runs on the centred data as scikit-learn's does, and the best of several
    # runs is chosen by the same rule, so an int seed reproduces the whole fit (the last
    # case is large enough for fit to use the bounded assignment step).
    X = blobs(seed, n, d, k, spread=2.5)
    ours = KMeans(k, init=init, n_init=n_init, random_state=seed).fit(X)
    ref = skc.KMeans(k, init=init, n_init=n_init, random_state=seed).fit(X)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-8,
                               atol=1e-10)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
    assert ours.n_iter_ == ref.n_iter_


def test_a_generator_or_random_state_seeds_too():
    X = blobs(8, 600, 3, 4)
    a = KMeans(4, random_state=np.random.default_rng(1)).fit(X)
    b = KMeans(4, random_state=np.random.default_rng(1)).fit(X)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    c = KMeans(4, random_state=np.random.RandomState(1)).fit(X)
    np.testing.assert_array_equal(c.labels_, KMeans(4, random_state=1).fit(X).labels_)


def test_kmeans_plus_plus_picks_data_points_spread_out():
    X = blobs(4, 600, 2, 6, spread=0.2)
    centers, idx = kmeans_plusplus(X, 6, random_state=0)
    np.testing.assert_array_equal(centers, X[idx])
    # Well-separated blobs: the seeding lands one centre in each blob almost surely.
    labels = KMeans(6, init=centers, n_init=1, max_iter=1).fit(X).labels_
    assert len(np.unique(labels)) == 6


@pytest.mark.parametrize("call, exc, message", [
    (lambda: KMeans(3).fit(np.zeros((2, 2))), ValueError, "X: expected at least n_clusters"),
    (lambda: KMeans(2, init="bogus").fit(np.eye(3)), ValueError, "init"),
    (lambda: KMeans(2, init=np.zeros((3, 3))).fit(np.eye(3)), ValueError, "init: expected "
                                                                          "shape"),
    (lambda: KMeans(2).predict(np.eye(2)), ValueError, "not fitted"),
    (lambda: KMeans(0).fit(np.eye(3)), ValueError, "n_clusters"),
    (lambda: KMeans(2, n_init=0).fit(np.eye(3)), ValueError, "n_init"),
    (lambda: KMeans(2).fit([1.0, 2.0, 3.0]), ValueError, "X: expected a 2-D"),
    (lambda: KMeans(2, random_state="0").fit(np.eye(3)), TypeError, "random_state"),
])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
