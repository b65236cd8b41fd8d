"""Graphs and graph search: BFS, DFS, topological sort, Dijkstra, greedy best-first, A*.

Three graph representations share one small interface, ``neighbors(u)`` yielding
``(v, weight)`` pairs, so every search runs on all of them:

- :class:`Graph`: adjacency lists in a dict, any hashable node (the interview default);
- :class:`CSRGraph`: compressed sparse rows in NumPy arrays, nodes ``0..n-1`` (memory
  ``O(V + E)`` in three flat arrays; what scipy.sparse.csgraph uses);
- :class:`GridGraph`: a 2-D occupancy grid, 4- or 8-connected, neighbours computed on
  the fly (nodes are ``(row, col)`` tuples).

Every search returns a :class:`SearchResult`: the path, its cost, the number of nodes
expanded (taken off the frontier and their edges examined), the visit order and the
largest frontier size.

| search | frontier | optimal path | time |
|---|---|---|---|
| BFS | FIFO queue | fewest edges | O(V + E) |
| DFS | stack | no | O(V + E) |
| Dijkstra | priority queue on g | yes (w >= 0) | O((V + E) log V) |
| greedy best-first | priority queue on h | no | depends on h |
| A* | priority queue on g + h | yes if h admissible | at most Dijkstra's, with a consistent h |
| weighted A* | g + w h | within a factor w | usually far fewer expansions |

On a :class:`CSRGraph`, ``bfs``, ``bfs_levels`` and ``dijkstra`` run a compiled twin
(``_graphs_numba``: the same steps on the CSR arrays, a FIFO array or a binary heap as
frontier) when Numba is installed, the ``fast`` extra, and the graph has enough edges to pay
for importing it (:func:`~mlinterview.ml._numba.worth_compiling`); the results are the
same, 60 to 100 times sooner on a million edges. ``MLINTERVIEW_NO_NUMBA=1`` forces the
Python versions below.

Sources: Hart, Nilsson & Raphael (1968) for A*; Kahn (1962) and Tarjan (1976) for
topological sorting; Pohl (1970) for weighted A*.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import numpy as np

from mlinterview.algo import _graphs_numba
from mlinterview.algo._array_views import NodeMap, NodeSequence
from mlinterview.ml._numba import worth_compiling
from mlinterview.ml._validation import check_option, check_scalar

__all__ = [
    "CSRGraph", "CycleError", "Graph", "GridGraph", "SearchResult", "astar", "bfs",
    "bfs_levels", "dfs", "dijkstra", "euclidean", "greedy_best_first", "manhattan",
    "octile", "topological_sort",
]

Node = Hashable


class Neighbors(Protocol):
    def neighbors(self, u: Node) -> Iterable[tuple[Node, float]]: ...


@dataclass
class SearchResult:
    """What a search found and what it cost to find it.

    path : list of nodes from source to target (None when there is no target or it is
        unreachable); cost : sum of edge weights along ``path`` (``inf`` if unreachable);
    expanded : number of nodes taken off the frontier and expanded; order : the nodes in
    the order they were expanded; max_frontier : the largest frontier size seen;
    distances : best cost found to every reached node (BFS: number of edges).

    The compiled searches return ``order`` and ``distances`` as read-only list and dict
    views of their arrays (they compare equal to the list and dict the readable versions
    give); ``list(...)`` or ``dict(...)`` makes a copy to change.
    """

    path: list[Node] | None
    cost: float
    expanded: int
    order: Sequence[Node] = field(default_factory=list)
    max_frontier: int = 0
    distances: Mapping[Node, float] = field(default_factory=dict)


class CycleError(ValueError):
    """A topological order was asked of a graph with a cycle; ``cycle`` lists one cycle
    as nodes ``[v0, v1, ..., v0]``."""

    def __init__(self, cycle: list[Node]):
        self.cycle = cycle
        shown = " -> ".join(map(repr, cycle))
        super().__init__(f"graph: expected a DAG, found the cycle {shown}")


# ---------------------------------------------------------------------------------------
# Representations
# ---------------------------------------------------------------------------------------


class Graph:
    """Adjacency-list graph: ``adj[u]`` is a dict ``{v: weight}``. Memory O(V + E).

    >>> g = Graph.from_edges([("a", "b"), ("b", "c", 2.5)])
    >>> list(g.neighbors("b"))
    [('c', 2.5)]
    """

    def __init__(self, directed: bool = True):
        self.directed = directed
        self.adj: dict[Node, dict[Node, float]] = {}

    @classmethod
    def from_edges(cls, edges: Iterable[tuple], *, directed: bool = True,
                   nodes: Iterable[Node] = ()) -> Graph:
        """A graph from ``(u, v)`` or ``(u, v, weight)`` tuples (weight 1 by default)."""
        g = cls(directed)
        for u in nodes:
            g.add_node(u)
        for edge in edges:
            if len(edge) not in (2, 3):
                raise ValueError(f"edges: expected (u, v) or (u, v, weight), got {edge!r}")
            g.add_edge(*edge)
        return g

    def add_node(self, u: Node) -> None:
        self.adj.setdefault(u, {})

    def add_edge(self, u: Node, v: Node, weight: float = 1.0) -> None:
        """Add the edge u -> v (and v -> u when undirected)."""
        weight = float(weight)
        if math.isnan(weight):
            raise ValueError(f"weight: expected a number, got NaN on edge {u!r} -> {v!r}")
        self.add_node(u)
        self.add_node(v)
        self.adj[u][v] = weight
        if not self.directed:
            self.adj[v][u] = weight

    def nodes(self) -> list[Node]:
        return list(self.adj)

    def neighbors(self, u: Node) -> Iterator[tuple[Node, float]]:
        return iter(self.adj[u].items())

    def __contains__(self, u: object) -> bool:
        return u in self.adj

    def __len__(self) -> int:
        return len(self.adj)


_INT32 = np.iinfo(np.int32)


class CSRGraph:
    """Compressed sparse rows: the out-edges of ``u`` are ``indices[indptr[u]:indptr[u+1]]``
    with weights ``weights[...]``. Nodes are ``0..n_nodes-1``.

    indptr : int array of shape (n_nodes + 1,); indices : int array of shape (n_edges,);
    weights : float64 array of shape (n_edges,). The ints are int32 while every id and
    offset fits (as in scipy.sparse), else int64: half the memory a search streams through.
    """

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray):
        indptr, indices = np.asarray(indptr), np.asarray(indices)
        fits = all(x.size == 0 or (x.min() >= _INT32.min and x.max() <= _INT32.max)
                   for x in (indptr, indices))
        dtype = np.int32 if fits else np.int64
        self.indptr = np.ascontiguousarray(indptr, dtype=dtype)
        self.indices = np.ascontiguousarray(indices, dtype=dtype)
        self.weights = np.ascontiguousarray(weights, dtype=np.float64)
        self.directed = True

    @classmethod
    def from_edges(cls, n_nodes: int, src: Any, dst: Any, weights: Any = None, *,
                   directed: bool = True) -> CSRGraph:
        """Build from edge arrays ``src``, ``dst`` (and ``weights``) of shape (n_edges,).

        Edges are grouped by source with a stable counting sort (``np.argsort`` kind
        "stable" on the source ids), then ``indptr`` is the running count per node.
        """
        check_scalar(n_nodes, "n_nodes", int, lo=0)
        src = np.asarray(src, dtype=np.int64).ravel()
        dst = np.asarray(dst, dtype=np.int64).ravel()
        if src.shape != dst.shape:
            raise ValueError(f"src, dst: expected the same length, got {src.size} and "
                             f"{dst.size}")
        w = np.ones(src.size) if weights is None else np.asarray(weights, np.float64).ravel()
        if w.shape != src.shape:
            raise ValueError(f"weights: expected {src.size} values, got {w.size}")
        for name, arr in (("src", src), ("dst", dst)):
            if arr.size and (arr.min() < 0 or arr.max() >= n_nodes):
                raise ValueError(f"{name}: expected node ids in [0, {n_nodes}), got "
                                 f"[{arr.min()}, {arr.max()}]")
        if not directed:
            src, dst, w = np.r_[src, dst], np.r_[dst, src], np.r_[w, w]
        order = np.argsort(src, kind="stable")
        indptr = np.zeros(n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n_nodes), out=indptr[1:])
        g = cls(indptr, dst[order], w[order])
        g.directed = directed
        return g

    @property
    def n_nodes(self) -> int:
        return len(self.indptr) - 1

    def nodes(self) -> list[int]:
        return list(range(self.n_nodes))

    def neighbors(self, u: int) -> Iterator[tuple[int, float]]:
        lo, hi = self.indptr[u], self.indptr[u + 1]
        return zip(self.indices[lo:hi].tolist(), self.weights[lo:hi].tolist(), strict=True)

    def __contains__(self, u: object) -> bool:
        return isinstance(u, (int, np.integer)) and 0 <= u < self.n_nodes


class GridGraph:
    """A 2-D grid; ``blocked[r, c]`` True is an obstacle. Moves cost 1 (sqrt(2) diagonally).

    connectivity 4: up, down, left, right. connectivity 8: also diagonals, except
    corner-cutting between two obstacles (a diagonal move needs both side cells free).
    """

    _STEPS: ClassVar[dict[int, tuple]] = {
        4: ((-1, 0), (1, 0), (0, -1), (0, 1)),
        8: ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))}

    def __init__(self, blocked: Any, connectivity: int = 4):
        blocked = np.asarray(blocked)
        if blocked.ndim != 2:
            raise ValueError(f"blocked: expected a 2-D array, got shape {blocked.shape}")
        check_option(connectivity, "connectivity", (4, 8))
        self.blocked = blocked.astype(bool)
        self.connectivity = connectivity
        self.directed = False

    @property
    def shape(self) -> tuple[int, int]:
        return self.blocked.shape

    def nodes(self) -> list[tuple[int, int]]:
        return [tuple(map(int, rc)) for rc in np.argwhere(~self.blocked)]

    def __contains__(self, u: object) -> bool:
        if not (isinstance(u, tuple) and len(u) == 2):
            return False
        r, c = u
        return 0 <= r < self.shape[0] and 0 <= c < self.shape[1] and not self.blocked[r, c]

    def neighbors(self, u: tuple[int, int]) -> Iterator[tuple[tuple[int, int], float]]:
        r, c = u
        for dr, dc in self._STEPS[self.connectivity]:
            v = (r + dr, c + dc)
            if v not in self:
                continue
            if dr and dc:
                if (r + dr, c) not in self or (r, c + dc) not in self:
                    continue  # no squeezing diagonally between two obstacles
                yield v, math.sqrt(2.0)
            else:
                yield v, 1.0


# Heuristics for grids: h(u, goal) on (row, col) tuples.


def manhattan(u: tuple[int, int], goal: tuple[int, int]) -> float:
    """|dr| + |dc|: exact on an empty 4-connected grid, so admissible and consistent there."""
    return float(abs(u[0] - goal[0]) + abs(u[1] - goal[1]))


def octile(u: tuple[int, int], goal: tuple[int, int]) -> float:
    """max + (sqrt(2) - 1) min of |dr|, |dc|: exact on an empty 8-connected grid."""
    dr, dc = abs(u[0] - goal[0]), abs(u[1] - goal[1])
    return max(dr, dc) + (math.sqrt(2.0) - 1.0) * min(dr, dc)


def euclidean(u: tuple[int, int], goal: tuple[int, int]) -> float:
    """Straight-line distance: admissible on 4- and 8-connected grids, but less informed."""
    return math.hypot(u[0] - goal[0], u[1] - goal[1])


# ---------------------------------------------------------------------------------------
# Uninformed search
# ---------------------------------------------------------------------------------------


def _check_source(graph: Any, source: Node, name: str = "source") -> None:
    if not hasattr(graph, "neighbors"):
        raise TypeError(f"graph: expected a Graph, CSRGraph or GridGraph, got "
                        f"{type(graph).__name__}")
    if source not in graph:
        raise ValueError(f"{name}: node {source!r} is not in the graph")


def _path(parent: dict[Node, Node | None], target: Node) -> list[Node]:
    """Follow parent pointers from ``target`` back to the source."""
    path = [target]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def _path_cost(graph: Neighbors, path: list[Node]) -> float:
    cost = 0.0
    for u, v in itertools.pairwise(path):
        cost += min(w for x, w in graph.neighbors(u) if x == v)
    return cost


def bfs(graph: Neighbors, source: Node, target: Node | None = None) -> SearchResult:
    """Breadth-first search: expand nodes in order of their distance in edges.

    A node is marked seen when it is *pushed*, so it enters the queue once. Stops when
    ``target`` is expanded; without a target, visits everything reachable. ``distances``
    holds each reached node's level (edges from the source), ``cost`` the number of edges
    of the path. O(V + E) time, O(V) memory (the frontier can hold a whole level).
    """
    _check_source(graph, source)
    if _compiled(graph, target):
        return _bfs_csr_compiled(graph, source, target)
    parent: dict[Node, Node | None] = {source: None}
    level: dict[Node, float] = {source: 0}
    queue = deque([source])
    order: list[Node] = []
    max_frontier = 1
    while queue:
        u = queue.popleft()
        order.append(u)
        if u == target:
            break
        for v, _ in graph.neighbors(u):
            if v not in parent:
                parent[v] = u
                level[v] = level[u] + 1
                queue.append(v)
        max_frontier = max(max_frontier, len(queue))
    return _result(parent, level, order, max_frontier, target,
                   cost=lambda: float(level[target]))


def _result(parent, dist, order, max_frontier, target, cost) -> SearchResult:
    if target is not None and target in parent and (not order or order[-1] == target):
        return SearchResult(_path(parent, target), cost(), len(order), order, max_frontier,
                            dist)
    return SearchResult(None, math.inf if target is not None else 0.0, len(order), order,
                        max_frontier, dist)


def _compiled(graph: Any, target: Node | None) -> bool:
    """Run the compiled twin? On a CSRGraph big enough to pay for numba (work: one step per
    edge, :func:`~mlinterview.ml._numba.worth_compiling`), and a target that is a node
    (an odd target such as 3.0, equal to node 3, is left to the Python version)."""
    return (isinstance(graph, CSRGraph) and (target is None or target in graph)
            and worth_compiling(graph.indices.size))


def _csr_path(parent: np.ndarray, target: int) -> list[int]:
    """Follow a parent array (-1 at the source) from ``target`` back to the source."""
    path = [int(target)]
    while parent[path[-1]] >= 0:
        path.append(int(parent[path[-1]]))
    return path[::-1]


def _bfs_csr_compiled(graph: CSRGraph, source: int, target: int | None) -> SearchResult:
    """:func:`bfs` on the CSR arrays: same order, levels, path and frontier size."""
    stop = -1 if target is None else int(target)
    queue, n_expanded, parent, starts, max_frontier = _graphs_numba.bfs_compiled(
        graph.indptr, graph.indices, int(source), stop)
    # In push order (the readable version's dict order) the levels run 0, 1, 1, .., 2, ..:
    # level d repeated once per node of that level.
    levels = np.repeat(np.arange(starts.size - 1), np.diff(starts))
    distances = NodeMap(queue, levels, graph.n_nodes)
    cost = float(levels[n_expanded - 1])   # of the last node expanded: the target if found
    return _csr_result(queue[:n_expanded], cost, distances, parent, max_frontier, stop)


def _csr_result(order: np.ndarray, cost: float, distances: NodeMap, parent: np.ndarray,
                max_frontier: int, target: int) -> SearchResult:
    """A compiled search's SearchResult; it stopped on ``target`` (-1: none) if found, and
    ``cost`` is then the target's. ``order`` and ``distances`` stay arrays behind list and
    dict views (:mod:`._array_views`): a search on a big graph need not pay for 100,000
    Python ints that its caller may never read."""
    order = NodeSequence(order)
    if order[-1] == target:
        return SearchResult(_csr_path(parent, target), cost, len(order), order,
                            max_frontier, distances)
    return SearchResult(None, math.inf if target >= 0 else 0.0, len(order), order,
                        max_frontier, distances)


def bfs_levels(graph: CSRGraph, source: int) -> np.ndarray:
    """BFS levels of every node of a CSR graph, shape (n_nodes,), -1 if unreachable.

    Level-synchronous and vectorised: the whole frontier's edge ranges are gathered at
    once (``np.repeat`` of the row starts plus a within-row offset), so the Python loop
    runs once per level, not once per node. With Numba, the compiled node-by-node BFS
    gives the same levels sooner (no per-level temporaries).
    """
    if not isinstance(graph, CSRGraph):
        raise TypeError(f"graph: expected a CSRGraph, got {type(graph).__name__}")
    _check_source(graph, source)
    if worth_compiling(graph.indices.size):  # compiled node by node: no per-level arrays
        queue, _, _, starts, _ = _graphs_numba.bfs_compiled(graph.indptr, graph.indices,
                                                            int(source), -1)
        levels = np.full(graph.n_nodes, -1, dtype=np.int64)
        levels[queue] = np.repeat(np.arange(starts.size - 1), np.diff(starts))
        return levels
    levels = np.full(graph.n_nodes, -1, dtype=np.int64)
    levels[source] = 0
    frontier = np.array([source], dtype=np.int64)
    depth = 0
    while frontier.size:
        starts, ends = graph.indptr[frontier], graph.indptr[frontier + 1]
        counts = ends - starts
        total = int(counts.sum())
        if total == 0:
            break
        # Position of every frontier edge in `indices`: row start + offset within the row.
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        nbrs = graph.indices[np.repeat(starts, counts) + offsets]
        nbrs = np.unique(nbrs[levels[nbrs] < 0])
        depth += 1
        levels[nbrs] = depth
        frontier = nbrs
    return levels


def dfs(graph: Neighbors, source: Node, target: Node | None = None, *, order: str = "pre",
        recursive: bool = False) -> SearchResult:
    """Depth-first search from ``source``, neighbours in the order the graph lists them.

    ``order="pre"`` records a node when it is first entered, ``"post"`` when all its
    descendants are finished (reverse post-order is a topological order of a DAG). The
    iterative version keeps an explicit stack of neighbour iterators, so it visits in
    exactly the recursive order and never hits the recursion limit; ``recursive=True``
    is the textbook version (O(depth) call stack). With a ``target`` the search stops
    when it is entered, and the path is the DFS-tree path (not a shortest one).
    O(V + E) time, O(V) memory.
    """
    _check_source(graph, source)
    check_option(order, "order", ("pre", "post"))
    parent: dict[Node, Node | None] = {source: None}
    visit: list[Node] = []
    if recursive:
        _dfs_recursive(graph, source, target, order, parent, visit)
        max_frontier = 0
    else:
        max_frontier = _dfs_iterative(graph, source, target, order, parent, visit)
    found = target is not None and target in parent
    if found:
        path = _path(parent, target)
        return SearchResult(path, _path_cost(graph, path), len(parent), visit, max_frontier,
                            {})
    return SearchResult(None, math.inf if target is not None else 0.0, len(parent), visit,
                        max_frontier, {})


def _dfs_iterative(graph, source, target, order, parent, visit) -> int:
    if order == "pre":
        visit.append(source)
    if source == target:
        return 1
    stack = [(source, iter(graph.neighbors(source)))]
    max_frontier = 1
    while stack:
        u, it = stack[-1]
        for v, _ in it:
            if v not in parent:
                parent[v] = u
                if order == "pre":
                    visit.append(v)
                if v == target:
                    return max(max_frontier, len(stack) + 1)
                stack.append((v, iter(graph.neighbors(v))))
                max_frontier = max(max_frontier, len(stack))
                break
        else:  # every neighbour of u is done: u is finished
            stack.pop()
            if order == "post":
                visit.append(u)
    return max_frontier


def _dfs_recursive(graph, u, target, order, parent, visit) -> bool:
    """Returns True once ``target`` is entered, to unwind without visiting more."""
    if order == "pre":
        visit.append(u)
    if u == target:
        return True
    for v, _ in graph.neighbors(u):
        if v not in parent:
            parent[v] = u
            if _dfs_recursive(graph, v, target, order, parent, visit):
                return True
    if order == "post":
        visit.append(u)
    return False


def topological_sort(graph: Graph | CSRGraph, method: str = "kahn") -> list[Node]:
    """An order of the nodes in which every edge u -> v has u before v.

    method "kahn": repeatedly take a node with no remaining incoming edges (a queue of
    in-degree-0 nodes); if some nodes are never freed, they sit on a cycle.
    method "dfs": reverse post-order of a DFS; an edge to a node still on the stack
    (grey) closes a cycle. Both O(V + E). Raises :class:`CycleError` naming one cycle.
    """
    check_option(method, "method", ("kahn", "dfs"))
    if not hasattr(graph, "nodes") or not getattr(graph, "directed", True):
        raise TypeError("graph: expected a directed Graph or CSRGraph")
    nodes = graph.nodes()
    if method == "kahn":
        indegree = dict.fromkeys(nodes, 0)
        for u in nodes:
            for v, _ in graph.neighbors(u):
                indegree[v] += 1
        queue = deque(u for u in nodes if indegree[u] == 0)
        out = []
        while queue:
            u = queue.popleft()
            out.append(u)
            for v, _ in graph.neighbors(u):
                indegree[v] -= 1
                if indegree[v] == 0:
                    queue.append(v)
        if len(out) < len(nodes):
            left = [u for u in nodes if indegree[u] > 0]
            raise CycleError(_find_cycle(graph, left))
        return out
    return _dfs_topological(graph, nodes)


_WHITE, _GREY, _BLACK = 0, 1, 2


def _dfs_topological(graph, nodes) -> list[Node]:
    colour = dict.fromkeys(nodes, _WHITE)
    post: list[Node] = []
    for root in nodes:
        if colour[root] != _WHITE:
            continue
        colour[root] = _GREY
        stack = [(root, iter(graph.neighbors(root)))]
        while stack:
            u, it = stack[-1]
            for v, _ in it:
                if colour[v] == _GREY:  # back edge: v is an ancestor of u
                    path = [node for node, _ in stack]
                    raise CycleError([*path[path.index(v):], v])
                if colour[v] == _WHITE:
                    colour[v] = _GREY
                    stack.append((v, iter(graph.neighbors(v))))
                    break
            else:
                stack.pop()
                colour[u] = _BLACK
                post.append(u)
    return post[::-1]


def _find_cycle(graph, stuck: list[Node]) -> list[Node]:
    """One cycle among the nodes Kahn's algorithm could not free, O(V + E).

    A stuck node kept a positive in-degree, and only stuck nodes still count towards
    it, so every stuck node has a stuck *predecessor*. Walking predecessors must
    therefore repeat a node; the stretch between the repeats, reversed, is a cycle.
    """
    inside = set(stuck)
    pred: dict[Node, Node] = {}
    for u in stuck:
        for v, _ in graph.neighbors(u):
            if v in inside:
                pred.setdefault(v, u)
    seen: dict[Node, int] = {}
    walk: list[Node] = []
    u = stuck[0]
    while u not in seen:
        seen[u] = len(walk)
        walk.append(u)
        u = pred[u]
    cycle = walk[seen[u]:][::-1]  # predecessors walked backwards: reverse to follow edges
    return [*cycle, cycle[0]]


# ---------------------------------------------------------------------------------------
# Best-first searches (one priority-queue loop, three priorities)
# ---------------------------------------------------------------------------------------


def _best_first(graph: Neighbors, source: Node, target: Node | None,
                priority: Callable[[float, Node], float], reopen: bool = True) -> SearchResult:
    """Expand the frontier node with the lowest ``priority(g, node)``.

    ``g`` is the best known cost from the source. Stale heap entries (a node pushed again
    with a lower g) are skipped when popped ("lazy deletion"), which is simpler than a
    decrease-key and costs O(E log E). With a consistent heuristic (or none) a node's g is
    final when first popped, so each node is expanded once; with an admissible but
    inconsistent one a node can be reopened when a cheaper path to it turns up, which
    keeps A* optimal. ``reopen=False`` (greedy, weighted A*) closes a node for good once
    expanded, the usual choice when optimality is given up anyway: with a consistent
    heuristic weighted A* stays within its factor w without reopening (Likhachev et al.
    2003); with an inconsistent one that bound needs reopening. A counter breaks ties
    in push order so nodes are never compared.
    """
    g: dict[Node, float] = {source: 0.0}
    parent: dict[Node, Node | None] = {source: None}
    heap = [(priority(0.0, source), 0, 0.0, source)]
    pushes = 1
    order: list[Node] = []
    max_frontier = 1
    found = False
    closed: set[Node] = set()
    while heap:
        _, _, g_entry, u = heapq.heappop(heap)
        if g_entry > g[u] or u in closed:
            continue  # stale: u was pushed again with a lower cost, or closed for good
        if not reopen:
            closed.add(u)
        order.append(u)
        if u == target:
            found = True
            break
        for v, w in graph.neighbors(u):
            if w < 0:
                raise ValueError(f"graph: expected non-negative weights, got {w} on edge "
                                 f"{u!r} -> {v!r}")
            new = g_entry + w
            if new < g.get(v, math.inf) and v not in closed:
                g[v] = new
                parent[v] = u
                heapq.heappush(heap, (priority(new, v), pushes, new, v))
                pushes += 1
        max_frontier = max(max_frontier, len(heap))
    if found:
        return SearchResult(_path(parent, target), g[target], len(order), order, max_frontier,
                            g)
    return SearchResult(None, math.inf if target is not None else 0.0, len(order), order,
                        max_frontier, g)


def dijkstra(graph: Neighbors, source: Node, target: Node | None = None) -> SearchResult:
    """Shortest paths by cost from ``source`` (non-negative weights): priority = g.

    Without a target, ``distances`` holds the shortest distance to every reachable node.
    O((V + E) log V) with a binary heap. A negative weight raises ``ValueError`` (use
    Bellman-Ford for those).
    """
    _check_source(graph, source)
    if _compiled(graph, target):
        return _dijkstra_csr_compiled(graph, source, target)
    return _best_first(graph, source, target, lambda g, v: g)


def _dijkstra_csr_compiled(graph: CSRGraph, source: int, target: int | None) -> SearchResult:
    """:func:`dijkstra` on the CSR arrays: same distances, order, path, ties and errors."""
    stop = -1 if target is None else int(target)
    dist, parent, order, reached, max_frontier, bad = _graphs_numba.dijkstra_compiled(
        graph.indptr, graph.indices, graph.weights, int(source), stop)
    if bad >= 0:
        u = int(np.searchsorted(graph.indptr, bad, side="right") - 1)
        raise ValueError(f"graph: expected non-negative weights, got "
                         f"{float(graph.weights[bad])} on edge {u!r} -> "
                         f"{int(graph.indices[bad])!r}")
    distances = NodeMap(reached, dist[reached], graph.n_nodes)
    cost = float(dist[order[-1]])   # of the last node expanded: the target if found
    return _csr_result(order, cost, distances, parent, max_frontier, stop)


def _check_target(graph, target) -> None:
    if target is None:
        raise ValueError("target: expected a node, got None (informed search needs a goal)")
    _check_source(graph, target, "target")


def greedy_best_first(graph: Neighbors, source: Node, target: Node,
                      heuristic: Callable[[Node, Node], float]) -> SearchResult:
    """Expand the node that looks closest to the goal: priority = h(node, target).

    Ignores the cost so far, so it is fast when the heuristic is good and can return a
    long path (it is not optimal); on a finite graph it is complete.
    """
    _check_source(graph, source)
    _check_target(graph, target)
    return _best_first(graph, source, target, lambda g, v: heuristic(v, target),
                       reopen=False)


def astar(graph: Neighbors, source: Node, target: Node,
          heuristic: Callable[[Node, Node], float] | None = None, *,
          weight: float = 1.0) -> SearchResult:
    """A*: priority f = g + weight * h(node, target).

    With ``weight=1`` and an admissible heuristic (never above the true remaining cost)
    the returned path is optimal; with a consistent one (``h(u) <= w(u, v) + h(v)``) no
    node needs expanding twice, and A* expands no more nodes than Dijkstra (h = 0 is
    Dijkstra). ``weight > 1`` is weighted A*: cost at most ``weight`` times the optimum,
    usually with far fewer expansions.
    """
    _check_source(graph, source)
    _check_target(graph, target)
    check_scalar(weight, "weight", lo=1.0)
    h = heuristic if heuristic is not None else (lambda u, t: 0.0)
    return _best_first(graph, source, target, lambda g, v: g + weight * h(v, target),
                       reopen=weight == 1.0)
