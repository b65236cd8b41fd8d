import numpy as np


def langevin(x0, mu, precision, step_size, noise, uniforms, metropolis):
    """Run Langevin chains (ULA, or MALA with metropolis=True) on a Gaussian energy.

    Parameters
    ----------
    x0 : float array of shape (n, d), starting points
    mu : float array of shape (d,); precision : float array of shape (d, d)
        The energy E(x) = 0.5 (x - mu)^T precision (x - mu).
    step_size : float, h > 0
    noise : float array of shape (n_steps, n, d), the z of each step
    uniforms : float array of shape (n_steps, n), the accept/reject draws (MALA only)
    metropolis : bool

    Returns
    -------
    (x, acceptance) : float arrays of shapes (n, d) and (n,)
    """
    x = np.array(x0, dtype=float)
    raise NotImplementedError("loop over steps: propose, then accept or reject per chain")
