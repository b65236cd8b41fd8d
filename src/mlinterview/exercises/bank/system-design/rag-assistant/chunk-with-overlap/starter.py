def chunk_tokens(tokens, size, overlap):
    """Fixed windows of ``size`` tokens starting every ``size - overlap`` tokens.

    Parameters
    ----------
    tokens : list of str
    size : int >= 1, tokens per window
    overlap : int, 0 <= overlap < size, tokens shared by consecutive windows

    Returns
    -------
    list of lists of str: the windows in order; the last one reaches the end of
    ``tokens`` and may be shorter; [] for an empty document.
    """
    raise NotImplementedError("start every size - overlap tokens; stop after the window "
                              "that reaches the end")
