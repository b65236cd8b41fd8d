"""Recursive DFS: the 5,000-deep chain exceeds Python's recursion limit."""


def dfs_order_or_cycle(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    colour, finished, path = [0] * n, [], []

    def visit(u):
        colour[u] = 1
        path.append(u)
        for v in adj[u]:
            if colour[v] == 1:
                return [*path[path.index(v):], v]
            if colour[v] == 0:
                found = visit(v)
                if found:
                    return found
        path.pop()
        colour[u] = 2
        finished.append(u)
        return None

    for root in range(n):
        if colour[root] == 0:
            cycle = visit(root)
            if cycle:
                return "cycle", cycle
    return "order", finished[::-1]
