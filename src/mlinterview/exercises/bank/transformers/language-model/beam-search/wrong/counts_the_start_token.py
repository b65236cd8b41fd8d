"""Divides by the length of the whole sequence (start token included) instead of the
number of generated tokens."""
import numpy as np


def beam_search(log_probs, start, num_beams, max_new_tokens, eos, length_penalty):
    log_probs = np.asarray(log_probs, dtype=float)
    vocab = log_probs.shape[0]
    beams, totals, finished = [[start]], np.zeros(1), []
    for step in range(1, max_new_tokens + 1):
        last = np.array([b[-1] for b in beams])
        flat = (totals[:, None] + log_probs[last]).ravel()
        order = np.argsort(-flat, kind="stable")
        order = order[np.isfinite(flat[order])]
        beam, token = np.divmod(order, vocab)
        ended = token == eos if eos is not None else np.zeros(len(order), dtype=bool)
        for j in np.flatnonzero(ended[:num_beams]):
            finished.append((flat[order[j]] / (step + 1) ** length_penalty,
                             beams[beam[j]] + [int(token[j])]))
        live = np.flatnonzero(~ended)[:num_beams]
        if len(live) == 0:
            break
        beams = [beams[beam[j]] + [int(token[j])] for j in live]
        totals = flat[order[live]]
        if step == max_new_tokens:
            finished += [(t / (step + 1) ** length_penalty, b) for t, b in zip(totals, beams)]
    best = max(range(len(finished)), key=lambda i: (finished[i][0], -i))
    score, tokens = finished[best]
    return np.array(tokens), float(score)
