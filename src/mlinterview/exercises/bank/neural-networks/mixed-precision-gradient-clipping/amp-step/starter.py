import numpy as np


def amp_sgd_step(master, grads16, scale, growth_tracker, lr, max_norm=None, growth_factor=2.0,
                 backoff_factor=0.5, growth_interval=2000):
    """One mixed-precision SGD step with dynamic loss scaling and optional clipping by global
    norm. Returns (new_master (list of float32 arrays), new_scale, new_growth_tracker,
    applied, grad_norm)."""
    raise NotImplementedError("unscale in float32, check for overflow, clip, update, rescale")
