"""Recursive reversal: correct, but a million nodes overflow the call stack."""
import sys

sys.setrecursionlimit(10_000)


def reverse_list(nxt, head):
    nxt = list(nxt)

    def rev(node):
        if node == -1 or nxt[node] == -1:
            return node
        new_head = rev(nxt[node])
        nxt[nxt[node]] = node
        nxt[node] = -1
        return new_head

    return nxt, rev(head)
