"""Approximates both posteriors by normals with the same means and variances:
P = Phi((mean_B - mean_A) / sqrt(var_A + var_B)). Close for large counts, wrong for small
ones, where the Beta posteriors are skewed."""
import math


def prob_b_beats_a(s_a, n_a, s_b, n_b, prior=(1, 1)):
    a0, b0 = prior

    def moments(s, n):
        a, b = a0 + s, b0 + n - s
        return a / (a + b), a * b / ((a + b) ** 2 * (a + b + 1))

    (ma, va), (mb, vb) = moments(s_a, n_a), moments(s_b, n_b)
    return 0.5 * math.erfc(-(mb - ma) / math.sqrt(2 * (va + vb)))
