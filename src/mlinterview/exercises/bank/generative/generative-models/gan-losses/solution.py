import numpy as np


def _softplus(z):
    """log(1 + e^z) for any z: np.logaddexp(0, z) never forms e^z for large z."""
    return np.logaddexp(0.0, z)


def _sigmoid(z):
    """1 / (1 + e^-z), exponentiating -|z| only."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def gan_losses(real_logits, fake_logits):
    """(L_D, L_ns, L_mm, dL_ns/dl, dL_mm/dl) from the discriminator's logits."""
    real = np.asarray(real_logits, dtype=float)
    fake = np.asarray(fake_logits, dtype=float)
    k = len(fake)
    # -log sigma(l) = softplus(-l);  -log(1 - sigma(l)) = softplus(l).
    d_loss = np.mean(_softplus(-real)) + np.mean(_softplus(fake))
    g_loss_ns = np.mean(_softplus(-fake))
    g_loss_mm = -np.mean(_softplus(fake))
    # d softplus(z)/dz = sigmoid(z): the chain rule through the means.
    grad_ns = -_sigmoid(-fake) / k
    grad_mm = -_sigmoid(fake) / k
    return float(d_loss), float(g_loss_ns), float(g_loss_mm), grad_ns, grad_mm
