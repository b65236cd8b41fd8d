import numpy as np


def masked_attention(q, k, v, key_lengths, causal):
    """softmax(q kᵀ / sqrt(d) + mask) v with padding and (optionally) causal masking.

    Parameters
    ----------
    q : float array (N, L, d); k : float array (N, S, d); v : float array (N, S, d_v)
    key_lengths : int array (N,), the number of real (non-padded) keys per sequence
    causal : bool, query i sees only keys j <= i

    Returns
    -------
    ndarray (N, L, d_v); rows of zeros for queries that may see no key
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    raise NotImplementedError("build a boolean (N, L, S) mask, put -inf where it is False")
