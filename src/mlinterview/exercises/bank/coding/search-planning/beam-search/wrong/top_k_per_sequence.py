"""Keeps the top k extensions of each sequence instead of the top k overall."""
import numpy as np


def beam_search(log_probs, start, length, beam_width):
    lp = np.asarray(log_probs, dtype=float)
    beam = [((int(start),), 0.0)]
    for _ in range(length):
        nxt = []
        for tokens, score in beam:
            ext = sorted([((*tokens, j), score + lp[tokens[-1], j]) for j in range(len(lp))],
                         key=lambda c: (-c[1], c[0]))
            nxt += ext[:beam_width]
        beam = sorted(nxt, key=lambda c: (-c[1], c[0]))
    return [(t, float(s)) for t, s in beam]
