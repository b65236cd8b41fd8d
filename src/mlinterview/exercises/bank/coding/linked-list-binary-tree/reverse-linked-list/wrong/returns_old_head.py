"""Reverses the pointers but returns the old head (now the tail) as the new head."""


def reverse_list(nxt, head):
    nxt = list(nxt)
    prev, node = -1, head
    while node != -1:
        following = nxt[node]
        nxt[node] = prev
        prev, node = node, following
    return nxt, head
