"""Points each node back at its predecessor but leaves the old head's next as it was (a cycle)."""


def reverse_list(nxt, head):
    new = list(nxt)
    node, last = head, head
    while node != -1 and nxt[node] != -1:
        new[nxt[node]] = node
        node = nxt[node]
        last = node
    return new, last
