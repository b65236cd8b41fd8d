"""Counts position-by-position mismatches plus the length difference (a Hamming distance)."""


def edit_distance(a, b):
    return sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
