"""Heuristic 9 x Manhattan: overestimates on cheap terrain, so the path is not optimal."""
import heapq


def astar_cost(grid, start, goal):
    rows, cols = len(grid), len(grid[0])
    gr, gc = goal

    def h(r, c):
        return 9 * (abs(r - gr) + abs(c - gc))

    best = {start: 0}
    heap = [(h(*start), 0, start)]
    while heap:
        _, g, (r, c) = heapq.heappop(heap)
        if (r, c) == goal:
            return g
        if g > best[(r, c)]:
            continue
        best[(r, c)] = -1  # closed for good
        for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#":
                ng = g + int(grid[nr][nc])
                old = best.get((nr, nc), float("inf"))
                if old != -1 and ng < old:
                    best[(nr, nc)] = ng
                    heapq.heappush(heap, (ng + h(nr, nc), ng, (nr, nc)))
    return -1
