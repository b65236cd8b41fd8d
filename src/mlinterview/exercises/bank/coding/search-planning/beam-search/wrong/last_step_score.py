"""Ranks candidates by the last transition's log-probability, not the accumulated score."""
import numpy as np


def beam_search(log_probs, start, length, beam_width):
    lp = np.asarray(log_probs, dtype=float)
    beam = [((int(start),), 0.0)]
    for _ in range(length):
        cands = [((*t, j), s + lp[t[-1], j], lp[t[-1], j]) for t, s in beam
                 for j in range(len(lp))]
        cands.sort(key=lambda c: (-c[2], c[0]))
        beam = [(t, s) for t, s, _ in cands[:beam_width]]
    return [(t, float(s)) for t, s in sorted(beam, key=lambda c: (-c[1], c[0]))]
