WHITE, GREY, BLACK = 0, 1, 2


def dfs_order_or_cycle(n, edges):
    """Reverse finishing order of an iterative DFS, or the first cycle it closes."""
    out_edges = [[] for _ in range(n)]
    for u, v in edges:
        out_edges[u].append(v)
    colour = [WHITE] * n
    finished = []
    for root in range(n):
        if colour[root] != WHITE:
            continue
        colour[root] = GREY
        # The explicit stack holds the DFS path: (node, iterator over its out-edges).
        stack = [(root, iter(out_edges[root]))]
        while stack:
            u, successors = stack[-1]
            for v in successors:              # resumes where u's scan stopped
                if colour[v] == GREY:         # back edge: v is on the path to u
                    path = [node for node, _ in stack]
                    return "cycle", [*path[path.index(v):], v]
                if colour[v] == WHITE:
                    colour[v] = GREY
                    stack.append((v, iter(out_edges[v])))
                    break                     # go deeper before u's next edge
            else:                             # every edge of u done: u finishes
                stack.pop()
                colour[u] = BLACK
                finished.append(u)
    return "order", finished[::-1]
