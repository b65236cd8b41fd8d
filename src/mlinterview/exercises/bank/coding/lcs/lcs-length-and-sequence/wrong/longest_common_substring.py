"""Longest common substring (contiguous) instead of subsequence."""


def longest_common_subsequence(a, b):
    best, end = 0, 0
    run = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        new = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                new[j] = run[j - 1] + 1
                if new[j] > best:
                    best, end = new[j], i
        run = new
    return best, a[end - best:end]
