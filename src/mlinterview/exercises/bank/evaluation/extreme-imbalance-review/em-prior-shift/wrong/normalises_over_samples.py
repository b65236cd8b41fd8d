"""Normalises the reweighted probabilities over the samples (axis 0) instead of over the
classes of each sample (axis 1)."""
import numpy as np


def em_prior_shift(probs, train_priors, tol=1e-12):
    P = np.asarray(probs, float)
    train = np.asarray(train_priors, float)
    W = P / train
    priors = train.copy()
    for _ in range(1000):
        A = W * priors
        A /= A.sum(axis=0, keepdims=True)
        new = A.mean(axis=0)
        done = np.max(np.abs(new - priors)) < tol
        priors = new
        if done:
            break
    A = W * priors
    return priors, A / A.sum(axis=0, keepdims=True)
