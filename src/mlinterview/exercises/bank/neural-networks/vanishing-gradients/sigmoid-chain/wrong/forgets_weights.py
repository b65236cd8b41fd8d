"""Multiplies only the sigmoid derivatives: d z_l / d x_{l-1} = w_l is left out of the chain
rule (and out of the bound)."""
import math


def sigmoid_chain(x0, w, b):
    x, grad = float(x0), 1.0
    for w_l, b_l in zip(w, b):
        x = 1.0 / (1.0 + math.exp(-(w_l * x + b_l)))
        grad *= x * (1.0 - x)
    return x, grad, 0.25 ** len(w)
