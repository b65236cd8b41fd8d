"""Reverses the array of pointers instead of the list: node order in memory is not list order."""


def reverse_list(nxt, head):
    return list(reversed(nxt)), len(nxt) - 1 - head if head != -1 else -1
