"""The naive estimates: waiting clicks are negatives, mean delay of the observed delays."""
import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    arrived = np.asarray(converted).astype(bool)
    d = np.asarray(delay, dtype=float)[arrived]
    return float(arrived.mean()), float(d.mean())
