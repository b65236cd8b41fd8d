"""Extends each beam by its own best tokens only (num_beams greedy searches), instead of
ranking every candidate of every beam together."""
import numpy as np


def beam_search(log_probs, start, num_beams, max_new_tokens, eos, length_penalty):
    log_probs = np.asarray(log_probs, dtype=float)
    beams, totals, finished = [[start]], [0.0], []
    for step in range(1, max_new_tokens + 1):
        new_beams, new_totals = [], []
        for b, t in zip(beams, totals):
            row = log_probs[b[-1]]
            k = num_beams if len(beams) == 1 else 1
            for token in np.argsort(-row, kind="stable")[:k]:
                if not np.isfinite(row[token]):
                    continue
                if eos is not None and token == eos:
                    finished.append(((t + row[token]) / step ** length_penalty,
                                     [*b, int(token)]))
                else:
                    new_beams.append([*b, int(token)])
                    new_totals.append(t + row[token])
        if not new_beams:
            break
        beams, totals = new_beams, new_totals
        if step == max_new_tokens:
            finished += [(t / step ** length_penalty, b) for t, b in zip(totals, beams)]
    best = max(range(len(finished)), key=lambda i: (finished[i][0], -i))
    score, tokens = finished[best]
    return np.array(tokens), float(score)
