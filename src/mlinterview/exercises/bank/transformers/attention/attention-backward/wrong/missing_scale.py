"""Forgets that the scores were scaled by 1/sqrt(d): dQ and dK come out sqrt(d) too large."""
import numpy as np


def attention_backward(q, k, v, grad_out):
    q, k, v, dout = (np.asarray(a, dtype=float) for a in (q, k, v, grad_out))
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    p = np.exp(scores - scores.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    ds = p * (dp - (p * dp).sum(axis=-1, keepdims=True))
    return ds @ k, np.swapaxes(ds, -1, -2) @ q, dv
