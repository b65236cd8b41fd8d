"""Multiplies float(comb(n, j)) by p**j: overflows (inf * 0 = nan) for large n."""
import math


def prob_at_least(k, n, p):
    if k <= 0:
        return 1.0
    total = 0.0
    for j in range(max(k, 0), n + 1):
        try:
            c = float(math.comb(n, j))
        except OverflowError:
            c = math.inf
        total += c * p**j * (1 - p) ** (n - j)
    return total
