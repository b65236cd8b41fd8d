import numpy as np


def beam_search(log_probs, start, length, beam_width):
    """Final beam (list of (tokens, score)), best first; ties by smaller token tuple."""
    log_probs = np.asarray(log_probs, dtype=float)
    V = log_probs.shape[0]
    beam = [((int(start),), 0.0)]
    for _ in range(length):
        # Every (sequence, next token) pair: score = old score + log P(token | last).
        candidates = [((*tokens, j), score + log_probs[tokens[-1], j])
                      for tokens, score in beam for j in range(V)]
        # Best first; the token tuple breaks ties (and decides who is cut at the edge).
        candidates.sort(key=lambda c: (-c[1], c[0]))
        beam = [(tokens, float(score)) for tokens, score in candidates[:beam_width]]
    return beam
