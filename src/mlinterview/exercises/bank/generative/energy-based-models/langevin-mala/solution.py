import numpy as np


def langevin(x0, mu, precision, step_size, noise, uniforms, metropolis):
    """Final states (n, d) and acceptance rates (n,) of ULA or MALA chains."""
    x = np.array(x0, dtype=float)                  # a copy: the chains move in place
    mu = np.asarray(mu, dtype=float)
    prec = np.asarray(precision, dtype=float)
    noise = np.asarray(noise, dtype=float)
    uniforms = np.asarray(uniforms, dtype=float)
    h = float(step_size)

    def energy(z):                                 # 0.5 (z - mu)^T Lambda (z - mu), per row
        r = z - mu
        return 0.5 * np.einsum("ij,jk,ik->i", r, prec, r)

    def grad(z):                                   # Lambda (z - mu), per row (Lambda symmetric)
        return (z - mu) @ prec

    accepted = np.zeros(len(x))
    for k in range(len(noise)):
        g = grad(x)
        y = x - h * g + np.sqrt(2.0 * h) * noise[k]
        if not metropolis:                         # ULA: every move is taken
            x = y
            accepted += 1.0
            continue
        # log q(x | y) - log q(y | x) for q(b | a) = N(a - h grad E(a), 2h I).
        back = ((x - y + h * grad(y)) ** 2).sum(axis=1)
        forth = ((y - x + h * g) ** 2).sum(axis=1)
        log_alpha = energy(x) - energy(y) - back / (4.0 * h) + forth / (4.0 * h)
        accept = np.log(uniforms[k]) < log_alpha
        x[accept] = y[accept]                      # rejected chains stay where they are
        accepted += accept
    n_steps = len(noise)
    acceptance = accepted / n_steps if n_steps else np.ones(len(x))
    return x, acceptance
