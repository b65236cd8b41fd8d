"""Adds each block measured from the new maximum without rescaling the old sum."""
import numpy as np


def online_softmax(x, block_size):
    x = np.asarray(x, dtype=float)
    m, ell, m_hist, l_hist = -np.inf, 0.0, [], []
    for start in range(0, len(x), block_size):
        block = x[start:start + block_size]
        m_new = max(m, block.max())
        if m_new == -np.inf:
            m_hist.append(m_new)
            l_hist.append(0.0)
            continue
        ell = ell + np.exp(block - m_new).sum()
        m = m_new
        m_hist.append(m)
        l_hist.append(ell)
    with np.errstate(invalid="ignore"):
        p = np.exp(x - m) / ell
    return p, np.array(m_hist), np.array(l_hist)
