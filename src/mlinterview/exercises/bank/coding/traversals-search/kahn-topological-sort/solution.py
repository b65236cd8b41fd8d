from collections import deque


def topological_order(n, edges):
    """The FIFO-Kahn topological order (list of n ints), or None on a cycle."""
    out_edges = [[] for _ in range(n)]           # adjacency lists, in edge order
    indegree = [0] * n
    for u, v in edges:
        out_edges[u].append(v)
        indegree[v] += 1
    queue = deque(u for u in range(n) if indegree[u] == 0)
    order = []
    while queue:
        u = queue.popleft()                      # FIFO: first freed, first taken
        order.append(u)
        for v in out_edges[u]:
            indegree[v] -= 1
            if indegree[v] == 0:                 # its last prerequisite just ran
                queue.append(v)
    # Nodes on a cycle (or after one) never reach in-degree 0.
    return order if len(order) == n else None
