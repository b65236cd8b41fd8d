"""Reports (and clips with) the norm of the scaled float16 gradients instead of the unscaled
ones."""
import numpy as np


def amp_sgd_step(master, grads16, scale, growth_tracker, lr, max_norm=None, growth_factor=2.0,
                 backoff_factor=0.5, growth_interval=2000):
    # 1. Copy the float16 gradients to float32 and unscale them there: g / S in float16
    #    could underflow again, which is what scaling was for.
    inv = np.float32(1.0 / scale)
    grads = [np.asarray(g).astype(np.float32) * inv for g in grads16]
    # 2. The global 2-norm of the true (unscaled) gradients; inf or NaN on overflow.
    grad_norm = float(np.sqrt(sum(np.sum(np.asarray(g, np.float64) ** 2) for g in grads16)))
    found_inf = not all(np.all(np.isfinite(g)) for g in grads)
    if found_inf:
        # 3a. Skip the update, back off, restart the count of clean steps.
        return ([np.array(p, dtype=np.float32) for p in master], scale * backoff_factor, 0,
                False, grad_norm)
    # 3b. Clip the unscaled gradients (the threshold is in true gradient units).
    if max_norm is not None:
        coef = min(1.0, max_norm / (grad_norm + 1e-6))
        grads = [g * np.float32(coef) for g in grads]
    new_master = [np.asarray(p, dtype=np.float32) - np.float32(lr) * g
                  for p, g in zip(master, grads, strict=True)]
    growth_tracker += 1
    if growth_tracker == growth_interval:
        scale *= growth_factor
        growth_tracker = 0
    return new_master, scale, growth_tracker, True, grad_norm
