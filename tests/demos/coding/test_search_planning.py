"""The search-planning demo's table against networkx's shortest path length and the
bounds theory gives: A* optimal with fewer expansions, weighted A* within w."""

import networkx as nx
import pytest

from mlinterview.demos import registry
from mlinterview.demos.coding.search_planning import make_grid

SPEC = registry()["search-planning"]


def as_networkx(grid):
    """The grid's weighted graph, rebuilt in networkx (the reference)."""
    g = nx.Graph()
    for u in grid.nodes():
        for v, w in grid.neighbors(u):
            g.add_edge(u, v, weight=w)
    return g


@pytest.mark.parametrize("seed", [0, 1])
def test_costs_and_expansions(seed):
    outcome = SPEC.run(size=30, seed=seed, weight=2.0)
    p = outcome.params
    grid = make_grid(p["size"], p["obstacles"], p["seed"])
    g = as_networkx(grid)
    opt = nx.dijkstra_path_length(g, (0, 0), (p["size"] - 1, p["size"] - 1))
    rows = {r[0]: r for r in outcome.result.table.rows}
    dij, ast = rows["Dijkstra (h = 0)"], rows["A* (octile)"]
    assert dij[1] == pytest.approx(opt, abs=1e-4) and ast[1] == pytest.approx(opt, abs=1e-4)
    assert ast[2] <= dij[2]
    w = rows["weighted A* (w = 2)"]
    assert opt - 1e-4 <= w[1] <= 2.0 * opt + 1e-4
    assert rows["greedy best-first"][1] >= opt - 1e-4


@pytest.mark.parametrize("size", [10, 25, 120])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_path_exists_at_every_setting(size, seed):
    # At the densest blocks a third of these settings once walled the start in, and
    # every planner reported cost inf. networkx is the judge of reachability.
    grid = make_grid(size, 0.35, seed)
    g = as_networkx(grid)
    assert nx.has_path(g, (0, 0), (size - 1, size - 1))
    # The wall still stands: only its top quarter can be crossed.
    assert grid.blocked[size // 4:, size // 2].all()
