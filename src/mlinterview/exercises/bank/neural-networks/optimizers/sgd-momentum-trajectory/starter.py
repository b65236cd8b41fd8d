import numpy as np


def sgd_trajectory(theta0, A, b, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
                   nesterov=False):
    """Iterates of PyTorch's SGD on L(theta) = theta.A.theta / 2 - b.theta: an array of
    shape (steps + 1, d), theta0 first."""
    raise NotImplementedError("gradient, weight decay, momentum buffer, step")
