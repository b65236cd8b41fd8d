"""Graph searches on hand-worked graphs, heuristics' properties, and bad input."""

import math

import numpy as np
import pytest

from mlinterview.algo.graphs import (
    CSRGraph,
    CycleError,
    Graph,
    GridGraph,
    astar,
    bfs,
    dfs,
    dijkstra,
    euclidean,
    greedy_best_first,
    manhattan,
    octile,
    topological_sort,
)

# A small weighted graph worked by hand: the direct edge s->t costs 10, the detour 3.
EDGES = [("s", "a", 1), ("a", "b", 1), ("b", "t", 1), ("s", "t", 10), ("a", "c", 5)]


def test_dijkstra_prefers_the_cheap_detour_bfs_the_short_one():
    g = Graph.from_edges(EDGES)
    d = dijkstra(g, "s", "t")
    assert d.path == ["s", "a", "b", "t"] and d.cost == 3
    b = bfs(g, "s", "t")
    assert b.path == ["s", "t"] and b.cost == 1
    assert dijkstra(g, "s").distances == {"s": 0, "a": 1, "b": 2, "t": 3, "c": 6}


def test_dfs_order_by_hand():
    g = Graph.from_edges([(1, 2), (1, 3), (2, 4), (3, 4)])
    assert dfs(g, 1).order == [1, 2, 4, 3]
    assert dfs(g, 1, order="post").order == [4, 2, 3, 1]
    assert bfs(g, 1).order == [1, 2, 3, 4]
    r = dfs(g, 1, 4)
    assert r.path == [1, 2, 4] and r.cost == 2


def test_unreachable_target():
    g = Graph.from_edges([(0, 1)], nodes=[2])
    for r in (bfs(g, 0, 2), dfs(g, 0, 2), dijkstra(g, 0, 2), astar(g, 0, 2)):
        assert r.path is None and r.cost == math.inf


def test_topological_sort_by_hand_and_named_cycle():
    g = Graph.from_edges([("shirt", "tie"), ("tie", "jacket"), ("trousers", "shoes"),
                          ("trousers", "jacket")])
    assert topological_sort(g) == ["shirt", "trousers", "tie", "shoes", "jacket"]
    cyc = Graph.from_edges([(0, 1), (1, 2), (2, 0), (3, 0)])
    for method in ("kahn", "dfs"):
        with pytest.raises(CycleError, match=r"cycle (0|1|2) -> .* -> \1"):
            topological_sort(cyc, method)


def test_heuristics_by_hand_and_admissible_on_an_empty_grid():
    assert manhattan((0, 0), (3, 4)) == 7
    assert octile((0, 0), (3, 4)) == pytest.approx(4 + 3 * (math.sqrt(2) - 1))
    assert euclidean((0, 0), (3, 4)) == 5
    grid = GridGraph(np.zeros((6, 7), bool), 8)
    exact = dijkstra(grid, (5, 6)).distances
    for u, d in exact.items():
        assert octile(u, (5, 6)) == pytest.approx(d)  # exact on an empty 8-grid
        assert euclidean(u, (5, 6)) <= d + 1e-12


def test_weighted_astar_and_greedy_trade_cost_for_expansions():
    blocked = np.zeros((40, 40), bool)
    blocked[5:35, 20] = True  # a wall between start and goal
    grid = GridGraph(blocked, 4)
    s, t = (20, 2), (20, 37)
    opt = astar(grid, s, t, manhattan)
    w = astar(grid, s, t, manhattan, weight=3.0)
    greedy = greedy_best_first(grid, s, t, manhattan)
    assert w.cost <= 3.0 * opt.cost and greedy.cost >= opt.cost
    assert w.expanded <= opt.expanded and greedy.expanded <= opt.expanded
    assert opt.cost == dijkstra(grid, s, t).cost


def test_inconsistent_but_admissible_heuristic_still_optimal():
    # h(a) = 4 is admissible (true cost 4) but inconsistent with h(b) = 0 and w(b, a) = 1.
    g = Graph.from_edges([("s", "a", 3), ("s", "b", 1), ("b", "a", 1), ("a", "t", 3)])
    h = {"s": 0, "a": 0, "b": 4, "t": 0}
    r = astar(g, "s", "t", lambda u, t: h[u])
    assert r.cost == 5 and r.path == ["s", "b", "a", "t"]


def test_grid_diagonals_do_not_cut_corners():
    grid = GridGraph([[0, 1], [1, 0]], 8)
    assert list(grid.neighbors((0, 0))) == []


def test_bad_input():
    g = Graph.from_edges([(0, 1, -2)])
    with pytest.raises(ValueError, match="non-negative"):
        dijkstra(g, 0)
    with pytest.raises(ValueError, match="source: node 9"):
        bfs(g, 9)
    with pytest.raises(ValueError, match="target: expected a node"):
        astar(g, 0, None)
    with pytest.raises(ValueError, match="weight"):
        astar(g, 0, 1, weight=0.5)
    with pytest.raises(ValueError, match="order"):
        dfs(g, 0, order="in")
    with pytest.raises(ValueError, match="dst: expected node ids"):
        CSRGraph.from_edges(2, [0], [5])
    with pytest.raises(ValueError, match="connectivity"):
        GridGraph(np.zeros((2, 2)), 6)
    with pytest.raises(TypeError, match="graph: expected"):
        bfs({0: [1]}, 0)
