"""Uses the two-sided z-test 2 Phi(-|k - n p| / sqrt(n p (1 - p))) instead of the exact
binomial probabilities: poor in the tails and for small n."""
import math


def binom_test_pvalue(k, n, p):
    sd = math.sqrt(n * p * (1 - p))
    if sd == 0:
        return 1.0 if k == n * p else 0.0
    z = abs(k - n * p) / sd
    return min(1.0, math.erfc(z / math.sqrt(2)))
