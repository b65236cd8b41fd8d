from collections import deque


def bfs_distances(n, edges, source):
    """Distances in edges from ``source`` in an undirected graph, -1 if unreachable.

    BFS expands nodes in order of distance; a node gets its distance when first
    discovered, which is final because every later discovery is at least as far.
    """
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    dist = [-1] * n
    dist[source] = 0
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist
