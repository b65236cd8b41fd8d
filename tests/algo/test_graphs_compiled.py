"""The compiled CSR searches (``algo._graphs_numba``) against the readable Python ones.

``bfs``, ``bfs_levels`` and ``dijkstra`` on a :class:`CSRGraph` run a Numba twin when
numba is installed. The twin must take the same steps, so the whole
:class:`SearchResult` is compared exactly: path, cost, expansion order, frontier size,
and the distances with their insertion order. Distances are equal bit for bit: both
add the same float64 weights in the same order. Ties (integer and zero weights, parallel
edges) must resolve alike: the heap orders entries by (g, push counter) in both.
Skipped, with the reason shown, when numba is not installed (the ``fast`` extra).
"""

import networkx as nx
import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order
from scipy.sparse.csgraph import dijkstra as scipy_dijkstra

from mlinterview.algo import graphs
from mlinterview.algo.graphs import CSRGraph, bfs, bfs_levels, dijkstra
from mlinterview.ml import _numba

needs_numba = pytest.mark.skipif(not _numba.use_numba(),
                                 reason="numba (the 'fast' extra) is not installed or "
                                        "MLINTERVIEW_NO_NUMBA is set: no compiled twin")
pytestmark = needs_numba

# name -> weights of m edges from a generator: ties need repeated and zero weights.
WEIGHTS = {
    "uniform": lambda rng, m: rng.uniform(0.1, 10.0, m),
    "ties": lambda rng, m: rng.integers(0, 3, m).astype(float),   # many 0s, 1s, 2s
    "zeros": lambda rng, m: np.zeros(m),
}


def random_csr(n, m, seed, weights="uniform", directed=True):
    """A CSR graph with self-loops and parallel edges left in (both searches see them)."""
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    return CSRGraph.from_edges(n, src, dst, WEIGHTS[weights](rng, m), directed=directed)


def readable(search, *args, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("MLINTERVIEW_NO_NUMBA", "1")
        return search(*args)


def assert_same(ours, ref):
    assert ours == ref            # every field; dict equality ignores order ...
    assert list(ours.distances.items()) == list(ref.distances.items())   # ... so check it


SIZES = [(1, 0), (2, 1), (30, 20), (200, 800), (2000, 3000), (3000, 30000)]


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("n, m", SIZES)
def test_bfs_compiled_equals_readable(n, m, directed, monkeypatch):
    g = random_csr(n, m, seed=n + m, directed=directed)
    rng = np.random.default_rng(n)
    targets = [None, 0, int(rng.integers(n)), int(rng.integers(n)), np.int64(n - 1)]
    for source in {0, int(rng.integers(n))}:
        levels = bfs_levels(g, source)
        np.testing.assert_array_equal(levels, readable(bfs_levels, g, source,
                                                       monkeypatch=monkeypatch))
        assert levels.dtype == np.int64
        for target in targets:
            ours = graphs._bfs_csr_compiled(g, source, target)
            assert_same(ours, readable(bfs, g, source, target, monkeypatch=monkeypatch))
            assert_same(bfs(g, source, target), ours)


@pytest.mark.parametrize("weights", WEIGHTS)
@pytest.mark.parametrize("n, m", SIZES)
def test_dijkstra_compiled_equals_readable(n, m, weights, monkeypatch):
    g = random_csr(n, m, seed=n * m + 1, weights=weights)
    rng = np.random.default_rng(m)
    for source in {0, int(rng.integers(n))}:
        for target in [None, source, int(rng.integers(n)), int(rng.integers(n)), n - 1]:
            ours = graphs._dijkstra_csr_compiled(g, source, target)
            assert_same(ours, readable(dijkstra, g, source, target, monkeypatch=monkeypatch))
            assert_same(dijkstra(g, source, target), ours)


def test_disconnected_graph_and_unreachable_target(monkeypatch):
    # Two components {0, 1, 2} and {3, 4}; node 5 alone.
    g = CSRGraph.from_edges(6, [0, 1, 3], [1, 2, 4], [1.0, 0.0, 2.0], directed=False)
    for search in (bfs, dijkstra):
        r = search(g, 0, 4)
        assert r.path is None and r.cost == np.inf and r.order == [0, 1, 2]
        assert_same(r, readable(search, g, 0, 4, monkeypatch=monkeypatch))
        assert_same(search(g, 5), readable(search, g, 5, monkeypatch=monkeypatch))
    np.testing.assert_array_equal(bfs_levels(g, 3), [-1, -1, -1, 0, 1, -1])
    d = dijkstra(g, 0, 2)
    assert d.path == [0, 1, 2] and d.cost == 1.0     # the zero-weight edge costs nothing


def test_ties_pop_in_push_order():
    # 0 -> 1, 0 -> 2, 0 -> 3 all cost 1, and 1 -> 4, 2 -> 4 tie at 2: the heap pops
    # 1, 2, 3 in push order, so 4's parent is 1 (first to reach it), in both versions.
    g = CSRGraph.from_edges(5, [0, 0, 0, 1, 2], [1, 2, 3, 4, 4], [1.0, 1.0, 1.0, 1.0, 1.0])
    r = dijkstra(g, 0, 4)
    assert r.order == [0, 1, 2, 3, 4] and r.path == [0, 1, 4] and r.cost == 2.0
    assert r.max_frontier == 3


def test_negative_weight_raises_like_the_readable_version(monkeypatch):
    g = CSRGraph.from_edges(4, [0, 0, 1, 3], [1, 2, 2, 0], [1.0, 2.0, -0.5, -9.0])
    with pytest.raises(ValueError) as compiled:
        dijkstra(g, 0)
    with pytest.raises(ValueError) as python:
        readable(dijkstra, g, 0, monkeypatch=monkeypatch)
    assert str(compiled.value) == str(python.value)
    assert "got -0.5 on edge 1 -> 2" in str(compiled.value)
    # A negative edge the search never reaches (3 -> 0) raises in neither.
    h = CSRGraph.from_edges(4, [0, 3], [1, 0], [1.0, -9.0])
    assert_same(dijkstra(h, 0), readable(dijkstra, h, 0, monkeypatch=monkeypatch))


def test_odd_targets_fall_back_to_the_readable_search(monkeypatch):
    g = random_csr(50, 200, seed=3)
    for target in (3.0, 10**9, "x"):
        for search in (bfs, dijkstra):
            assert_same(search(g, 0, target),
                        readable(search, g, 0, target, monkeypatch=monkeypatch))


def test_int64_index_arrays(monkeypatch):
    # Graphs past 2**31 nodes or edges keep int64 arrays; the kernels compile for them too.
    g = random_csr(500, 3000, seed=7, weights="ties")
    assert g.indices.dtype == np.int32
    g.indptr, g.indices = g.indptr.astype(np.int64), g.indices.astype(np.int64)
    for search in (bfs, dijkstra):
        assert_same(search(g, 0), readable(search, g, 0, monkeypatch=monkeypatch))
    np.testing.assert_array_equal(bfs_levels(g, 0),
                                  readable(bfs_levels, g, 0, monkeypatch=monkeypatch))


@pytest.mark.parametrize("weights", ["uniform", "ties"])
@pytest.mark.parametrize("n, m, seed", [(1, 0, 0), (100, 300, 1), (5000, 40000, 2)])
def test_compiled_matches_scipy_and_networkx(n, m, seed, weights):
    g = random_csr(n, m, seed, weights)
    rng = np.random.default_rng(seed)
    src = np.repeat(np.arange(n), np.diff(g.indptr))
    # scipy sums parallel edges into one entry: give it the cheapest of each pair.
    w_min = {}
    for u, v, w in zip(src.tolist(), g.indices.tolist(), g.weights.tolist(), strict=True):
        w_min[u, v] = min(w, w_min.get((u, v), np.inf))
    keys = np.array(list(w_min) or np.empty((0, 2)), dtype=np.int64).reshape(-1, 2)
    # Zero weights are explicit entries: scipy keeps stored zeros as edges.
    mat = csr_matrix((list(w_min.values()), (keys[:, 0], keys[:, 1])), shape=(n, n))
    ref = scipy_dijkstra(mat, indices=0)
    ours = dijkstra(g, 0)
    reach = np.flatnonzero(np.isfinite(ref))
    assert sorted(ours.distances) == reach.tolist()
    np.testing.assert_allclose([ours.distances[v] for v in reach], ref[reach], rtol=1e-12)
    target = int(rng.integers(n))
    path = dijkstra(g, 0, target).path
    if path is not None:    # a shortest path: its cost is scipy's distance
        nxg = nx.DiGraph()
        nxg.add_weighted_edges_from((u, v, w) for (u, v), w in w_min.items())
        nxg.add_node(0)
        assert nx.path_weight(nxg, path, "weight") == pytest.approx(ref[target], rel=1e-12)
    order = breadth_first_order(mat, 0, return_predecessors=False)
    assert sorted(bfs(g, 0).order) == sorted(order.tolist())
    levels = bfs_levels(g, 0)
    nx_levels = nx.single_source_shortest_path_length(
        nx.DiGraph(list(w_min)) if w_min else nx.empty_graph(1, nx.DiGraph), 0)
    assert {v: int(levels[v]) for v in np.flatnonzero(levels >= 0)} == nx_levels
