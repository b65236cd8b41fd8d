def longest_common_subsequence(a, b):
    """Length of a longest common subsequence of ``a`` and ``b``, and one of them.

    ``L[i][j]`` is the LCS length of ``a[:i]`` and ``b[:j]``: one more than
    ``L[i-1][j-1]`` when ``a[i-1] == b[j-1]``, else the better of dropping one symbol.
    Walking back from the corner rebuilds one subsequence. O(nm) time and memory.
    """
    n, m = len(a), len(b)
    L = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, ai = L[i], L[i - 1], a[i - 1]
        for j in range(1, m + 1):
            if ai == b[j - 1]:
                row[j] = prev[j - 1] + 1
            else:
                row[j] = row[j - 1] if row[j - 1] > prev[j] else prev[j]
    out = []
    i, j = n, m
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i, j = i - 1, j - 1
        elif L[i - 1][j] >= L[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return L[n][m], "".join(reversed(out))
