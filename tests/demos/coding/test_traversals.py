"""The traversals-search demo's table against networkx: the reachable set, the BFS levels,
and the frontier bounds BFS <= nodes at the widest two levels."""

import networkx as nx
import pytest

from mlinterview.demos import registry
from mlinterview.demos.coding.traversals import make_grid

SPEC = registry()["traversals-search"]


def as_networkx(grid):
    """The grid's graph, rebuilt in networkx (the reference); the start is a node even
    when it has no free neighbour."""
    g = nx.Graph()
    g.add_node((0, 0))
    for u in grid.nodes():
        for v, _ in grid.neighbors(u):
            g.add_edge(u, v)
    return g


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(size=25)


def test_table_matches_networkx(outcome):
    p = outcome.params
    grid = make_grid(p["size"], p["obstacles"], p["seed"])
    g = as_networkx(grid)
    levels = nx.single_source_shortest_path_length(g, (0, 0))
    bfs_row, dfs_row = outcome.result.table.rows
    assert bfs_row[1] == dfs_row[1] == len(levels)
    assert bfs_row[3] == max(levels.values())
    # The BFS queue never holds more than two consecutive levels.
    per_level = [sum(1 for d in levels.values() if d == k) for k in range(max(levels.values()) + 1)]
    assert bfs_row[2] <= max(a + b for a, b in zip(per_level, [*per_level[1:], 0], strict=True))
    # BFS visits the nearest cells first.
    assert bfs_row[4] <= dfs_row[4]


@pytest.mark.parametrize("size", [5, 20, 80])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_start_is_never_walled_in(size, seed):
    # At 40% blocked a 4-connected grid falls apart into small pockets; with the blocks
    # alone the start often reached one cell. networkx counts what it reaches.
    grid = make_grid(size, 0.4, seed)
    g = as_networkx(grid)
    reached = len(nx.node_connected_component(g, (0, 0)))
    assert reached >= 2 * size - 1  # at least the free top row and left column
    assert reached >= 0.25 * (~grid.blocked).sum()
