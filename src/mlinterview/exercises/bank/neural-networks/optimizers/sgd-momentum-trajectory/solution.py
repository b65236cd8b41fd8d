import numpy as np


def sgd_trajectory(theta0, A, b, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
                   nesterov=False):
    """Iterates of PyTorch's SGD on L(theta) = theta.A.theta / 2 - b.theta: an array of
    shape (steps + 1, d), theta0 first."""
    if momentum < 0:
        raise ValueError(f"momentum must be >= 0, got {momentum}")
    if nesterov and (momentum <= 0 or dampening != 0):
        raise ValueError("Nesterov momentum needs momentum > 0 and dampening = 0")
    theta = np.asarray(theta0, dtype=float)
    path = [theta]
    buf = None
    for _ in range(steps):
        # The loss gradient, plus weight decay as an L2 term (SGD's decay is coupled).
        g = A @ theta - b + weight_decay * theta
        if momentum != 0:
            # The buffer starts as the first gradient itself: no dampening on step 1.
            buf = g if buf is None else momentum * buf + (1 - dampening) * g
            # Nesterov steps with the gradient plus the look-ahead momentum term.
            g = g + momentum * buf if nesterov else buf
        theta = theta - lr * g
        path.append(theta)
    return np.array(path)
