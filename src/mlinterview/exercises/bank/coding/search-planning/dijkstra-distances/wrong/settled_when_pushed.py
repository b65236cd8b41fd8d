"""Marks a node done when it is first pushed: a cheaper path found later is ignored."""
import heapq


def dijkstra_distances(n, edges, source):
    adj = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
    dist = [float("inf")] * n
    dist[source] = 0.0
    done = {source}
    heap = [(0.0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        for v, w in adj[u]:
            if v not in done:
                done.add(v)
                dist[v] = d + w
                heapq.heappush(heap, (dist[v], v))
    return dist
