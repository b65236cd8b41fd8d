"""The small pieces every model here shares: an MLP builder, a minibatch sampler, an
inference-mode forward pass and the checks before sampling."""

from __future__ import annotations

import itertools

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml._validation import (
    check_is_fitted,
    check_random_state,
    check_scalar,
    check_X,
)
from mlinterview.ml.autograd import Tensor, no_grad

ACTIVATIONS = {"silu": nn.SiLU, "relu": nn.ReLU, "tanh": nn.Tanh, "leaky_relu": nn.LeakyReLU}


def mlp(sizes: list[int], rng: np.random.Generator, activation: str = "silu") -> nn.Sequential:
    """Linear layers of widths ``sizes`` (float64) with ``activation`` between them and
    none after the last."""
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(itertools.pairwise(sizes)):
        layers.append(nn.Linear(a, b, dtype=np.float64, generator=rng))
        if i < len(sizes) - 2:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


def check_training_data(X) -> np.ndarray:
    """Finite float64 samples of shape (n_samples, n_features), at least 2 of them."""
    return check_X(X, "X", min_samples=2).astype(np.float64)


def check_common(est) -> None:
    """The hyperparameters every model here has, checked once in ``fit``."""
    check_scalar(est.hidden, "hidden", (int, np.integer), lo=1)
    check_scalar(est.n_iter, "n_iter", (int, np.integer), lo=1)
    check_scalar(est.batch_size, "batch_size", (int, np.integer), lo=1)
    check_scalar(est.lr, "lr", lo=0.0, include_lo=False)


def batch(X: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """A minibatch of ``size`` rows drawn with replacement (the whole set if smaller)."""
    if size >= len(X):
        return X
    return X[rng.integers(0, len(X), size)]


def forward(net: nn.Module, X) -> np.ndarray:
    """``net(X)`` as a float64 array, without recording a graph (inference)."""
    with no_grad():
        return net(Tensor(np.asarray(X, dtype=np.float64))).data


def sampling_rng(est, attribute: str, n_samples, random_state) -> np.random.Generator:
    """The checks every ``sample`` starts with (fitted, ``n_samples`` >= 1); returns the
    generator for ``random_state``."""
    check_is_fitted(est, [attribute])
    check_scalar(n_samples, "n_samples", (int, np.integer), lo=1)
    return check_random_state(random_state)
