import numpy as np


def nb_log_posterior(X_train, y_train, X_test, alpha=1.0):
    """Fit multinomial naive Bayes with Laplace smoothing; return log P(class | x)."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    classes, y = np.unique(np.asarray(y_train), return_inverse=True)
    onehot = np.eye(classes.size)[y]                           # (n, C)

    log_prior = np.log(onehot.mean(axis=0))                    # class frequencies, (C,)
    counts = onehot.T @ X_train                                # N_cj, (C, d)
    smoothed = counts + alpha
    # theta_cj = (N_cj + alpha) / (N_c + alpha d): the row sums of `smoothed` are exactly
    # N_c + alpha d, so each row is a distribution over the vocabulary.
    log_theta = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))

    joint = X_test @ log_theta.T + log_prior                   # log P(c) P(x | c), (m, C)
    top = joint.max(axis=1, keepdims=True)                     # log-sum-exp per row
    log_evidence = top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
    return joint - log_evidence
