"""Uses a stack (DFS): the first path found to a node is not the shortest."""


def bfs_distances(n, edges, source):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    dist = [-1] * n
    dist[source] = 0
    stack = [source]
    while stack:
        u = stack.pop()
        for v in adj[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                stack.append(v)
    return dist
