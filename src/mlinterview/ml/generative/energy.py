"""Energy-based model on low-dimensional data: p(x) = exp(-E(x)) / Z with an MLP energy.

Z = ∫ exp(-E(x)) dx is never computed. Two ways to train without it:

- ``method="cd"``: persistent contrastive divergence. The log-likelihood gradient is
  -E_data[∇_θ E] + E_model[∇_θ E]; the model expectation uses samples from short Langevin
  runs that continue from a replay buffer (Du & Mordatch 2019). Loss:
  mean E(data) - mean E(samples) + alpha · mean(E(data)² + E(samples)²).
- ``method="dsm"``: denoising score matching (Vincent 2011). With x̃ = x + σ ε the score of
  the noised data is matched by -∇_x E: loss = mean ‖σ ∇_x E(x̃) - ε‖², which is exactly the
  ε-prediction loss of a diffusion model at one noise level, with ε̂ = σ ∇_x E.

DSM needs ∇_x E inside the loss (a gradient of a gradient). Our engine does not do double
backward, so the energy MLP writes its input gradient out by the chain rule as a graph of
ordinary differentiable ops (softplus' = sigmoid), which backward then differentiates in θ.

:class:`EnergyModel` learns the energy of the standardised data, z = (x - mean_) / scale_
per feature, and defines E(x) = E_z((x - mean_) / scale_): the density of x is that of z
over the constant Π scale_, which the unknown log Z absorbs. So ∇_x E = ∇_z E / scale_,
and the chains run in z, where ``step_size`` and ``noise_sigma`` are in units of the
data's standard deviation: one setting suits data of any scale. (Langevin in x with step
h is Langevin in z with step h / scale² per feature: unstandardised, a step size right
for one feature is far too small or unstable for another.) See ``_nets`` for the other
reasons networks get standardised inputs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np

from mlinterview.ml import nn, optim
from mlinterview.ml._validation import (
    check_array,
    check_option,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.base import BaseEstimator
from mlinterview.ml.generative._nets import (
    batch,
    check_common,
    check_loss,
    check_trained,
    check_training_data,
    fit_scaling,
    sampling_rng,
    standardize,
    training_errstate,
    unstandardize,
)

F = nn.functional


def langevin_sample(grad_energy: Callable[[np.ndarray], np.ndarray], x0, *,
                    n_steps: int = 100, step_size: float = 0.01, random_state=None,
                    return_path: bool = False):
    """Unadjusted Langevin dynamics towards p(x) ∝ exp(-E(x)):

    x ← x - h ∇E(x) + √(2h) z,  z ~ N(0, I),

    for ``n_steps`` steps of size h = ``step_size`` from x0 (n, d), all chains at once.
    ``grad_energy`` maps (n, d) to (n, d). For small h the chain's stationary law
    approaches p; for a quadratic energy E = a x²/2 it is N(0, 1 / (a (1 - a h / 2)))
    exactly, a bias of order h. Returns x (n, d), or (x, path) with the list of states.
    """
    x = check_array(x0, "x0").astype(np.float64, copy=True)
    check_scalar(n_steps, "n_steps", (int, np.integer), lo=0)
    check_scalar(step_size, "step_size", lo=0.0, include_lo=False)
    rng = check_random_state(random_state)
    noise_scale = math.sqrt(2.0 * step_size)
    path = [x.copy()] if return_path else None
    for _ in range(n_steps):  # a loop over time; every step is vectorised over chains
        x = x - step_size * grad_energy(x) + noise_scale * rng.standard_normal(x.shape)
        if return_path:
            path.append(x.copy())
    return (x, path) if return_path else x


class EnergyModel(BaseEstimator):
    """An MLP energy E_θ: R^d -> R (softplus hidden layers) fitted by contrastive
    divergence (``method="cd"``) or denoising score matching (``method="dsm"``).

    Parameters
    ----------
    hidden, n_hidden_layers : width and depth of the energy MLP.
    method : "cd" or "dsm".
    langevin_steps, step_size : Langevin run per CD iteration and the step h, in
        standardised units (also the defaults of :meth:`sample`).
    alpha : weight of the energy-magnitude penalty in CD (keeps E from drifting).
    buffer_size, reinit_prob : persistent chains for CD, and the share restarted from
        uniform noise each iteration.
    noise_sigma : σ of the DSM noise, in units of each feature's standard deviation.
    n_iter, batch_size, lr, random_state : Adam training.

    The defaults ``step_size=0.005`` and ``noise_sigma=0.14`` are this model's former
    defaults (0.01 and 0.2 in the units of the raw data) re-expressed for the toy sets of
    ``datasets``, whose standard deviation is about √2 (a Langevin step scales with the
    square of the unit, σ with the unit).

    Attributes
    ----------
    mean_, scale_ (n_features,) : the standardisation of X the energy is learned in.
    layers_ : nn.ModuleList of Linear. loss_curve_ : per iteration. box_ : (2, d) the
    bounding box of the data (with a margin), in data coordinates, where chains start.
    """

    METHODS = ("cd", "dsm")

    def __init__(self, hidden: int = 64, n_hidden_layers: int = 2, method: str = "cd",
                 langevin_steps: int = 10, step_size: float = 0.005, alpha: float = 0.1,
                 buffer_size: int = 5000, reinit_prob: float = 0.05, noise_sigma: float = 0.14,
                 n_iter: int = 600, batch_size: int = 256, lr: float = 1e-2, random_state=0):
        self.hidden = hidden
        self.n_hidden_layers = n_hidden_layers
        self.method = method
        self.langevin_steps = langevin_steps
        self.step_size = step_size
        self.alpha = alpha
        self.buffer_size = buffer_size
        self.reinit_prob = reinit_prob
        self.noise_sigma = noise_sigma
        self.n_iter = n_iter
        self.batch_size = batch_size
        self.lr = lr
        self.random_state = random_state

    # -- the energy and its input gradient as one differentiable graph ----------------------
    def _forward(self, x: Tensor, with_grad: bool) -> tuple[Tensor, Tensor | None]:
        """E of shape (n,) and, if asked, its gradient in x of shape (n, d), both as
        Tensors, for x in standardised coordinates."""
        pre, a = [], x
        for lin in self.layers_[:-1]:
            z = lin(a)
            pre.append(z)
            a = F.softplus(z)
        energy = self.layers_[-1](a)[:, 0]
        if not with_grad:
            return energy, None
        g = self.layers_[-1].weight  # dE/da of the last hidden layer, (1, h)
        for lin, z in zip(reversed(self.layers_[:-1]), reversed(pre), strict=True):
            g = (g * F.sigmoid(z)) @ lin.weight  # through softplus, then through z = a Wᵀ + b
        return energy, g

    def _numpy_forward(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The same E (n,) and its gradient (n, d) in plain NumPy, for standardised X:
        Langevin calls this thousands of times and needs no graph."""
        pre, a = [], X
        for lin in self.layers_[:-1]:
            z = a @ lin.weight.data.T + lin.bias.data
            pre.append(z)
            a = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))  # softplus, no overflow
        last = self.layers_[-1]
        energy = (a @ last.weight.data.T + last.bias.data)[:, 0]
        g = last.weight.data
        for lin, z in zip(reversed(self.layers_[:-1]), reversed(pre), strict=True):
            g = (g * (0.5 * (1.0 + np.tanh(0.5 * z)))) @ lin.weight.data  # σ(z) via tanh
        return energy, g

    def _unit_grad(self, Z: np.ndarray) -> np.ndarray:
        """∇_z E for standardised Z (n, d): what the chains follow."""
        return self._numpy_forward(Z)[1]

    def energy(self, X) -> np.ndarray:
        """E(x) for X (n, d) in data coordinates -> (n,). Lower energy means higher
        density."""
        return self._numpy_forward(standardize(self, X))[0]

    def grad_energy(self, X) -> np.ndarray:
        """∇_x E = ∇_z E / scale_ for X (n, d) in data coordinates -> (n, d); the model's
        score is its negative."""
        return self._numpy_forward(standardize(self, X))[1] / self.scale_

    def score_samples(self, X) -> np.ndarray:
        """Unnormalised log-density -E(x), shape (n,) (log p(x) + log Z)."""
        return -self.energy(X)

    def _uniform(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n points uniform in ``box_``, in standardised coordinates (n, d)."""
        lo, hi = (self.box_ - self.mean_) / self.scale_
        return rng.uniform(lo, hi, (n, len(lo)))

    def fit(self, X, y=None):
        """Fit the energy to X (n_samples, n_features), standardised, by CD or DSM
        (``method``); returns self."""
        X = check_training_data(X)
        check_common(self)
        check_option(self.method, "method", self.METHODS)
        check_scalar(self.n_hidden_layers, "n_hidden_layers", (int, np.integer), lo=1)
        check_scalar(self.langevin_steps, "langevin_steps", (int, np.integer), lo=1)
        check_scalar(self.step_size, "step_size", lo=0.0, include_lo=False)
        check_scalar(self.alpha, "alpha", lo=0.0)
        check_scalar(self.buffer_size, "buffer_size", (int, np.integer), lo=1)
        check_scalar(self.reinit_prob, "reinit_prob", lo=0.0, hi=1.0)
        check_scalar(self.noise_sigma, "noise_sigma", lo=0.0, include_lo=False)
        Z = fit_scaling(self, X)
        rng = check_random_state(self.random_state)
        d, h = X.shape[1], self.hidden
        sizes = [d] + [h] * self.n_hidden_layers + [1]
        self.layers_ = nn.ModuleList(
            [nn.Linear(a, b, dtype=np.float64, generator=rng)
             for a, b in itertools.pairwise(sizes)])
        lo, hi = X.min(0), X.max(0)
        margin = 0.25 * (hi - lo)
        self.box_ = np.stack([lo - margin, hi + margin])
        opt = optim.Adam(self.layers_.parameters(), lr=self.lr)
        buffer = self._uniform(self.buffer_size, rng)
        self.loss_curve_ = []
        with training_errstate():
            for i in range(self.n_iter):
                zb = batch(Z, self.batch_size, rng)
                if self.method == "cd":
                    idx = rng.integers(0, len(buffer), len(zb))
                    start = buffer[idx]
                    restart = rng.random(len(zb)) < self.reinit_prob
                    start[restart] = self._uniform(int(restart.sum()), rng)
                    neg = langevin_sample(self._unit_grad, start, n_steps=self.langevin_steps,
                                          step_size=self.step_size, random_state=rng)
                    buffer[idx] = neg
                    e_pos = self._forward(Tensor(zb), False)[0]
                    e_neg = self._forward(Tensor(neg), False)[0]
                    loss = (e_pos.mean() - e_neg.mean()
                            + self.alpha * (e_pos * e_pos + e_neg * e_neg).mean())
                else:
                    eps = rng.standard_normal(zb.shape)
                    _, g = self._forward(Tensor(zb + self.noise_sigma * eps), True)
                    diff = g * self.noise_sigma - Tensor(eps)
                    loss = (diff * diff).sum(-1).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
                self.loss_curve_.append(check_loss(self, loss.item(), i))
            check_trained(self, self.layers_.parameters())
        return self

    def sample(self, n_samples: int = 1000, random_state=None, *, n_steps: int = 200,
               step_size: float | None = None, denoise: bool | None = None,
               return_path: bool = False):
        """Langevin chains started uniformly in ``box_``: (n_samples, d) in data
        coordinates (and the path, each state mapped the same way). The chains run in
        standardised coordinates, so ``step_size`` is in standardised units.

        A DSM energy models the data blurred by N(0, σ²); ``denoise`` (default: on for
        DSM) ends with one Tweedie step z ← z - σ² ∇E(z), the posterior mean E[z_0 | z],
        which is also how a diffusion model's last step removes its last noise.
        """
        rng = sampling_rng(self, "layers_", n_samples, random_state)
        # a chain that overflows ends in a ValueError from unstandardize, not a warning
        with training_errstate():
            out = langevin_sample(self._unit_grad, self._uniform(n_samples, rng),
                                  n_steps=n_steps, step_size=step_size or self.step_size,
                                  random_state=rng, return_path=return_path)
            z, path = out if return_path else (out, None)
            if denoise if denoise is not None else self.method == "dsm":
                z = z - self.noise_sigma**2 * self._unit_grad(z)
                path = [*path, z] if return_path else None
        if return_path:
            path = [unstandardize(self, p, "sample") for p in path]
            return path[-1], path
        return unstandardize(self, z, "sample")
