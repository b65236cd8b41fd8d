"""Reweights by the new prior only (p * pi) and forgets to divide by the training prior, so
the training prior is counted twice."""
import numpy as np


def em_prior_shift(probs, train_priors, tol=1e-12):
    P = np.asarray(probs, float)
    priors = np.asarray(train_priors, float).copy()
    for _ in range(1000):
        A = P * priors
        A /= A.sum(axis=1, keepdims=True)
        new = A.mean(axis=0)
        done = np.max(np.abs(new - priors)) < tol
        priors = new
        if done:
            break
    A = P * priors
    return priors, A / A.sum(axis=1, keepdims=True)
