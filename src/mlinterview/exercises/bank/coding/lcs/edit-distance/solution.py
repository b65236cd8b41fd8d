def edit_distance(a, b):
    """Levenshtein distance: the fewest insertions, deletions and substitutions."""
    # prev[j] = D[i-1][j]: the distance between a[:i-1] and b[:j]. Row 0: j insertions.
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)                  # D[i][0] = i deletions
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1,             # delete a[i-1]
                         cur[j - 1] + 1,          # insert b[j-1]
                         prev[j - 1] + (a[i - 1] != b[j - 1]))   # keep or substitute
        prev = cur
    return prev[len(b)]
