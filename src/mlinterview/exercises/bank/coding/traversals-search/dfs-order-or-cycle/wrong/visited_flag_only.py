"""One visited flag, no grey/black: an edge to a finished node is taken for a cycle."""


def dfs_order_or_cycle(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    seen, finished = [False] * n, []
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        stack = [(root, iter(adj[root]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                if seen[v]:
                    path = [x for x, _ in stack]
                    cycle = path[path.index(v):] if v in path else [v, u]
                    return "cycle", [*cycle, v]
                seen[v] = True
                stack.append((v, iter(adj[v])))
                break
            else:
                stack.pop()
                finished.append(u)
    return "order", finished[::-1]
