"""Looks for infinities only (np.isinf), so a NaN gradient passes as clean."""
import numpy as np


def loss_scale_run(grads_per_step, init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5,
                   growth_interval=2000):
    scale = float(init_scale)
    tracker = 0                       # clean steps since the last change of scale
    scales, applied = [], []
    for grads in grads_per_step:
        scales.append(scale)
        # inf and NaN both mean the scaled gradients overflowed somewhere.
        overflow = any(np.any(np.isinf(g)) for g in grads)
        applied.append(not overflow)
        if overflow:
            scale *= backoff_factor   # skip the step and back off
            tracker = 0
        else:
            tracker += 1
            if tracker == growth_interval:
                scale *= growth_factor    # long enough without overflow: try larger
                tracker = 0
    return scales, applied, scale
