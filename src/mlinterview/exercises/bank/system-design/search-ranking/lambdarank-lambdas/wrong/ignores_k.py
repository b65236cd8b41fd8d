"""Ignores the cut-off k: every rank keeps its discount."""
import math


def lambdarank_lambdas(scores, grades, k=None):
    n = len(scores)
    k = n
    order = sorted(range(n), key=lambda i: -scores[i])     # stable: ties by index
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r                                         # 0-based
    disc = [1 / math.log2(rank[i] + 2) if rank[i] < k else 0.0 for i in range(n)]
    gain = [2 ** g - 1 for g in grades]
    ideal = sorted(gain, reverse=True)[:k]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    lam = [0.0] * n
    if idcg == 0:
        return lam
    for i in range(n):
        for j in range(n):
            if grades[i] > grades[j]:
                delta = abs(gain[i] - gain[j]) * abs(disc[i] - disc[j]) / idcg
                l_ij = -delta / (1 + math.exp(scores[i] - scores[j]))
                lam[i] += l_ij
                lam[j] -= l_ij
    return lam
