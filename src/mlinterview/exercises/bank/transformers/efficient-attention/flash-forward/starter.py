import numpy as np


def flash_attention_forward(q, k, v, block_size, causal=False):
    """Exact attention softmax(q k^T / sqrt(d)) v computed one tile of scores at a time.

    Parameters
    ----------
    q : float array (L, d); k : (S, d); v : (S, dv)
    block_size : int >= 1, the tile size for queries and keys
    causal : bool, query i sees keys 0..i only

    Returns
    -------
    (out, lse) : arrays of shapes (L, dv) and (L,)
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    raise NotImplementedError("per query block: running m, l, acc over the key blocks")
