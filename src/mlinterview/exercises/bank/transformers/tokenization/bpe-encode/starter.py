def bpe_encode(text, merges):
    """The token ids of text under byte-level BPE with the given merges.

    Parameters
    ----------
    text : str
    merges : list of pairs (a, b) of int
        Merge r joins a and b into the token 256 + r.

    Returns
    -------
    list of int
    """
    ids = list(text.encode("utf-8"))
    raise NotImplementedError("merge the lowest-rank adjacent pair until none is left")
