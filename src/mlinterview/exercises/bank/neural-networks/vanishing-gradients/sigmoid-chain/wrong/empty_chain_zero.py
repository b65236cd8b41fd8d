"""Starts the product from the first layer, so a chain without layers has gradient and bound
0 instead of 1 (the derivative of the identity)."""
import math


def sigmoid_chain(x0, w, b):
    x, grad, bound = float(x0), 0.0, 0.0
    for i, (w_l, b_l) in enumerate(zip(w, b)):
        x = 1.0 / (1.0 + math.exp(-(w_l * x + b_l)))
        local = w_l * x * (1.0 - x)
        grad = local if i == 0 else grad * local
        bound = abs(w_l) / 4.0 if i == 0 else bound * abs(w_l) / 4.0
    return x, grad, bound
