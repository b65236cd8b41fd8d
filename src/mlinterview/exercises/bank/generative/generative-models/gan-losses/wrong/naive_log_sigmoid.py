"""Takes log(sigmoid(l)) directly: -inf (and inf losses) at logits of ±1000."""
import numpy as np


def gan_losses(real_logits, fake_logits):
    real, fake = np.asarray(real_logits, dtype=float), np.asarray(fake_logits, dtype=float)
    with np.errstate(over="ignore", divide="ignore"):
        sr, sf = 1 / (1 + np.exp(-real)), 1 / (1 + np.exp(-fake))
        d = -np.mean(np.log(sr)) - np.mean(np.log(1 - sf))
        ns, mm = -np.mean(np.log(sf)), np.mean(np.log(1 - sf))
    return float(d), float(ns), float(mm), -(1 - sf) / len(fake), -sf / len(fake)
