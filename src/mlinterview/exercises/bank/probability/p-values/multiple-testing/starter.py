import numpy as np


def adjust_pvalues(p, method):
    """Multiple-testing adjusted p-values, in the input order.

    Parameters
    ----------
    p : sequence of float in [0, 1], shape (m,), m >= 1
    method : {"bonferroni", "holm", "fdr_bh"}

    Returns
    -------
    ndarray (m,)
    """
    p = np.asarray(p, dtype=float)
    raise NotImplementedError("sort, scale, running max (Holm) or min (BH), cap, unsort")
