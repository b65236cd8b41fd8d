"""Demo for traversals-search: BFS and DFS on the same grid, frontier size and visit order.

On an open grid BFS grows a diamond of nodes at equal distance, and its queue holds a
whole "ring" (O(width)); DFS runs down long corridors and its stack holds the current
path (O(depth)). Both visit every reachable node once: O(V + E).
"""

from __future__ import annotations

import numpy as np

from mlinterview.algo.graphs import GridGraph, bfs, dfs
from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure


def make_grid(size: int, obstacles: float, seed: int) -> GridGraph:
    """A size x size 4-connected grid with a share of random obstacles. The top row and the
    left column stay free, so the start (0, 0) always reaches a large part of the grid:
    with the blocks alone it was often walled in (near 40% blocked, a random 4-connected
    grid stops having one large open region), and both searches visited one cell."""
    rng = np.random.default_rng(seed)
    blocked = rng.random((size, size)) < obstacles
    blocked[0, :] = blocked[:, 0] = False
    return GridGraph(blocked, connectivity=4)


@demo("traversals-search", title="BFS vs DFS: frontier size and visit order")
def bfs_vs_dfs(
    size: Param(int, lo=5, hi=80, help="Grid side length.") = 40,
    obstacles: Param(float, lo=0.0, hi=0.4, help="Share of blocked cells.") = 0.2,
    seed: int = 0,
) -> DemoResult:
    """Both searches visit the same cells; BFS keeps a wide ring in its queue and finds
    shortest paths in edges, DFS keeps a deep path on its stack."""
    grid = make_grid(size, obstacles, seed)
    b = bfs(grid, (0, 0))
    d = dfs(grid, (0, 0))
    levels = b.distances
    table = Table(["search", "nodes visited", "max frontier", "farthest level",
                   "mean level of first 10% visited"])
    first = max(1, len(b.order) // 10)
    for name, r in (("BFS", b), ("DFS", d)):
        table.add(name, len(r.order), r.max_frontier, int(max(levels.values())),
                  round(float(np.mean([levels[u] for u in r.order[:first]])), 2))

    fig, axes = new_figure(2, width=4.0, height=4.0)
    for ax, (name, r) in zip(axes, (("BFS", b), ("DFS", d)), strict=True):
        rank = np.full(grid.shape, np.nan)
        for i, (row, col) in enumerate(r.order):
            rank[row, col] = i
        ax.imshow(rank, cmap="viridis")
        ax.imshow(np.where(grid.blocked, 1.0, np.nan), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{name}: visit order (max frontier {r.max_frontier})")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    summary = (
        f"Both visit the {len(b.order)} reachable cells. BFS expands by distance (its first "
        f"10% sit at mean level {table.rows[0][4]}), with at most {b.max_frontier} nodes "
        f"queued: one ring. DFS dives (first 10% at mean level {table.rows[1][4]}) and its "
        f"stack grows to {d.max_frontier}: a long winding path, O(depth) memory."
    )
    return DemoResult(figures={"order": fig}, table=table, summary=summary)
