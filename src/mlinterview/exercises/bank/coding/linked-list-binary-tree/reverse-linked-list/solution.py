def reverse_list(nxt, head):
    """Reverse the linked list ``head -> nxt[head] -> ...`` (-1 is None).

    The iterative pointer reversal: ``prev`` is the reversed part, ``node`` the node
    being moved; its successor is saved before its pointer is overwritten.
    """
    nxt = list(nxt)
    prev, node = -1, head
    while node != -1:
        following = nxt[node]
        nxt[node] = prev
        prev, node = node, following
    return nxt, prev
