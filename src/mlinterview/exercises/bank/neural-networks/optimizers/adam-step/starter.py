import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """Step number t (1-based) of Adam. param, grad, m, v: arrays of one shape.

    Returns (new_param, new_m, new_v), each of param's shape.
    """
    raise NotImplementedError("update m and v, correct their bias, then take the step")
