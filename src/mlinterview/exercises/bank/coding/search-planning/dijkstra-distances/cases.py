"""Cases for search-planning/dijkstra-distances.

Expected values come from mlinterview.algo.graphs.dijkstra (checked against networkx and
scipy.sparse.csgraph in tests/parity/test_algo_graphs.py) on a Graph that keeps the
cheapest of parallel edges (a Graph stores one weight per pair). Weights are integers or
halves, so every path length is exact in floating point. The fixed cases are worked by
hand.
"""

import math

from mlinterview.algo.graphs import Graph, dijkstra
from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(n, edges, source):
    cheapest = {}
    for u, v, w in edges:
        cheapest[u, v] = min(float(w), cheapest.get((u, v), math.inf))
    graph = Graph.from_edges([(u, v, w) for (u, v), w in cheapest.items()], nodes=range(n))
    dist = dijkstra(graph, source).distances
    return [float(dist.get(v, math.inf)) for v in range(n)]


INF = math.inf


def fixed():
    return [
        Case((4, [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 1)], 0),
             note="the statement's example", expected=[0.0, 3.0, 1.0, 4.0]),
        Case((3, [(1, 0, 1)], 0), note="edges are one-way", expected=[0.0, INF, INF]),
        Case((2, [(0, 1, 5), (0, 1, 2)], 0), note="parallel edges: the cheapest",
             expected=[0.0, 2.0]),
        Case((2, [(0, 1, 2), (0, 1, 5)], 0), note="parallel edges, cheapest first",
             expected=[0.0, 2.0]),
        Case((1, [], 0), note="one node", expected=[0.0]),
        Case((3, [(0, 1, 0), (1, 2, 0)], 2), note="zero weights; source 2 reaches nothing",
             expected=[INF, INF, 0.0]),
        # Greedy-at-push would fix 2 at 10 (pushed first), but 0 -> 1 -> 2 costs 3.
        Case((3, [(0, 2, 10), (0, 1, 1), (1, 2, 2)], 0),
             note="a node's distance improves after it is pushed", expected=[0.0, 1.0, 3.0]),
        Case((4, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 3, 5), (0, 0, 3)], 1),
             note="a cycle and a self-loop", expected=[2.0, 0.0, 1.0, 6.0]),
        # BFS (fewest edges) would say 0 -> 3 directly (weight 9); three edges cost 3.
        Case((4, [(0, 3, 9), (0, 1, 1), (1, 2, 1), (2, 3, 1)], 0),
             note="fewest edges is not cheapest", expected=[0.0, 1.0, 2.0, 3.0]),
        Case((3, [(0, 1, 0.5), (1, 2, 0.5), (0, 2, 1.5)], 0), note="fractional weights",
             expected=[0.0, 0.5, 1.0]),
    ]


def generated(rng):
    cases = []
    for n, m in [(5, 8), (10, 25), (30, 80), (100, 400), (300, 1200), (1000, 4000)] * 2 + [
            (4, 0), (3_000, 12_000)]:
        src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
        weights = rng.integers(0, 20, m) / (2 if m % 3 else 1)
        edges = [(int(u), int(v), float(w)) for u, v, w in zip(src, dst, weights, strict=True)]
        cases.append(Case((n, edges, int(rng.integers(n))), note=f"{n} nodes, {m} edges",
                          size=n + 3 * m))
    return cases


SPEC = ExerciseSpec(
    function="dijkstra_distances",
    # Sums of integers and halves are exact; inf compares equal to inf.
    compare=AllClose(rtol=0.0, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
