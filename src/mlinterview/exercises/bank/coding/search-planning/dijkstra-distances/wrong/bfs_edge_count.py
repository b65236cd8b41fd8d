"""BFS: counts edges and ignores the weights."""
from collections import deque


def dijkstra_distances(n, edges, source):
    adj = [[] for _ in range(n)]
    for u, v, _ in edges:
        adj[u].append(v)
    dist = [float("inf")] * n
    dist[source] = 0.0
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if dist[v] == float("inf"):
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist
