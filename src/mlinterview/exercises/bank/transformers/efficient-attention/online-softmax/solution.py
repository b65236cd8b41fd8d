import numpy as np


def online_softmax(x, block_size):
    """(softmax of x, running max after each block, running sum after each block)."""
    x = np.asarray(x, dtype=float)
    m, ell = -np.inf, 0.0
    m_hist, l_hist = [], []
    for start in range(0, len(x), block_size):
        block = x[start:start + block_size]
        m_new = max(m, block.max())
        if m_new == -np.inf:                 # nothing visible yet: avoid exp(-inf + inf)
            m_hist.append(m_new)
            l_hist.append(0.0)
            continue
        # Move the old sum from the old maximum to the new one, then add this block.
        ell = ell * np.exp(m - m_new) + np.exp(block - m_new).sum()
        m = m_new
        m_hist.append(m)
        l_hist.append(ell)
    with np.errstate(invalid="ignore"):      # an all -inf row: 0/0 = NaN, as in PyTorch
        p = np.exp(x - m) / ell
    return p, np.array(m_hist), np.array(l_hist)
