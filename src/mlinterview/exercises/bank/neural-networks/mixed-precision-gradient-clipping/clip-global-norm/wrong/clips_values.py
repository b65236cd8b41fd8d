"""Clamps every entry to [-max_norm, max_norm] (clip by value, which changes the direction)."""
import numpy as np


def clip_grad_norm(grads, max_norm, norm_type=2.0):
    grads = [np.asarray(g, dtype=float) for g in grads]
    flat = np.concatenate([g.ravel() for g in grads]) if grads else np.zeros(0)
    total = float(np.linalg.norm(flat, ord=norm_type)) if flat.size else 0.0
    return [np.clip(g, -max_norm, max_norm) for g in grads], total
