import numpy as np

MAX_ITER = 1000


def em_prior_shift(probs, train_priors, tol=1e-12):
    """Deployment class priors estimated by EM, and the probabilities corrected to them."""
    P = np.asarray(probs, dtype=float)              # (n, K): p(k | x_i) under the training priors
    train = np.asarray(train_priors, dtype=float)   # (K,)

    # Bayes' rule with a new prior: p_new(k | x) ∝ p(k | x) · prior_new(k) / prior_train(k).
    # The likelihood ratio p(x | k) / p(x) is the same under both priors, so only the
    # prior factor changes. Dividing by the training prior once gives "likelihood" weights.
    W = P / train                                   # (n, K)

    priors = train.copy()
    for _ in range(MAX_ITER):
        # E-step: each sample's class probabilities under the current prior estimate.
        adjusted = W * priors
        adjusted /= adjusted.sum(axis=1, keepdims=True)
        # M-step: the prior is the average responsibility over the deployment samples.
        new_priors = adjusted.mean(axis=0)
        converged = np.max(np.abs(new_priors - priors)) < tol
        priors = new_priors
        if converged:
            break

    # The returned probabilities are corrected to the returned priors.
    adjusted = W * priors
    adjusted /= adjusted.sum(axis=1, keepdims=True)
    return priors, adjusted
