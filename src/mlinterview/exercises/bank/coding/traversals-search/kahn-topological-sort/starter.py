from collections import deque


def topological_order(n, edges):
    """Kahn's topological order of the graph (nodes 0..n-1, directed edges), or None.

    Parameters
    ----------
    n : int, number of nodes
    edges : list of (u, v) pairs, u must come before v

    Returns
    -------
    list of int, or None if the graph has a cycle
    """
    raise NotImplementedError("in-degrees, a FIFO queue of free nodes, release their edges")
