"""Inverse-probability weights 1/F(e) for the rate, but with the mean of the observed
delays as the mean delay (biased short, so F is too large and the rate too low)."""
import numpy as np


def fit_delayed_feedback(elapsed, converted, delay):
    elapsed = np.asarray(elapsed, dtype=float)
    arrived = np.asarray(converted).astype(bool)
    mu = float(np.asarray(delay, dtype=float)[arrived].mean())
    F = 1 - np.exp(-elapsed / mu)
    return float(np.mean(arrived / F)), mu
