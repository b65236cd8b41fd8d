import numpy as np


def lcs_length(a, b):
    """Length of a longest common subsequence of two sequences, in O(len(b)) memory.

    Parameters
    ----------
    a, b : str or list of int

    Returns
    -------
    int
    """
    raise NotImplementedError("one row at a time: candidates, then a running maximum")
