import heapq


def dijkstra_distances(n, edges, source):
    """dist[v] from source (inf if unreachable), by Dijkstra with a binary heap."""
    out_edges = [[] for _ in range(n)]
    for u, v, w in edges:
        out_edges[u].append((v, float(w)))         # parallel edges: all kept, min wins
    dist = [float("inf")] * n
    dist[source] = 0.0
    heap = [(0.0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue                               # stale: u was improved after this push
        for v, w in out_edges[u]:                  # u is final: relax its edges
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (dist[v], v))
    return dist
