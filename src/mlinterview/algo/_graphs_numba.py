"""Compiled twins of the searches in :mod:`mlinterview.algo.graphs` on a CSR graph.

A search is sequential by nature: which node comes off the queue next depends on every
earlier step. In Python each step costs a dict look-up, a tuple and a heap push of
boxed objects (~1 µs per edge); here the graph is the CSR arrays themselves
(``indptr`` (n + 1,), ``indices`` (n_edges,), both int32 or int64, ``weights``
float64 (n_edges,)) and the frontier a preallocated array: a FIFO queue for BFS, a binary heap
for Dijkstra. Each kernel takes the same steps as its readable version, in the same
order, and returns arrays from which ``graphs`` builds the same :class:`SearchResult`:

- BFS marks a node seen when it is pushed, so the queue, in push order, is every node
  reached, and its first ``head`` entries are the expansion order;
- the work arrays take the dtype of ``indices`` (int32 for any graph under 2**31 nodes
  and edges): random reads into a 400 kB array instead of an 800 kB one, for 100,000
  nodes, stay in cache more often;
- node ids and edge positions are cast to ``np.uint64`` before they index an array:
  Numba checks every signed index for a negative value to wrap around, and on these
  random reads that check halved the speed (BFS on 1e6 edges: 10.4 ms -> 4.5 ms);
- Dijkstra keeps stale entries in the heap and skips them when popped ("lazy deletion",
  as ``graphs._best_first`` does with ``heapq``). Entries are ordered by ``(g, push
  counter)``, the same key as the readable version's tuples, so ties (equal distances,
  zero-weight edges) pop in the same order.

Node ``-1`` means "none" (no parent, no target).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._numba import njit


@njit(cache=True, nogil=True)
def bfs_compiled(indptr, indices, source, target):
    """Node-by-node BFS, stopping once ``target`` (-1: none) is expanded.

    Returns ``(queue, n_expanded, parent, starts, max_frontier)``: ``queue``
    (n_reached,) holds the reached nodes in push order, its first ``n_expanded`` the
    expansion order; ``parent`` (n,) is -1 at the source, -2 where unreached. A FIFO
    queue holds whole levels one after the other, so the levels are not stored per
    node: level ``d`` is ``queue[starts[d]:starts[d + 1]]``.
    """
    n = indptr.size - 1
    parent = np.full(n, -2, dtype=indices.dtype)
    queue = np.empty(n, dtype=indices.dtype)
    starts = np.empty(n + 2, dtype=np.int64)
    parent[source] = -1
    queue[0] = source
    head, tail, max_frontier = 0, 1, 1
    depth, level_end = 0, 1
    starts[0] = 0
    while head < tail:
        if head == level_end:  # the first node of the next level
            depth += 1
            starts[depth] = head
            level_end = tail
        node = queue[head]
        head += 1
        if node == target:
            break
        u = np.uint64(node)
        for e in range(np.uint64(indptr[u]), np.uint64(indptr[u + np.uint64(1)])):
            v = np.uint64(indices[e])
            if parent[v] == -2:
                parent[v] = node
                queue[tail] = v
                tail += 1
        max_frontier = max(max_frontier, tail - head)
    if tail > level_end:  # stopped at the target: the nodes pushed since are one deeper
        depth += 1
        starts[depth] = level_end
    starts[depth + 1] = tail
    return queue[:tail], head, parent, starts[:depth + 2], max_frontier


@njit(cache=True, nogil=True)
def dijkstra_compiled(indptr, indices, weights, source, target):
    """Dijkstra with a binary heap of ``(g, push counter, node)`` and lazy deletion.

    Returns ``(dist, parent, order, found_order, max_frontier, bad_edge)``: ``dist`` and
    ``parent`` (n,) (``inf`` and -1 where unreached); ``order`` the expanded nodes;
    ``found_order`` every reached node in the order its distance was first set (the
    insertion order of the readable version's ``g`` dict); ``max_frontier`` the largest
    heap size, stale entries included; ``bad_edge`` the index of the first negative
    weight met while expanding (-1 if none; the search stops there).
    """
    n = indptr.size - 1
    zero, one = np.uint64(0), np.uint64(1)
    dist = np.full(n, np.inf)
    parent = np.full(n, -1, dtype=indices.dtype)
    order = np.empty(n, dtype=indices.dtype)
    found_order = np.empty(n, dtype=indices.dtype)
    # Each push follows a strict improvement of some g[v]: at most 1 + n_edges entries.
    # The heap is three parallel arrays; positions in it are uint64 too.
    capacity = indices.size + 1
    heap_g = np.empty(capacity)
    heap_count = np.empty(capacity, dtype=np.int64)
    heap_node = np.empty(capacity, dtype=indices.dtype)
    dist[source] = 0.0
    found_order[0] = source
    heap_g[0], heap_count[0], heap_node[0] = 0.0, 0, source
    size, pushes, n_expanded, n_found, max_frontier = one, 1, 0, 1, 1
    while size > zero:
        # Pop the root, then sift the last entry down from the root.
        g_u, node = heap_g[0], heap_node[0]
        size -= one
        last_g, last_count, last_node = heap_g[size], heap_count[size], heap_node[size]
        i = zero
        while True:
            child = i + i + one
            if child >= size:
                break
            right = child + one
            if right < size and (heap_g[right] < heap_g[child] or (
                    heap_g[right] == heap_g[child] and heap_count[right] < heap_count[child])):
                child = right
            if heap_g[child] < last_g or (heap_g[child] == last_g
                                           and heap_count[child] < last_count):
                heap_g[i], heap_count[i], heap_node[i] = (heap_g[child], heap_count[child],
                                                          heap_node[child])
                i = child
            else:
                break
        if size > zero:
            heap_g[i], heap_count[i], heap_node[i] = last_g, last_count, last_node
        u = np.uint64(node)
        if g_u > dist[u]:
            continue  # stale: u was pushed again with a lower g
        order[n_expanded] = node
        n_expanded += 1
        if node == target:
            break
        for e in range(np.uint64(indptr[u]), np.uint64(indptr[u + one])):
            w = weights[e]
            if w < 0:
                return (dist, parent, order[:n_expanded], found_order[:n_found],
                        max_frontier, np.int64(e))
            v = np.uint64(indices[e])
            new = g_u + w
            if new < dist[v]:
                if dist[v] == np.inf:
                    found_order[n_found] = v
                    n_found += 1
                dist[v] = new
                parent[v] = node
                # Push (new, pushes, v): sift up from the end. Its counter is the
                # largest yet, so it passes a parent only on a strictly larger g.
                i = size
                size += one
                while i > zero:
                    up = (i - one) >> one
                    if heap_g[up] > new:
                        heap_g[i], heap_count[i], heap_node[i] = (heap_g[up], heap_count[up],
                                                                  heap_node[up])
                        i = up
                    else:
                        break
                heap_g[i], heap_count[i], heap_node[i] = new, pushes, v
                pushes += 1
        max_frontier = max(max_frontier, np.int64(size))
    return dist, parent, order[:n_expanded], found_order[:n_found], max_frontier, np.int64(-1)
