import numpy as np


def attention_backward(q, k, v, grad_out):
    """(dq, dk, dv) for O = softmax(q kᵀ / sqrt(d)) v and dO = grad_out."""
    q, k, v, dout = (np.asarray(a, dtype=float) for a in (q, k, v, grad_out))
    scale = 1.0 / np.sqrt(q.shape[-1])
    kt = np.swapaxes(k, -1, -2)
    # Forward again: the weights P are needed by every gradient.
    scores = q @ kt * scale
    p = np.exp(scores - scores.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    # O = P V: dV = Pᵀ dO, dP = dO Vᵀ.
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    # Softmax rows: dS = P ⊙ (dP − Σ_j P_j dP_j); the sum runs over the keys of each row.
    ds = p * (dp - (p * dp).sum(axis=-1, keepdims=True))
    # S = Q Kᵀ · scale: dQ = dS K · scale, dK = dSᵀ Q · scale.
    dq = ds @ k * scale
    dk = np.swapaxes(ds, -1, -2) @ q * scale
    return dq, dk, dv
