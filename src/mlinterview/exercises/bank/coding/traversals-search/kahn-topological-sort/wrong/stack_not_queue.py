"""Uses a stack (LIFO) instead of a FIFO queue: valid, but not the order asked."""


def topological_order(n, edges):
    adj, indeg = [[] for _ in range(n)], [0] * n
    for u, v in edges:
        adj[u].append(v)
        indeg[v] += 1
    stack = [u for u in range(n) if indeg[u] == 0][::-1]
    order = []
    while stack:
        u = stack.pop()
        order.append(u)
        for v in adj[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                stack.append(v)
    return order if len(order) == n else None
