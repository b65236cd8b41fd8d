"""Averages the discriminator loss over the concatenated batch instead of adding two means."""
import numpy as np


def gan_losses(real_logits, fake_logits):
    real, fake = np.asarray(real_logits, dtype=float), np.asarray(fake_logits, dtype=float)
    sp = lambda z: np.logaddexp(0.0, z)
    sig = lambda z: np.exp(-np.logaddexp(0.0, -z))
    k = len(fake)
    d = np.concatenate([sp(-real), sp(fake)]).mean()
    return (float(d), float(sp(-fake).mean()), float(-sp(fake).mean()), -sig(-fake) / k,
            -sig(fake) / k)
