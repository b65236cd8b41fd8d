"""Demo for search-planning: nodes expanded by Dijkstra, A*, weighted A* and greedy
best-first on the same 8-connected grid with obstacles."""

from __future__ import annotations

import numpy as np

from mlinterview.algo.graphs import GridGraph, astar, dijkstra, greedy_best_first, octile
from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure


def make_grid(size: int, obstacles: float, seed: int) -> GridGraph:
    """A size x size 8-connected grid: random blocks plus a wall with one gap, so the
    straight line to the goal is a trap. The top row and the right column stay free: a
    path from the start (top left) to the goal (bottom right) always exists, around the
    edge, and the planners look for a shorter one through the blocks. (Without it, a
    third of the slider settings walled the start in and every planner reported no path.)
    """
    rng = np.random.default_rng(seed)
    blocked = rng.random((size, size)) < obstacles
    blocked[size // 4: size, size // 2] = True  # a wall open only at the top
    blocked[0, :] = blocked[:, -1] = False
    return GridGraph(blocked, connectivity=8)


def run_all(grid: GridGraph, weight: float):
    start, goal = (0, 0), (grid.shape[0] - 1, grid.shape[1] - 1)
    return {
        "Dijkstra (h = 0)": dijkstra(grid, start, goal),
        "A* (octile)": astar(grid, start, goal, octile),
        f"weighted A* (w = {weight:g})": astar(grid, start, goal, octile, weight=weight),
        "greedy best-first": greedy_best_first(grid, start, goal, octile),
    }


@demo("search-planning", title="Nodes expanded by Dijkstra, A*, weighted A* and greedy")
def planners(
    size: Param(int, lo=10, hi=120, help="Grid side length.") = 60,
    obstacles: Param(float, lo=0.0, hi=0.35, help="Share of randomly blocked cells.") = 0.2,
    weight: Param(float, lo=1.0, hi=5.0, help="Weight w of weighted A* (f = g + w h).") = 2.0,
    seed: int = 0,
) -> DemoResult:
    """A* finds the same optimal path as Dijkstra while expanding fewer nodes; weighted A*
    and greedy best-first expand fewer still and may pay with a longer path."""
    grid = make_grid(size, obstacles, seed)
    results = run_all(grid, weight)
    best = results["Dijkstra (h = 0)"].cost
    table = Table(["planner", "path cost", "nodes expanded", "cost / optimal"])
    for name, r in results.items():
        table.add(name, round(r.cost, 4), r.expanded,
                  round(r.cost / best, 4) if np.isfinite(best) else float("nan"))

    fig, axes = new_figure(4, width=3.2, height=3.4)
    for ax, (name, r) in zip(axes, results.items(), strict=True):
        seen = np.zeros(grid.shape)
        for row, col in r.order:
            seen[row, col] = 1
        ax.imshow(np.where(grid.blocked, 0.3, 0.0) + 0.6 * seen, cmap="Greys", vmin=0, vmax=1)
        if r.path:
            rows, cols = zip(*r.path, strict=True)
            ax.plot(cols, rows, color="#d62728", lw=1.5)
        ax.set_title(f"{name}\n{r.expanded} expanded, cost {r.cost:.1f}", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    a = results["A* (octile)"]
    summary = (
        f"Dijkstra expands {results['Dijkstra (h = 0)'].expanded} cells, A* with the octile "
        f"heuristic {a.expanded} for the same cost {a.cost:.2f} (consistent heuristic: "
        f"optimal, never more expansions). Weighted A* and greedy best-first expand fewer "
        "and may return longer paths: weighted A* is within a factor w of the optimum, "
        "greedy has no bound."
    )
    return DemoResult(figures={"expanded": fig}, table=table, summary=summary)
