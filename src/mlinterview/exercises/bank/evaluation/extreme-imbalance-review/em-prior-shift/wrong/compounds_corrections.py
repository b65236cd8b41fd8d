"""Feeds each E-step's corrected probabilities back in as the next E-step's input, still
multiplying by prior / training prior: the correction compounds at every iteration
instead of being applied once to the original probabilities."""
import numpy as np


def em_prior_shift(probs, train_priors, tol=1e-12):
    P = np.asarray(probs, float)
    train = np.asarray(train_priors, float)
    priors = train.copy()
    for _ in range(1000):
        A = P / train * priors
        P = A / A.sum(axis=1, keepdims=True)
        new = P.mean(axis=0)
        done = np.max(np.abs(new - priors)) < tol
        priors = new
        if done:
            break
    return priors, P
