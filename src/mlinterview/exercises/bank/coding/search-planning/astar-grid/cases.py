"""Cases for search-planning/astar-grid.

Expected values come from mlinterview.algo.graphs.dijkstra on the same grid (Dijkstra
needs no heuristic, so it is an independent check of an A* answer; it is itself checked
against networkx and scipy in tests/parity/test_algo_graphs.py). The small fixed cases
are worked by hand.
"""


from mlinterview.algo.graphs import dijkstra
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


class _Terrain:
    """The grid as a graph: moving into a cell costs its digit."""

    def __init__(self, grid):
        self.grid = grid

    def __contains__(self, u):
        r, c = u
        return 0 <= r < len(self.grid) and 0 <= c < len(self.grid[0]) and (
            self.grid[r][c] != "#")

    def neighbors(self, u):
        r, c = u
        for v in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if v in self:
                yield v, int(self.grid[v[0]][v[1]])


def reference(grid, start, goal):
    cost = dijkstra(_Terrain(grid), tuple(start), tuple(goal)).cost
    return -1 if cost == float("inf") else int(cost)


def fixed():
    return [
        Case((["19", "11"], (0, 0), (1, 1)), note="the statement's example", expected=2),
        Case((["1"], (0, 0), (0, 0)), note="start is the goal", expected=0),
        Case((["1#1"], (0, 0), (0, 2)), note="walled off", expected=-1),
        Case((["111", "1#1", "111"], (0, 0), (2, 2)), note="around a wall", expected=4),
        Case((["1991", "1111"], (0, 0), (0, 3)), note="a detour is cheaper than 9s",
             expected=5),
        # Over the 9 costs 9 + 1 = 10; down, right, right, up costs 1 + 1 + 1 + 1 = 4.
        Case((["191", "111"], (0, 0), (0, 2)), note="around an expensive cell", expected=4),
        Case((["5"], (0, 0), (0, 0)), note="the start's own cost is not paid", expected=0),
    ]


def random_grid(rng, rows, cols, walls):
    cells = rng.integers(1, 10, (rows, cols)).astype(str)
    cheap = rng.random((rows, cols)) < 0.5
    cells[cheap] = "1"  # cheap corridors make the Manhattan heuristic informative
    cells[rng.random((rows, cols)) < walls] = "#"
    cells[0, 0] = cells[-1, -1] = "1"
    return ["".join(row) for row in cells]


def generated(rng):
    cases = []
    for side in [3, 5, 8, 12, 20, 40, 80, 150, 300]:
        grid = random_grid(rng, side, side + 1, 0.25)
        cases.append(Case((grid, (0, 0), (side - 1, side)), note=f"{side} x {side + 1} grid",
                          size=side * (side + 1)))
    return cases


SPEC = ExerciseSpec(
    function="astar_cost",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
