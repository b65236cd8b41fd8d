import math


def sigmoid_chain(x0, w, b):
    """Output x_L of x_l = sigmoid(w_l x_{l-1} + b_l), its derivative d x_L / d x0, and the
    bound prod |w_l| / 4^L on that derivative: a tuple of three floats."""
    x = float(x0)
    grad = 1.0          # d x_0 / d x_0
    bound = 1.0
    for w_l, b_l in zip(w, b, strict=True):
        z = w_l * x + b_l
        x = 1.0 / (1.0 + math.exp(-z))
        # Chain rule: d x_l / d x_{l-1} = w_l · σ'(z_l), and σ'(z_l) = x_l (1 - x_l).
        grad *= w_l * x * (1.0 - x)
        # σ' peaks at 1/4 (z = 0): each layer can shrink the gradient by |w_l| / 4 at best.
        bound *= abs(w_l) / 4.0
    return x, float(grad), float(bound)
