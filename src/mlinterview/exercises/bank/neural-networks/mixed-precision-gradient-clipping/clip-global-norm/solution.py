import math

import numpy as np


def clip_grad_norm(grads, max_norm, norm_type=2.0):
    """Scale all gradients by one factor so that their joint norm is at most max_norm."""
    grads = [np.asarray(g, dtype=float) for g in grads]
    if math.isinf(norm_type):
        total = max((float(np.abs(g).max()) if g.size else 0.0 for g in grads), default=0.0)
    else:
        total = sum(float((np.abs(g) ** norm_type).sum()) for g in grads) ** (1 / norm_type)
    coef = min(1.0, max_norm / (total + 1e-6))
    return [g * coef for g in grads], total
