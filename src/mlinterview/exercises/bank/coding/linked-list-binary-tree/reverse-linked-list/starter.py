def reverse_list(nxt, head):
    """Reverse the linked list ``head -> nxt[head] -> ...`` (-1 is None).

    Parameters
    ----------
    nxt : list of int, length n
        ``nxt[i]`` is the node after node ``i``, or -1.
    head : int
        The first node, or -1 for an empty list.

    Returns
    -------
    (new_nxt, new_head) : a list of n ints and an int.
    """
    nxt = list(nxt)
    raise NotImplementedError("walk with prev / current / saved next")
