import numpy as np


def beam_search(log_probs, start, length, beam_width):
    """The final beam of a bigram model, best first: a list of (tokens tuple, score).

    Parameters
    ----------
    log_probs : float array (V, V), log P(next = j | current = i), -inf allowed
    start : int, the first token
    length : int >= 0, the number of tokens to add
    beam_width : int >= 1

    Returns
    -------
    list of (tuple of int, float), at most beam_width entries
    """
    raise NotImplementedError("extend, score, sort by (-score, tokens), keep beam_width")
