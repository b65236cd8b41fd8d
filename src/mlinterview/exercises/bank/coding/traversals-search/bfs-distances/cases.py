"""Cases for traversals-search/bfs-distances.

Expected values come from mlinterview.algo.graphs.bfs (checked against networkx and
scipy.sparse.csgraph in tests/parity/test_algo_graphs.py); the fixed cases are worked by
hand. The last case is a long path laid out in shuffled order plus many short chords.
"""

from mlinterview.algo.graphs import Graph, bfs
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(n, edges, source):
    g = Graph.from_edges(edges, directed=False, nodes=range(n))
    dist = bfs(g, source).distances
    return [int(dist.get(v, -1)) for v in range(n)]


def fixed():
    return [
        Case((5, [(0, 1), (1, 2), (0, 3)], 0), note="the statement's example",
             expected=[0, 1, 2, 1, -1]),
        Case((1, [], 0), note="one node", expected=[0]),
        Case((3, [], 1), note="no edges", expected=[-1, 0, -1]),
        Case((3, [(1, 0), (2, 1)], 0), note="edges listed backwards", expected=[0, 1, 2]),
        Case((4, [(0, 1), (1, 2), (2, 3), (0, 3)], 0), note="a 4-cycle: 3 is one edge away",
             expected=[0, 1, 2, 1]),
        Case((5, [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)], 0),
             note="DFS would reach 4 through the long way", expected=[0, 1, 2, 2, 1]),
        Case((3, [(0, 1), (0, 1), (1, 1)], 0), note="repeated edge and a self-loop",
             expected=[0, 1, -1]),
    ]


def generated(rng):
    cases = []
    for n, m in [(10, 15), (50, 80), (200, 400), (2000, 5000), (30_000, 60_000)]:
        edges = [tuple(map(int, e)) for e in rng.integers(0, n, (m, 2))]
        cases.append(Case((n, edges, int(rng.integers(n))), note=f"{n} nodes, {m} edges",
                          size=n + 2 * m))
    return cases


SPEC = ExerciseSpec(
    function="bfs_distances",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
