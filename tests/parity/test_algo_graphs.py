"""Graph searches against networkx and scipy.sparse.csgraph on random graphs.

Distances are sums of the same float64 weights along (possibly different) shortest
paths, so they agree to rounding: rtol 1e-12. BFS levels and orders are integers: exact.
"""

import itertools

import networkx as nx
import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, shortest_path

from mlinterview.algo.graphs import (
    CSRGraph,
    CycleError,
    Graph,
    GridGraph,
    astar,
    bfs,
    bfs_levels,
    dfs,
    dijkstra,
    manhattan,
    octile,
    topological_sort,
)


def random_graph(n, m, seed, directed=True):
    rng = np.random.default_rng(seed)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    w = rng.uniform(0.1, 10.0, src.size)
    # One weight per (u, v) pair: keep the first, as a dict-of-dicts graph would.
    _, first = np.unique(src * n + dst, return_index=True)
    return src[first], dst[first], w[first]


def to_nx(n, src, dst, w, directed=True):
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist(), strict=True))
    return g


@pytest.mark.parametrize("n, m, seed", [(1, 0, 0), (10, 30, 1), (200, 800, 2),
                                        (1000, 3000, 3)])
def test_dijkstra_matches_networkx_and_scipy(n, m, seed):
    src, dst, w = random_graph(n, m, seed)
    adj = Graph.from_edges(zip(src, dst, w, strict=True), nodes=range(n))
    ours_adj = dijkstra(adj, 0).distances
    ours_csr = dijkstra(CSRGraph.from_edges(n, src, dst, w), 0).distances
    ref = nx.single_source_dijkstra_path_length(to_nx(n, src, dst, w), 0)
    assert set(ours_adj) == set(ours_csr) == set(ref)
    for v, d in ref.items():
        assert ours_adj[v] == pytest.approx(d, rel=1e-12)
        assert ours_csr[v] == pytest.approx(d, rel=1e-12)
    dense = shortest_path(csr_matrix((w, (src, dst)), shape=(n, n)), indices=0)
    reach = np.isfinite(dense)
    assert set(np.flatnonzero(reach).tolist()) == set(ours_csr)
    np.testing.assert_allclose([ours_csr[v] for v in np.flatnonzero(reach)], dense[reach],
                               rtol=1e-12)


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("n, m, seed", [(2, 1, 0), (50, 100, 4), (2000, 6000, 5)])
def test_bfs_levels_match_networkx_and_scipy(n, m, seed, directed):
    src, dst, w = random_graph(n, m, seed)
    g = CSRGraph.from_edges(n, src, dst, directed=directed)
    ref = nx.single_source_shortest_path_length(to_nx(n, src, dst, w, directed), 0)
    levels = bfs_levels(g, 0)
    assert {v: int(levels[v]) for v in np.flatnonzero(levels >= 0)} == ref
    assert bfs(g, 0).distances == ref
    order = breadth_first_order(csr_matrix((np.ones_like(w), (src, dst)), shape=(n, n)), 0,
                                directed=directed, return_predecessors=False)
    assert set(order.tolist()) == set(ref)
    # BFS expands nodes by non-decreasing level.
    ours = bfs(g, 0).order
    assert [ref[v] for v in ours] == sorted(ref[v] for v in ours)


@pytest.mark.parametrize("seed", range(4))
def test_dfs_orders_match_networkx(seed):
    src, dst, _w = random_graph(60, 150, seed)
    g = Graph.from_edges(zip(src.tolist(), dst.tolist(), strict=False), nodes=range(60))
    h = nx.DiGraph()
    h.add_nodes_from(range(60))
    h.add_edges_from(zip(src.tolist(), dst.tolist(), strict=False))  # same neighbour order as ours
    for recursive in (False, True):
        assert dfs(g, 0, recursive=recursive).order == list(nx.dfs_preorder_nodes(h, 0))
        assert dfs(g, 0, order="post", recursive=recursive).order == list(
            nx.dfs_postorder_nodes(h, 0))


@pytest.mark.parametrize("method", ["kahn", "dfs"])
@pytest.mark.parametrize("seed", range(5))
def test_topological_order_is_valid_and_cycles_are_real(method, seed):
    rng = np.random.default_rng(seed)
    n = 80
    rank = rng.permutation(n)
    src, dst, _ = random_graph(n, 300, seed)
    fwd = rank[src] < rank[dst]  # orient every edge along a hidden order: a DAG
    dag = Graph.from_edges(zip(src[fwd].tolist(), dst[fwd].tolist(), strict=False), nodes=range(n))
    order = topological_sort(dag, method)
    pos = {v: i for i, v in enumerate(order)}
    assert sorted(order) == list(range(n))
    assert all(pos[u] < pos[v] for u, v in zip(src[fwd], dst[fwd], strict=True))
    assert nx.is_directed_acyclic_graph(to_nx(n, src[fwd], dst[fwd], _[fwd]))
    cyclic = Graph.from_edges(zip(src.tolist(), dst.tolist(), strict=False), nodes=range(n))
    if nx.is_directed_acyclic_graph(to_nx(n, src, dst, _)):
        pytest.skip("the random graph happened to be acyclic")
    with pytest.raises(CycleError) as info:
        topological_sort(cyclic, method)
    cycle = info.value.cycle
    assert cycle[0] == cycle[-1] and len(cycle) >= 3
    assert all(v in cyclic.adj[u] for u, v in itertools.pairwise(cycle))


@pytest.mark.parametrize("connectivity, h", [(4, manhattan), (8, octile)])
@pytest.mark.parametrize("seed", range(3))
def test_astar_on_grids_is_optimal_and_expands_no_more_than_dijkstra(connectivity, h, seed):
    rng = np.random.default_rng(seed)
    blocked = rng.random((30, 40)) < 0.25
    blocked[0, 0] = blocked[-1, -1] = False
    grid = GridGraph(blocked, connectivity)
    g = nx.Graph()
    for u in grid.nodes():
        for v, w in grid.neighbors(u):
            g.add_edge(u, v, weight=w)
    start, goal = (0, 0), (29, 39)
    a, d = astar(grid, start, goal, h), dijkstra(grid, start, goal)
    if not nx.has_path(g, start, goal):
        assert a.path is None and d.path is None
        return
    ref = nx.dijkstra_path_length(g, start, goal)
    assert a.cost == pytest.approx(ref, rel=1e-12) and d.cost == pytest.approx(ref, rel=1e-12)
    assert a.expanded <= d.expanded
    assert nx.path_weight(g, a.path, "weight") == pytest.approx(a.cost, rel=1e-12)
