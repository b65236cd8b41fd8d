"""Cases for traversals-search/kahn-topological-sort.

Expected values come from mlinterview.algo.graphs.topological_sort(method="kahn")
(checked against networkx in tests/parity/test_algo_graphs.py) on a Graph whose nodes are
added in increasing order and whose edges keep their order, with CycleError meaning
None. The fixed cases are worked by hand.
"""

from mlinterview.algo.graphs import CycleError, Graph, topological_sort
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(n, edges):
    try:
        return topological_sort(Graph.from_edges(edges, nodes=range(n)), method="kahn")
    except CycleError:
        return None


def fixed():
    return [
        Case((4, [(0, 2), (1, 2), (2, 3)]), note="the statement's first example",
             expected=[0, 1, 2, 3]),
        Case((4, [(3, 1), (3, 0), (2, 0)]), note="targets freed in edge order",
             expected=[2, 3, 1, 0]),
        Case((3, [(0, 1), (1, 2), (2, 1)]), note="a cycle 1 -> 2 -> 1", expected=None),
        Case((2, [(1, 1)]), note="a self-loop is a cycle", expected=None),
        Case((1, []), note="one node", expected=[0]),
        Case((0, []), note="no nodes", expected=[]),
        Case((5, []), note="no edges: increasing order", expected=[0, 1, 2, 3, 4]),
        Case((4, [(3, 2), (2, 1), (1, 0)]), note="a chain against the numbering",
             expected=[3, 2, 1, 0]),
        # 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3: a diamond; FIFO gives 0, 1, 2, 3.
        Case((4, [(0, 2), (0, 1), (1, 3), (2, 3)]), note="a diamond, edges listed 2 first",
             expected=[0, 2, 1, 3]),
        # Queue [0, 4]: 0 frees 1; then 4 frees 2 (in-degree 1 from 4 only); then 1, 2 -> 3.
        Case((5, [(0, 1), (4, 2), (1, 3), (2, 3)]), note="FIFO, not depth-first",
             expected=[0, 4, 1, 2, 3]),
        Case((5, [(0, 1), (1, 2), (3, 4), (4, 3)]), note="a DAG part and a cycle: None",
             expected=None),
    ]


def _dag(rng, n, m):
    """m distinct edges that all go forward in a hidden random order (so no cycle)."""
    order = rng.permutation(n)
    i, j = rng.integers(0, n, (2, 3 * m + 10))
    keep = i < j
    pairs = dict.fromkeys(zip(order[i[keep]].tolist(), order[j[keep]].tolist(), strict=True))
    edges = list(pairs)[:m]
    rng.shuffle(edges)
    return edges


def generated(rng):
    cases = []
    sizes = [(5, 4), (8, 10), (12, 20), (30, 60), (60, 150), (100, 300), (300, 900),
             (1000, 3000)]
    for i, (n, m) in enumerate(sizes * 2 + [(5000, 15000)]):
        m = min(m, n * (n - 1) // 2)
        edges = _dag(rng, n, m)
        cyclic = len(sizes) <= i < 2 * len(sizes)    # second round: close a cycle
        if cyclic:
            u, v = edges[int(rng.integers(len(edges)))]
            edges.append((v, u))
        cases.append(Case((n, edges), note=f"{n} nodes, {len(edges)} edges"
                          + (", one edge reversed into a cycle" if cyclic else ""),
                          size=n + 2 * len(edges)))
    return cases


SPEC = ExerciseSpec(
    function="topological_order",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
