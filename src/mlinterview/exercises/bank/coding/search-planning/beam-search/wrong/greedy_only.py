"""Extends only the best sequence: greedy decoding whatever the beam width."""
import numpy as np


def beam_search(log_probs, start, length, beam_width):
    lp = np.asarray(log_probs, dtype=float)
    tokens, score = (int(start),), 0.0
    cands = [(tokens, score)]
    for _ in range(length):
        tokens, score = cands[0]
        cands = sorted([((*tokens, j), score + lp[tokens[-1], j]) for j in range(len(lp))],
                       key=lambda c: (-c[1], c[0]))
    return [(t, float(s)) for t, s in cands[:beam_width]]
