"""Counts the symbols the two sequences share (a multiset intersection), ignoring order."""
from collections import Counter


def lcs_length(a, b):
    return sum((Counter(a) & Counter(b)).values())
