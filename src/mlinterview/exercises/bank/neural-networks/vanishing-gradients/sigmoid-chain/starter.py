import math


def sigmoid_chain(x0, w, b):
    """Output x_L of x_l = sigmoid(w_l x_{l-1} + b_l), its derivative d x_L / d x0, and the
    bound prod |w_l| / 4^L on that derivative: a tuple of three floats."""
    raise NotImplementedError("run the chain forward, multiplying the local derivatives")
