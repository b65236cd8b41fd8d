"""Cases for lcs/edit-distance.

The library has no edit-distance function, so the expected values come from a different
algorithm built on it: the edit distance is the length of a shortest path in the *edit
graph* (node (i, j) for the prefixes a[:i], b[:j]; edges of cost 1 for a deletion or an
insertion, of cost 0 or 1 along the diagonal), found by
mlinterview.algo.graphs.dijkstra (checked against networkx and SciPy in
tests/parity/test_algo_graphs.py). The fixed cases are worked by hand.
"""

from mlinterview.algo.graphs import Graph, dijkstra
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(a, b):
    edges = []
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if i < len(a):
                edges.append(((i, j), (i + 1, j), 1.0))              # delete a[i]
            if j < len(b):
                edges.append(((i, j), (i, j + 1), 1.0))              # insert b[j]
            if i < len(a) and j < len(b):
                edges.append(((i, j), (i + 1, j + 1), float(a[i] != b[j])))
    graph = Graph.from_edges(edges, nodes=[(0, 0)])
    return int(dijkstra(graph, (0, 0), (len(a), len(b))).cost)


def fixed():
    return [
        Case(("kitten", "sitting"), note="the classic example", expected=3),
        Case(("", "abc"), note="from the empty string: insertions", expected=3),
        Case(("abc", ""), note="to the empty string: deletions", expected=3),
        Case(("", ""), note="two empty strings", expected=0),
        Case(("flaw", "lawn"), note="a shift: mismatches everywhere, distance 2", expected=2),
        Case(("ab", "ba"), note="a swap of neighbours costs 2", expected=2),
        Case(("same", "same"), note="equal strings", expected=0),
        Case(("a", "b"), note="one substitution", expected=1),
        Case(("intention", "execution"), note="Jurafsky and Martin's example", expected=5),
        Case(("Abc", "abc"), note="case matters", expected=1),
        Case(("abcdef", "azced"), note="a mix of all three edits", expected=3),
    ]


def generated(rng):
    cases = []
    alphabet = "abcde"
    for i in range(20):
        m, n = int(rng.integers(0, 60)), int(rng.integers(0, 60))
        a = "".join(rng.choice(list(alphabet[: 2 + i % 4]), m))
        if i % 3 == 0:                        # b an edited copy of a: a small distance
            b = list(a)
            for _ in range(int(rng.integers(0, 6))):
                k = int(rng.integers(0, len(b) + 1))
                op = rng.integers(3)
                if op == 0:
                    b.insert(k, str(rng.choice(list(alphabet))))
                elif b and k < len(b):
                    if op == 1:
                        del b[k]
                    else:
                        b[k] = str(rng.choice(list(alphabet)))
            b = "".join(b)
        else:
            b = "".join(rng.choice(list(alphabet[: 2 + i % 4]), n))
        cases.append(Case((a, b), note=f"lengths {len(a)} and {len(b)}", size=len(a) * len(b)))
    return cases


SPEC = ExerciseSpec(
    function="edit_distance",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
