"""DDPM (Ho et al. 2020) on low-dimensional data with a pluggable forward noise.

Forward process: x_t = √(1-β_t) x_{t-1} + √β_t ε_t, so that (for Gaussian ε) the marginal is
q(x_t | x_0) = N(√ᾱ_t x_0, (1-ᾱ_t) I) with ᾱ_t = Π_{s≤t} (1-β_s). Training draws t and ε,
builds x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε in one shot and regresses ε with an MLP ε_θ(x_t, t).
Ancestral sampling runs the learned reverse chain from x_T ~ noise:

x_{t-1} = (x_t - β_t / √(1-ᾱ_t) · ε_θ(x_t, t)) / √α_t + σ_t z,  σ_t² = β_t (1-ᾱ_{t-1}) / (1-ᾱ_t).

``noise`` picks the law of ε and z: "gaussian", "uniform" (on [-√3, √3]) or "laplace"
(scale 1/√2), all with mean 0 and variance 1, so the one-shot marginal keeps the stated mean
and variance whatever the noise. Only the Gaussian is closed under sums, though: for the
others the step-by-step chain and the one-shot formula agree in mean and variance but not in
shape (see :func:`forward_chain`).

:class:`DDPM` diffuses standardised data, z = (x - mean_) / scale_ per feature, and maps
its samples back, x = mean_ + scale_ · z. The schedule is built for data of variance about
1: with ᾱ_T near 0, x_T = √ᾱ_T x_0 + √(1-ᾱ_T) ε is pure unit noise only if x_0 is not
huge, and the reverse chain starts from unit noise. On raw data of scale 1e3 the last
step would still hold √ᾱ_T · 1e3 of signal and sampling would start from the wrong law;
on data of scale 1e-3 the noise would drown it after the first step. Standardising makes
the same schedule right for every data set (see ``_nets`` for the other reasons).
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml import nn, optim
from mlinterview.ml._validation import (
    check_option,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.base import BaseEstimator
from mlinterview.ml.generative._nets import (
    batch,
    check_common,
    check_loss,
    check_trained,
    check_training_data,
    fit_scaling,
    mlp,
    sampling_rng,
    training_errstate,
    unstandardize,
)

SQRT3 = math.sqrt(3.0)

# Each draws unit-variance, zero-mean noise of a given shape.
NOISES = {
    "gaussian": lambda rng, shape: rng.standard_normal(shape),
    "uniform": lambda rng, shape: rng.uniform(-SQRT3, SQRT3, shape),  # var = (2√3)²/12 = 1
    "laplace": lambda rng, shape: rng.laplace(0.0, 1.0 / math.sqrt(2.0), shape),  # var = 2b²
}


def sample_noise(kind: str, shape, random_state=None) -> np.ndarray:
    """Zero-mean, unit-variance noise of the family ``kind`` (a key of ``NOISES``)."""
    check_option(kind, "noise", NOISES)
    return NOISES[kind](check_random_state(random_state), shape)


def linear_beta_schedule(n_steps: int, beta_start: float | None = None,
                         beta_end: float | None = None) -> np.ndarray:
    """β_1..β_T evenly spaced, shape (n_steps,). The defaults are DDPM's 1e-4 and 0.02
    for T = 1000, scaled by 1000 / T so a shorter chain destroys the data as fully."""
    check_scalar(n_steps, "n_steps", (int, np.integer), lo=1)
    scale = 1000.0 / n_steps
    lo = 1e-4 * scale if beta_start is None else beta_start
    hi = min(0.02 * scale, 0.999) if beta_end is None else beta_end
    check_scalar(lo, "beta_start", lo=0.0, hi=1.0, include_lo=False, include_hi=False)
    check_scalar(hi, "beta_end", lo=0.0, hi=1.0, include_lo=False, include_hi=False)
    return np.linspace(lo, hi, n_steps)


def cosine_beta_schedule(n_steps: int, s: float = 0.008, max_beta: float = 0.999) -> np.ndarray:
    """Nichol & Dhariwal's schedule, shape (n_steps,): ᾱ(t) = f(t) / f(0) with
    f(t) = cos²((t/T + s) / (1 + s) · π/2), and β_t = min(1 - ᾱ(t)/ᾱ(t-1), max_beta).
    ᾱ falls slowly at both ends, so fewer steps are wasted on pure noise."""
    check_scalar(n_steps, "n_steps", (int, np.integer), lo=1)
    t = np.arange(n_steps + 1) / n_steps
    f = np.cos((t + s) / (1 + s) * np.pi / 2) ** 2
    alpha_bar = f / f[0]
    return np.minimum(1.0 - alpha_bar[1:] / alpha_bar[:-1], max_beta)


SCHEDULES = {"linear": linear_beta_schedule, "cosine": cosine_beta_schedule}


def q_sample(x0, t, alphas_cumprod, eps) -> np.ndarray:
    """One-shot forward draw x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε.

    x0, eps : (n, d); t : int or int array (n,) of 0-based step indices into
    ``alphas_cumprod`` (T,).
    """
    ab = np.asarray(alphas_cumprod)[np.asarray(t)]
    ab = ab[:, None] if np.ndim(ab) == 1 else ab
    return np.sqrt(ab) * np.asarray(x0) + np.sqrt(1.0 - ab) * np.asarray(eps)


def forward_chain(x0, n_steps: int, betas, noise: str = "gaussian",
                  random_state=None) -> np.ndarray:
    """Run the forward Markov chain x_t = √(1-β_t) x_{t-1} + √β_t ε_t for ``n_steps``
    steps from x0 (n, d) with fresh ``noise`` at each step; returns x_{n_steps} (n, d).
    Its mean and variance match :func:`q_sample` for every noise; its shape does only for
    Gaussian noise (a sum of scaled uniforms is not uniform)."""
    rng = check_random_state(random_state)
    betas = np.asarray(betas, dtype=np.float64)
    check_scalar(n_steps, "n_steps", (int, np.integer), lo=0, hi=len(betas))
    x = np.array(x0, dtype=np.float64)
    for beta in betas[:n_steps]:  # a loop over time, each step vectorised over samples
        x = math.sqrt(1.0 - beta) * x + math.sqrt(beta) * sample_noise(noise, x.shape, rng)
    return x


def timestep_embedding(t, dim: int = 16, max_period: float = 1000.0) -> np.ndarray:
    """Sinusoidal features of the step index t (n,) -> (n, dim): sin and cos of t at
    geometrically spaced frequencies, as in the Transformer's positional encoding."""
    half = dim // 2
    freqs = np.exp(-math.log(max_period) * np.arange(half) / half)
    args = np.asarray(t, dtype=np.float64)[:, None] * freqs[None, :]
    return np.concatenate([np.sin(args), np.cos(args)], axis=1)


class DDPM(BaseEstimator):
    """Denoising diffusion model with an MLP ε_θ([x_t, embed(t)]) of two hidden layers.

    Parameters
    ----------
    n_steps : T, the chain length. schedule : "linear" or "cosine".
    noise : forward (and sampling) noise, "gaussian", "uniform" or "laplace".
    sampling_noise : override the noise of the reverse steps (None: same as ``noise``).
    hidden, n_iter, batch_size, lr, random_state : network width and Adam training.

    Attributes
    ----------
    mean_, scale_ (n_features,) : the standardisation of X the chain runs on.
    betas_, alphas_cumprod_ : (T,). model_ : nn.Sequential. loss_curve_ : per iteration.
    """

    def __init__(self, n_steps: int = 100, schedule: str = "linear", noise: str = "gaussian",
                 sampling_noise: str | None = None, hidden: int = 128, embed_dim: int = 16,
                 n_iter: int = 2000, batch_size: int = 256, lr: float = 1e-2,
                 random_state=0):
        self.n_steps = n_steps
        self.schedule = schedule
        self.noise = noise
        self.sampling_noise = sampling_noise
        self.hidden = hidden
        self.embed_dim = embed_dim
        self.n_iter = n_iter
        self.batch_size = batch_size
        self.lr = lr
        self.random_state = random_state

    def _eps(self, x: np.ndarray, t: np.ndarray) -> Tensor:
        # embed t on a 0..1000 scale whatever T is, so the frequencies suit any chain length
        emb = timestep_embedding(t * (1000.0 / self.n_steps), self.embed_dim)
        return self.model_(Tensor(np.concatenate([x, emb], axis=1)))

    def fit(self, X, y=None):
        """Train ε_θ on X (n_samples, n_features), standardised: random t, noise ε, one-shot
        x_t, MSE between ε_θ(x_t, t) and ε. Returns self."""
        X = check_training_data(X)
        check_common(self)
        check_scalar(self.embed_dim, "embed_dim", (int, np.integer), lo=2)
        check_option(self.schedule, "schedule", SCHEDULES)
        check_option(self.noise, "noise", NOISES)
        if self.sampling_noise is not None:
            check_option(self.sampling_noise, "sampling_noise", NOISES)
        Z = fit_scaling(self, X)
        rng = check_random_state(self.random_state)
        self.betas_ = SCHEDULES[self.schedule](self.n_steps)
        self.alphas_cumprod_ = np.cumprod(1.0 - self.betas_)
        d, h = X.shape[1], self.hidden
        self.model_ = mlp([d + 2 * (self.embed_dim // 2), h, h, h, d], rng)
        opt = optim.Adam(self.model_.parameters(), lr=self.lr)
        self.loss_curve_ = []
        with training_errstate():
            for i in range(self.n_iter):
                x0 = batch(Z, self.batch_size, rng)
                t = rng.integers(0, self.n_steps, len(x0))
                eps = sample_noise(self.noise, x0.shape, rng)
                xt = q_sample(x0, t, self.alphas_cumprod_, eps)
                loss = nn.functional.mse_loss(self._eps(xt, t), Tensor(eps))
                opt.zero_grad()
                loss.backward()
                opt.step()
                self.loss_curve_.append(check_loss(self, loss.item(), i))
            check_trained(self, self.model_.parameters())
        return self

    def sample(self, n_samples: int = 1000, random_state=None, *,
               return_path: bool = False):
        """Ancestral sampling from x_T ~ noise in standardised coordinates, mapped to data
        coordinates: (n_samples, d), or with ``return_path`` also the list of x_T, ..., x_0
        (each mapped the same way)."""
        rng = sampling_rng(self, "model_", n_samples, random_state)
        kind = self.sampling_noise or self.noise
        d = self.model_[-1].out_features
        betas, ab = self.betas_, self.alphas_cumprod_
        x = sample_noise(kind, (n_samples, d), rng)
        path = [x]
        # a chain that overflows ends in a ValueError from unstandardize, not a warning
        with no_grad(), training_errstate():
            for t in range(self.n_steps - 1, -1, -1):
                eps = self._eps(x, np.full(n_samples, t)).data
                x = (x - betas[t] / math.sqrt(1.0 - ab[t]) * eps) / math.sqrt(1.0 - betas[t])
                if t > 0:
                    var = betas[t] * (1.0 - ab[t - 1]) / (1.0 - ab[t])
                    x = x + math.sqrt(var) * sample_noise(kind, x.shape, rng)
                path.append(x)
        if return_path:
            path = [unstandardize(self, p, "sample") for p in path]
            return path[-1], path
        return unstandardize(self, x, "sample")
