def longest_common_subsequence(a, b):
    """Length of a longest common subsequence of ``a`` and ``b``, and one of them.

    Parameters
    ----------
    a, b : str

    Returns
    -------
    (length, sequence) : tuple of an int and a str of that length, a subsequence of
        both ``a`` and ``b``.
    """
    raise NotImplementedError("fill the (len(a)+1) x (len(b)+1) table, then walk back")
