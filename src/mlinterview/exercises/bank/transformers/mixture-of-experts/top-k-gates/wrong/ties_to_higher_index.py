"""Reverses an ascending sort to get the largest: equal logits then go to the higher
expert index."""
import numpy as np


def top_k_gates(logits, k, renormalize):
    logits = np.asarray(logits, dtype=float)
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = z / z.sum(axis=1, keepdims=True)
    chosen = np.argsort(logits, axis=1, kind="stable")[:, ::-1][:, :k]
    gates = np.zeros_like(probs)
    rows = np.arange(len(probs))[:, None]
    gates[rows, chosen] = probs[rows, chosen]
    if renormalize:
        gates /= gates.sum(axis=1, keepdims=True)
    return gates
