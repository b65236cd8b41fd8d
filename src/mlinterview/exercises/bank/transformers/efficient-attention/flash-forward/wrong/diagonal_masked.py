"""Masks j >= i: a query no longer sees its own key (the first row sees nothing)."""
import numpy as np


def flash_attention_forward(q, k, v, block_size, causal=False):
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    L, d = q.shape
    S = k.shape[0]
    scale = 1.0 / np.sqrt(d)
    out = np.empty((L, v.shape[1]))
    lse = np.empty(L)
    for i0 in range(0, L, block_size):
        i1 = min(i0 + block_size, L)
        qb = q[i0:i1] * scale
        m = np.full(i1 - i0, -np.inf)              # running max of each query row
        ell = np.zeros(i1 - i0)                    # running sum of exp(s - m)
        acc = np.zeros((i1 - i0, v.shape[1]))      # running sum of exp(s - m) v
        # Causal: key blocks that start after this block's last query are all masked.
        stop = min(S, i1) if causal else S
        for j0 in range(0, stop, block_size):
            j1 = min(j0 + block_size, S)
            s = qb @ k[j0:j1].T                    # one (block, block) tile of scores
            if causal:
                later = np.arange(j0, j1)[None, :] >= np.arange(i0, i1)[:, None]
                s = np.where(later, -np.inf, s)
            m_new = np.maximum(m, s.max(axis=1))
            with np.errstate(invalid="ignore"):
                alpha = np.exp(m - m_new)
                p = np.exp(s - m_new[:, None])
            ell = alpha * ell + p.sum(axis=1)
            acc = alpha[:, None] * acc + p @ v[j0:j1]
            m = m_new
        with np.errstate(invalid="ignore", divide="ignore"):
            out[i0:i1] = acc / ell[:, None]
            lse[i0:i1] = m + np.log(ell)
    return out, lse
