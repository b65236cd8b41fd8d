import heapq


def dijkstra_distances(n, edges, source):
    """Shortest distances from source in a directed graph with non-negative weights.

    Parameters
    ----------
    n : int, nodes 0..n-1
    edges : list of (u, v, w) with w >= 0
    source : int

    Returns
    -------
    list of n floats (inf where unreachable)
    """
    raise NotImplementedError("a heap of (distance, node); skip stale entries")
