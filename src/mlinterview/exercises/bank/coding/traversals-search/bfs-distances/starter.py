from collections import deque  # you will want it


def bfs_distances(n, edges, source):
    """Distances in edges from ``source`` in an undirected graph, -1 if unreachable.

    Parameters
    ----------
    n : int
        Number of nodes, labelled 0 .. n-1.
    edges : list of (int, int)
        Undirected edges.
    source : int

    Returns
    -------
    list of n ints.
    """
    raise NotImplementedError("adjacency lists, then a deque from the source")
