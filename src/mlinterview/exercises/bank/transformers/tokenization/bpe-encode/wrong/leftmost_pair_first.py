"""Merges the leftmost adjacent pair that is any learned merge, whatever its rank."""


def bpe_encode(text, merges):
    rank = {(a, b): r for r, (a, b) in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    merged = True
    while merged:
        merged = False
        for i in range(len(ids) - 1):
            pair = (ids[i], ids[i + 1])
            if pair in rank:
                ids[i:i + 2] = [256 + rank[pair]]
                merged = True
                break
    return ids
