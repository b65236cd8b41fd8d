"""DFS post-order, not reversed: every node comes after its successors."""


def topological_order(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    state, order = [0] * n, []
    for root in range(n):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(adj[root]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                if state[v] == 1:
                    return None
                if state[v] == 0:
                    state[v] = 1
                    stack.append((v, iter(adj[v])))
                    break
            else:
                stack.pop()
                state[u] = 2
                order.append(u)
    return order
