"""Replays each merge once, in rank order, on its first occurrence only."""


def bpe_encode(text, merges):
    ids = list(text.encode("utf-8"))
    for r, (a, b) in enumerate(merges):
        for i in range(len(ids) - 1):
            if ids[i] == a and ids[i + 1] == b:
                ids[i:i + 2] = [256 + r]
                break
    return ids
