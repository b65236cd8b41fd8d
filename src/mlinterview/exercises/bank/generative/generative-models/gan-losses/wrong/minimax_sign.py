"""Returns the minimax generator loss as -log(1 - D): the discriminator's term, sign flipped."""
import numpy as np


def gan_losses(real_logits, fake_logits):
    real, fake = np.asarray(real_logits, dtype=float), np.asarray(fake_logits, dtype=float)
    sp = lambda z: np.logaddexp(0.0, z)
    sig = lambda z: np.exp(-np.logaddexp(0.0, -z))
    k = len(fake)
    return (float(sp(-real).mean() + sp(fake).mean()), float(sp(-fake).mean()),
            float(sp(fake).mean()), -sig(-fake) / k, sig(fake) / k)
