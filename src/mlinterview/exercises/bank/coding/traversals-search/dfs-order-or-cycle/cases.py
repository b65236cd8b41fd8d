"""Cases for traversals-search/dfs-order-or-cycle.

Expected values come from mlinterview.algo.graphs.topological_sort(method="dfs")
(checked against networkx in tests/parity/test_algo_graphs.py): its reverse post-order,
or the cycle of the CycleError it raises at the first back edge. The graph's nodes are
added in increasing order and its edges keep their order, as the statement requires.
The fixed cases are worked by hand.
"""

from mlinterview.algo.graphs import CycleError, Graph, topological_sort
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(n, edges):
    try:
        return ("order", topological_sort(Graph.from_edges(edges, nodes=range(n)),
                                          method="dfs"))
    except CycleError as exc:
        return ("cycle", exc.cycle)


def fixed():
    return [
        Case((4, [(0, 1), (0, 2), (1, 3), (2, 3)]), note="the statement's diamond",
             expected=("order", [0, 2, 1, 3])),
        Case((3, [(2, 0), (0, 1)]), note="a second DFS from node 2",
             expected=("order", [2, 0, 1])),
        Case((4, [(0, 1), (1, 2), (2, 3), (3, 1)]), note="the statement's cycle",
             expected=("cycle", [1, 2, 3, 1])),
        Case((3, [(1, 1)]), note="a self-loop", expected=("cycle", [1, 1])),
        Case((1, []), note="one node", expected=("order", [0])),
        Case((0, []), note="no nodes", expected=("order", [])),
        Case((3, []), note="no edges: roots 0, 1, 2 finish in turn",
             expected=("order", [2, 1, 0])),
        # 0 -> 2 first (edge order), 2 -> 1, 1 -> 0 is a back edge.
        Case((3, [(0, 2), (0, 1), (2, 1), (1, 0)]), note="edge order decides the path",
             expected=("cycle", [0, 2, 1, 0])),
        # Edge 1 -> 0 where 0 is black (finished in the first DFS): not a cycle.
        Case((3, [(0, 2), (1, 0), (1, 2)]), note="an edge to a finished node is no cycle",
             expected=("order", [1, 0, 2])),
        Case((5, [(0, 1), (1, 2), (3, 4), (4, 3)]), note="the cycle in a later DFS tree",
             expected=("cycle", [3, 4, 3])),
    ]


def _dag(rng, n, m):
    order = rng.permutation(n)
    pairs = set()
    while len(pairs) < m:
        i, j = sorted(rng.integers(0, n, 2))
        if i != j:
            pairs.add((int(order[i]), int(order[j])))
    edges = list(pairs)
    rng.shuffle(edges)
    return edges


def generated(rng):
    cases = []
    for i, (n, m) in enumerate([(5, 4), (8, 10), (12, 20), (30, 60), (60, 150), (100, 300),
                                (300, 900), (1000, 3000)] * 2):
        m = min(m, n * (n - 1) // 2)
        edges = _dag(rng, n, m)
        if i >= 8:                                # second round: close a cycle somewhere
            u, v = edges[int(rng.integers(len(edges)))]
            edges.insert(int(rng.integers(len(edges) + 1)), (v, u))
        cases.append(Case((n, edges), note=f"{n} nodes, {len(edges)} edges"
                          + (" with a cycle" if i >= 8 else ""), size=n + 2 * len(edges)))
    chain = [(k, k + 1) for k in range(4999)]
    cases.append(Case((5000, chain), note="a chain 5,000 deep", size=15_000))
    cases.append(Case((5000, [*chain, (4999, 0)]), note="a ring 5,000 long", size=15_002))
    return cases


SPEC = ExerciseSpec(
    function="dfs_order_or_cycle",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
