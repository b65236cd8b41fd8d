import numpy as np


def loss_scale_run(grads_per_step, init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5,
                   growth_interval=2000):
    """Dynamic loss scaling over a run. grads_per_step[t] is the list of gradient arrays of
    step t (of the scaled loss). Returns (scale used at each step, whether each step was
    applied, the scale after the last step)."""
    raise NotImplementedError("check every gradient for inf/NaN, then back off or count")
