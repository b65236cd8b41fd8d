import numpy as np


def ddpm_loss_and_posterior(x0, t, betas, eps, eps_pred):
    """loss (float), posterior mean (n, d) and variance (n,), model mean (n, d)."""
    x0 = np.asarray(x0, dtype=float)
    eps = np.asarray(eps, dtype=float)
    eps_pred = np.asarray(eps_pred, dtype=float)
    t = np.asarray(t)
    betas = np.asarray(betas, dtype=float)
    alphas_cumprod = np.cumprod(1.0 - betas)
    # abar_{t-1}, with abar_{-1} = 1: shift the cumulative product right by one.
    alphas_cumprod_prev = np.concatenate([[1.0], alphas_cumprod[:-1]])

    beta, abar, abar_prev = betas[t], alphas_cumprod[t], alphas_cumprod_prev[t]
    alpha = 1.0 - beta
    col = (slice(None), None)                  # (n,) -> (n, 1), to scale each row

    x_t = np.sqrt(abar)[col] * x0 + np.sqrt(1.0 - abar)[col] * eps
    loss = float(np.mean((eps - eps_pred) ** 2))

    # Gaussian posterior of the previous step given both ends (Bayes on two Gaussians).
    post_var = beta * (1.0 - abar_prev) / (1.0 - abar)
    coef_x0 = np.sqrt(abar_prev) * beta / (1.0 - abar)
    coef_xt = np.sqrt(alpha) * (1.0 - abar_prev) / (1.0 - abar)
    post_mean = coef_x0[col] * x0 + coef_xt[col] * x_t

    # The same mean with x0 estimated from the predicted noise, simplified so that
    # nothing is divided by sqrt(abar_t) (tiny at the end of the chain).
    model_mean = (x_t - (beta / np.sqrt(1.0 - abar))[col] * eps_pred) / np.sqrt(alpha)[col]
    return loss, post_mean, post_var, model_mean
