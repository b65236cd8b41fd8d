"""Clips each gradient to max_norm on its own instead of using the global norm."""
import numpy as np


def clip_grad_norm(grads, max_norm, norm_type=2.0):
    out, norms = [], []
    for g in grads:
        g = np.asarray(g, dtype=float)
        n = float(np.linalg.norm(g.ravel(), ord=norm_type)) if g.size else 0.0
        norms.append(n)
        out.append(g * min(1.0, max_norm / (n + 1e-6)))
    total = float(np.linalg.norm(np.array(norms), ord=norm_type)) if norms else 0.0
    return out, total
