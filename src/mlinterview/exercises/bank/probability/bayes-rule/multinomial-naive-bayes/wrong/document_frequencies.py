"""Counts documents that contain each word (the Bernoulli model's statistic) instead of
total word occurrences, so a word used ten times in one document counts once."""
import numpy as np
from scipy.special import logsumexp


def nb_log_posterior(X_train, y_train, X_test, alpha=1.0):
    X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)
    classes, y = np.unique(np.asarray(y_train), return_inverse=True)
    onehot = np.eye(classes.size)[y]
    smoothed = onehot.T @ (X_train > 0) + alpha
    log_theta = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
    joint = X_test @ log_theta.T + np.log(onehot.mean(axis=0))
    return joint - logsumexp(joint, axis=1, keepdims=True)
