import heapq


def astar_cost(grid, start, goal):
    """Cost of a cheapest 4-connected path from ``start`` to ``goal``, or -1.

    A* with f = g + h, h = Manhattan distance (admissible and consistent because every
    step costs at least 1). Stale heap entries are skipped when popped.
    """
    rows, cols = len(grid), len(grid[0])
    gr, gc = goal

    def h(r, c):
        return abs(r - gr) + abs(c - gc)

    best = {start: 0}
    heap = [(h(*start), 0, start)]
    while heap:
        _, g, (r, c) = heapq.heappop(heap)
        if (r, c) == goal:
            return g
        if g > best[(r, c)]:
            continue
        for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#":
                ng = g + int(grid[nr][nc])
                if ng < best.get((nr, nc), float("inf")):
                    best[(nr, nc)] = ng
                    heapq.heappush(heap, (ng + h(nr, nc), ng, (nr, nc)))
    return -1
