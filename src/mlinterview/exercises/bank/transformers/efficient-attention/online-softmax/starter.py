import numpy as np


def online_softmax(x, block_size):
    """Softmax of a 1-D array computed block by block with a running max and sum.

    Parameters
    ----------
    x : float array of shape (n,), may contain -inf
    block_size : int >= 1

    Returns
    -------
    (p, m_history, l_history) : arrays of shapes (n,), (n_blocks,), (n_blocks,)
    """
    x = np.asarray(x, dtype=float)
    raise NotImplementedError("m = -inf, l = 0; per block: new max, rescale l, add the block")
