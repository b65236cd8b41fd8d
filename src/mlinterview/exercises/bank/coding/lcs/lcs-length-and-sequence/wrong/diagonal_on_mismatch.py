"""On a mismatch, copy the diagonal L[i-1][j-1] instead of max(L[i-1][j], L[i][j-1])."""


def longest_common_subsequence(a, b):
    n, m = len(a), len(b)
    L = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            L[i][j] = L[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1] else L[i - 1][j - 1]
    out, i, j = [], n, m
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i, j = i - 1, j - 1
        else:
            i, j = i - 1, j - 1
    return L[n][m], "".join(reversed(out))
