import heapq


def astar_cost(grid, start, goal):
    """Cost of a cheapest 4-connected path from ``start`` to ``goal``, or -1.

    Parameters
    ----------
    grid : list of str
        '#' is a wall; a digit is the cost of entering the cell.
    start, goal : tuple (row, col)

    Returns
    -------
    int
    """
    raise NotImplementedError("a heap of (g + h, g, cell); h = Manhattan distance")
