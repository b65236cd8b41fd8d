"""Sorts by score alone (stable): ties stay in generation order, not token order."""
import numpy as np


def beam_search(log_probs, start, length, beam_width):
    lp = np.asarray(log_probs, dtype=float)
    beam = [((int(start),), 0.0)]
    for _ in range(length):
        cands = [((*t, j), s + lp[t[-1], j]) for t, s in beam for j in range(len(lp))[::-1]]
        cands.sort(key=lambda c: -c[1])
        beam = [(t, float(s)) for t, s in cands[:beam_width]]
    return beam
