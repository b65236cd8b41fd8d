"""Always divides by r, even with use_rslora (which divides by the square root of r)."""
import numpy as np


def lora_merge(W, A, B, lora_alpha, use_rslora=False):
    W, A, B = (np.asarray(m, dtype=float) for m in (W, A, B))
    out_features, in_features = W.shape
    r = A.shape[0]
    if A.shape[1] != in_features or B.shape != (out_features, r):
        raise ValueError("shapes")
    return W + lora_alpha / r * (B @ A), r * (in_features + out_features)
