import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=1e-2):
    """Step t (1-based) of AdamW on one array: returns (new_param, new_m, new_v)."""
    raise NotImplementedError("decay the weights, then an Adam step on the raw gradient")
