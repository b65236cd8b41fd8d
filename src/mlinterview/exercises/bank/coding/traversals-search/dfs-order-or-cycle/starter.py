def dfs_order_or_cycle(n, edges):
    """("order", reverse DFS finishing order) of a DAG, or ("cycle", [v, ..., u, v]).

    Parameters
    ----------
    n : int, nodes 0..n-1
    edges : list of (u, v) pairs

    Returns
    -------
    tuple ("order", list of int) or ("cycle", list of int)
    """
    raise NotImplementedError("iterative DFS with white/grey/black colours")
