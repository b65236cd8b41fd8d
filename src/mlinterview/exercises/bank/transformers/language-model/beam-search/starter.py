import numpy as np


def beam_search(log_probs, start, num_beams, max_new_tokens, eos, length_penalty):
    """The best sequence a beam of ``num_beams`` finds in the bigram model ``log_probs``.

    Parameters
    ----------
    log_probs : float array of shape (V, V); row i = log-probabilities of the next token
    start : int, the first token
    num_beams, max_new_tokens : int >= 1
    eos : int or None, the token that ends a sequence
    length_penalty : float, scores are total / n_generated ** length_penalty

    Returns
    -------
    (tokens, score): int array [start, ...] and a float
    """
    log_probs = np.asarray(log_probs, dtype=float)
    raise NotImplementedError("extend, rank, set finished ones aside, keep the best live ones")
