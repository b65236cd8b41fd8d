"""The two assignment steps of KMeans give the same run: Hamerly's bounds only skip points
whose nearest centre is certain, so labels, centres, inertia and the number of iterations
must be exactly those of the textbook step (every point, every iteration). The textbook
step is the oracle here; it is itself checked against scikit-learn in
``tests/parity/test_cluster.py``."""

import numpy as np
import pytest

from mlinterview.ml.cluster import KMeans
from mlinterview.ml.cluster._kmeans import (
    _BOUNDS_MIN_SAMPLES,
    _EveryPoint,
    _Hamerly,
    _lloyd,
)


def _blobs(seed, n, d, k, spread):
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 4, size=(k, d))
    return centers[rng.integers(0, k, n)] + rng.normal(0, spread, size=(n, d))


def _with_ones(X):
    """Centred data with the column of ones that fit appends (see _assign)."""
    X = X - X.mean(axis=0)
    return np.hstack([X, np.ones((len(X), 1))])


def _both(Xa, init, tol=0.0, max_iter=300):
    every = _lloyd(Xa, init.copy(), max_iter, tol, _EveryPoint)
    bounded = _lloyd(Xa, init.copy(), max_iter, tol, _Hamerly)
    return every, bounded


def _assert_same_run(every, bounded):
    labels, inertia, centers, n_iter = every
    np.testing.assert_array_equal(bounded[0], labels)
    np.testing.assert_array_equal(bounded[2], centers)     # bit for bit: same sums
    assert bounded[1] == inertia
    assert bounded[3] == n_iter


@pytest.mark.parametrize("seed, n, d, k, spread", [
    (0, 3000, 2, 7, 1.0),      # low dimension, well separated: most points skipped
    (1, 4000, 16, 10, 6.0),    # heavy overlap: many points near a boundary
    (2, 2500, 40, 16, 3.0),
    (3, 1500, 5, 1, 1.0),      # one cluster: no other centre to bound
    (4, 6000, 6, 12, 6.0),     # many iterations with few moves
])
@pytest.mark.parametrize("tol", [0.0, 1e-3])
def test_bounds_give_the_textbook_run(seed, n, d, k, spread, tol):
    Xa = _with_ones(_blobs(seed, n, d, k, spread))
    init = Xa[np.random.default_rng(seed).choice(n, k, replace=False), :-1]
    every, bounded = _both(Xa, init, tol=tol * (Xa[:, :-1] ** 2).mean())
    _assert_same_run(every, bounded)


def test_bounds_on_float32_data_give_the_textbook_run():
    # fit turns float32 into float64 before the loop; the coarse grid of float32 values
    # makes near-ties likelier than random doubles do.
    X = _blobs(5, 3000, 8, 6, 2.0).astype(np.float32).astype(np.float64)
    Xa = _with_ones(X)
    _assert_same_run(*_both(Xa, Xa[:6, :-1]))


def test_bounds_with_exact_ties_pick_the_first_centre():
    # Integer points halfway between centres: exact ties, which the textbook step breaks
    # towards the first centre. The bounds must not skip such points.
    grid = np.array([[x, y] for x in range(-6, 7) for y in range(-6, 7)], dtype=float)
    X = np.repeat(grid, 3, axis=0)                       # duplicate points too
    Xa = _with_ones(X)
    init = np.array([[-2.0, 0.0], [2.0, 0.0], [0.0, 3.0], [0.0, 3.0]])   # two equal centres
    _assert_same_run(*_both(Xa, init - X.mean(axis=0)))


def test_bounds_survive_an_empty_cluster_being_reseeded():
    # A centre far from every point is left empty and jumps to the farthest point: the
    # bounds must account for that large move.
    X = _blobs(6, 2000, 3, 4, 1.0)
    Xa = _with_ones(X)
    init = np.vstack([Xa[:3, :-1], np.full((1, 3), 100.0)])
    every, bounded = _both(Xa, init)
    _assert_same_run(every, bounded)
    assert np.bincount(every[0], minlength=4).min() >= 1


def test_fit_uses_the_bounds_on_large_data_with_the_same_result():
    # Above the size threshold fit takes the bounded step; the result must be the
    # textbook step's, run by hand from the same centred data and initial centres.
    X = _blobs(7, _BOUNDS_MIN_SAMPLES + 500, 12, 8, 3.0)
    init = X[:8]
    model = KMeans(8, init=init, n_init=1).fit(X)
    Xa = _with_ones(X)
    Xc = Xa[:, :-1]
    tol = np.einsum("ij,ij->", Xc, Xc) / Xc.size * 1e-4      # fit's tolerance, same sum
    labels, inertia, centers, n_iter = _lloyd(Xa, init - X.mean(axis=0), 300, tol,
                                              _EveryPoint)
    np.testing.assert_array_equal(model.labels_, labels)
    np.testing.assert_allclose(model.cluster_centers_, centers + X.mean(axis=0), rtol=1e-13,
                               atol=1e-13)
    assert model.inertia_ == pytest.approx(inertia, rel=1e-12)
    assert model.n_iter_ == n_iter
