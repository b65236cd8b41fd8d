import numpy as np


def top_k_gates(logits, k, renormalize):
    """Softmax probabilities of each row's k largest logits, 0 elsewhere, shape (T, E)."""
    logits = np.asarray(logits, dtype=float)
    # Subtract the row maximum before exp: same softmax, no overflow.
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = z / z.sum(axis=1, keepdims=True)
    # A stable sort of -logits keeps equal logits in index order: ties go to the lower index.
    chosen = np.argsort(-logits, axis=1, kind="stable")[:, :k]
    gates = np.zeros_like(probs)
    rows = np.arange(len(probs))[:, None]
    gates[rows, chosen] = probs[rows, chosen]
    if renormalize:
        gates /= gates.sum(axis=1, keepdims=True)
    return gates
