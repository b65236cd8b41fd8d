"""Takes the total norm as the sum of the per-gradient norms."""
import numpy as np


def clip_grad_norm(grads, max_norm, norm_type=2.0):
    grads = [np.asarray(g, dtype=float) for g in grads]
    total = sum(float(np.linalg.norm(g.ravel(), ord=norm_type)) for g in grads if g.size)
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
