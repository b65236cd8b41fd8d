"""MALA ratio from the energies only, as if the Langevin proposal were symmetric."""
import numpy as np


def langevin(x0, mu, precision, step_size, noise, uniforms, metropolis):
    x = np.array(x0, dtype=float)
    mu, prec = np.asarray(mu, dtype=float), np.asarray(precision, dtype=float)
    h = float(step_size)
    acc = np.zeros(len(x))
    for k in range(len(noise)):
        y = x - h * (x - mu) @ prec + np.sqrt(2 * h) * np.asarray(noise[k])
        if metropolis:
            e = lambda z: 0.5 * np.einsum("ij,jk,ik->i", z - mu, prec, z - mu)
            ok = np.log(np.asarray(uniforms[k])) < e(x) - e(y)
            x[ok] = y[ok]
            acc += ok
        else:
            x, acc = y, acc + 1
    return x, (acc / len(noise) if len(noise) else np.ones(len(x)))
