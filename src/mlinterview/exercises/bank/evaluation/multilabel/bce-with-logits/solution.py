import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    """Mean binary cross-entropy of sigmoid(logits) against targets, over every cell."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    # log σ(z) = -log(1 + e^{-z}); logaddexp never forms e^{1000}.
    log_p = -np.logaddexp(0.0, -z)
    log_not_p = -np.logaddexp(0.0, z)          # log(1 - σ(z)) = log σ(-z)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    return float(np.mean(-(w * y * log_p + (1.0 - y) * log_not_p)))
