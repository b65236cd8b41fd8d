"""Accepts when log u > log alpha: keeps the bad proposals and rejects the good ones."""
import numpy as np


def langevin(x0, mu, precision, step_size, noise, uniforms, metropolis):
    x = np.array(x0, dtype=float)
    mu, prec = np.asarray(mu, dtype=float), np.asarray(precision, dtype=float)
    h = float(step_size)
    acc = np.zeros(len(x))
    for k in range(len(noise)):
        g = (x - mu) @ prec
        y = x - h * g + np.sqrt(2 * h) * np.asarray(noise[k])
        if metropolis:
            e = lambda z: 0.5 * np.einsum("ij,jk,ik->i", z - mu, prec, z - mu)
            gy = (y - mu) @ prec
            log_a = (e(x) - e(y) - ((x - y + h * gy) ** 2).sum(1) / (4 * h)
                     + ((y - x + h * g) ** 2).sum(1) / (4 * h))
            ok = np.log(np.asarray(uniforms[k])) > log_a
            x[ok] = y[ok]
            acc += ok
        else:
            x, acc = y, acc + 1
    return x, (acc / len(noise) if len(noise) else np.ones(len(x)))
