"""Returns the finishing order itself, not reversed: successors come first."""


def dfs_order_or_cycle(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    colour, finished = [0] * n, []
    for root in range(n):
        if colour[root]:
            continue
        colour[root] = 1
        stack = [(root, iter(adj[root]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                if colour[v] == 1:
                    path = [x for x, _ in stack]
                    return "cycle", [*path[path.index(v):], v]
                if colour[v] == 0:
                    colour[v] = 1
                    stack.append((v, iter(adj[v])))
                    break
            else:
                stack.pop()
                colour[u] = 2
                finished.append(u)
    return "order", finished
