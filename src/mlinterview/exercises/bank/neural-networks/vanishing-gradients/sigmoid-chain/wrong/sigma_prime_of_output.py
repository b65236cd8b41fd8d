"""Evaluates sigma' at the layer's output x_l instead of at its pre-activation z_l
(sigma(x_l)(1 - sigma(x_l)) applies the sigmoid twice)."""
import math


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def sigmoid_chain(x0, w, b):
    x, grad, bound = float(x0), 1.0, 1.0
    for w_l, b_l in zip(w, b):
        x = _sigmoid(w_l * x + b_l)
        grad *= w_l * _sigmoid(x) * (1.0 - _sigmoid(x))
        bound *= abs(w_l) / 4.0
    return x, grad, bound
