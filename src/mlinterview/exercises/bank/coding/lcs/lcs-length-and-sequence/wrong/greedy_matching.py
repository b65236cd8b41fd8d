"""Greedy: match each symbol of a with the next occurrence in b (not optimal)."""


def longest_common_subsequence(a, b):
    out, j = [], 0
    for ch in a:
        k = b.find(ch, j)
        if k >= 0:
            out.append(ch)
            j = k + 1
    return len(out), "".join(out)
