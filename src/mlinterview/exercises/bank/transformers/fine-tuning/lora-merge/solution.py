import numpy as np


def lora_merge(W, A, B, lora_alpha, use_rslora=False):
    """(W + s B A, r (in + out)) with s = lora_alpha / r, or lora_alpha / sqrt(r)."""
    W, A, B = (np.asarray(m, dtype=float) for m in (W, A, B))
    if W.ndim != 2 or A.ndim != 2 or B.ndim != 2:
        raise ValueError("W, A and B must be matrices")
    out_features, in_features = W.shape
    r = A.shape[0]
    if A.shape[1] != in_features or B.shape != (out_features, r):
        raise ValueError(f"A must be (r, {in_features}) and B ({out_features}, r)")
    # rsLoRA divides by sqrt(r) so the update does not shrink as the rank grows.
    scaling = lora_alpha / (np.sqrt(r) if use_rslora else r)
    merged = W + scaling * (B @ A)
    # Only A (r x in) and B (out x r) are trained; W stays frozen.
    return merged, r * (in_features + out_features)
