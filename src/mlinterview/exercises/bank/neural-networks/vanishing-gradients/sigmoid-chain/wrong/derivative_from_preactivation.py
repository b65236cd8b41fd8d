"""Uses z (1 - z) as the derivative: the formula x (1 - x) needs the sigmoid's output, not
its input."""
import math


def sigmoid_chain(x0, w, b):
    x, grad, bound = float(x0), 1.0, 1.0
    for w_l, b_l in zip(w, b):
        z = w_l * x + b_l
        x = 1.0 / (1.0 + math.exp(-z))
        grad *= w_l * z * (1.0 - z)
        bound *= abs(w_l) / 4.0
    return x, grad, bound
