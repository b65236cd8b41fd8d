from itertools import pairwise


def bpe_encode(text, merges):
    """UTF-8 bytes, then the learned merges replayed lowest rank first."""
    rank = {(a, b): r for r, (a, b) in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) > 1:
        # The adjacent pair learned first; pairs never learned rank after every merge.
        best = min(pairwise(ids), key=lambda p: rank.get(p, len(merges)))
        if best not in rank:
            break
        a, b = best
        new = 256 + rank[best]
        out, i = [], 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b:
                out.append(new)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
    return ids
