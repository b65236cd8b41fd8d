"""Uses the normal approximation with continuity correction instead of the exact sum."""
import math


def prob_at_least(k, n, p):
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    if sd == 0:
        return 1.0 if mean >= k else 0.0
    z = (k - 0.5 - mean) / sd
    return 0.5 * math.erfc(z / math.sqrt(2))
