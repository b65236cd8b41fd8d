"""The small pieces every model here shares: an MLP builder, a minibatch sampler, an
inference-mode forward pass, the checks before sampling, the per-feature standardisation
the networks learn in, and the check that training stayed finite.

Why the networks see standardised data, z = (x - mean_) / scale_ per feature, and never
the raw coordinates (the question an interviewer asks: why normalise a network's input?):

- Initialisation assumes it. Kaiming/Xavier weights are drawn so that unit-scale inputs
  give unit-scale pre-activations, layer after layer. Inputs of scale 1e4 give
  pre-activations of 1e4: saturated units, gradients of 1e4 times the usual size, and in
  a VAE a log-variance head whose exp overflows. Inputs of scale 1e-6 look like a
  constant to the network.
- One learning rate has to suit every weight. The gradient of a first-layer weight is
  proportional to its input feature, so features on different scales train at different
  speeds (Adam rescales per parameter, which helps, but not the biases against the
  weights, nor the loss).
- The models' own hyperparameters have units: the DDPM's noise has variance 1 (its
  schedule is built so that x_T is pure noise for data of variance about 1), the VAE's
  ``obs_std``, the score-matching ``noise_sigma`` and the Langevin ``step_size`` are all
  lengths. In standardised coordinates they mean the same thing on every data set.
- Floating point: squares of 1e98 overflow float64 (1.8e308).

The map is affine and invertible, so a model of z is a model of x: every method that
takes or returns data coordinates maps in and out, and a model fitted on c·X gives c
times the samples of the one fitted on X (up to rounding). This is what
``StandardScaler`` in front of an ``MLPRegressor`` does, built in.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml._validation import (
    MAX_ABS,
    check_array,
    check_is_fitted,
    check_predict_X,
    check_random_state,
    check_scalar,
    check_X,
)
from mlinterview.ml.autograd import Tensor, no_grad

ACTIVATIONS = {"silu": nn.SiLU, "relu": nn.ReLU, "tanh": nn.Tanh, "leaky_relu": nn.LeakyReLU}

# A feature whose spread is below this, relative to its largest magnitude, is constant:
# what is left is the rounding error of its mean (as scikit-learn's StandardScaler).
_CONSTANT = 10 * np.finfo(np.float64).eps


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


# -- standardisation -------------------------------------------------------------------------

def feature_scaling(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and standard deviation of X (n_samples, n_features), each of shape
    (n_features,); a constant feature gets scale 1 (nothing to divide by).

    Each column is first divided by its largest magnitude, so the moments are taken of
    numbers in [-1, 1]: the squares in the variance can neither overflow (data near 1e100)
    nor underflow to 0 (data near 1e-300), and a constant column becomes exactly ±1, so
    its mean is exactly the constant.
    """
    biggest = np.abs(X).max(axis=0)
    unit = np.where(biggest > 0, biggest, 1.0)
    Xs = X / unit
    spread = Xs.std(axis=0)
    return Xs.mean(axis=0) * unit, np.where(spread > _CONSTANT, spread * unit, 1.0)


def fit_scaling(est, X: np.ndarray) -> np.ndarray:
    """Store ``n_features_in_``, ``mean_`` and ``scale_`` of X on ``est`` (the start of
    every ``fit``) and return the standardised training data (n_samples, n_features).
    Each standardised column has |z| <= √(n_samples - 1) (an outlier cannot be further
    from the mean than that, in standard deviations), so training sees moderate numbers
    whatever the scale of X."""
    est.n_features_in_ = X.shape[1]
    est.mean_, est.scale_ = feature_scaling(X)
    return (X - est.mean_) / est.scale_


def standardize(est, X, name: str = "X") -> np.ndarray:
    """A fitted model's ``X`` (n, n_features_in_), checked, in the standardised
    coordinates the networks work in. Values more than 1e100 training standard
    deviations from the training mean are refused: the networks would overflow on them."""
    X = check_predict_X(est, X, ["mean_"]).astype(np.float64, copy=False)
    with np.errstate(over="ignore"):  # a tiny scale_ can send far points to infinity
        Z = (X - est.mean_) / est.scale_
    far = float(np.abs(Z).max()) if Z.size else 0.0
    if not far <= MAX_ABS:
        raise ValueError(f"{name}: expected values within {MAX_ABS:g} standard deviations of "
                         f"the training data's mean (the model works in standardised "
                         f"coordinates), found {far:g}; refit on data of this scale")
    return Z


def unstandardize(est, Z: np.ndarray, name: str) -> np.ndarray:
    """Map the networks' standardised output Z (n, n_features_in_) back to data
    coordinates, x = mean_ + scale_ · z. ``name`` is the argument (or method) the output
    came from, named if it is not finite there."""
    with np.errstate(over="ignore", invalid="ignore"):
        X = Z * est.scale_ + est.mean_
    if not np.isfinite(X).all():
        raise _not_finite(name, f"the network's output is up to {np.nanmax(np.abs(Z)):g} "
                                f"standard deviations, the data's scale_ up to "
                                f"{float(np.max(est.scale_)):g}")
    return X


def _not_finite(name: str, detail: str) -> ValueError:
    return ValueError(f"{name}: expected the model to give finite numbers, got NaN or "
                      f"infinity ({detail}); if its weights are huge, refit with a smaller lr")


# -- training ---------------------------------------------------------------------------------

def training_errstate():
    """Floating-point state for a training loop: overflow and invalid operations give inf
    and NaN silently, which :func:`check_loss` and :func:`check_trained` then turn into one
    clear ``ValueError``, instead of a ``RuntimeWarning`` from deep inside a layer."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


def _diverged(est, what: str) -> ValueError:
    return ValueError(
        f"X: training {type(est).__name__} diverged ({what}); expected a finite loss. X is "
        f"standardised per feature, so its scale does not matter, but a few extreme "
        f"outliers squeeze the other points together: remove them, or lower lr (now "
        f"{est.lr!r})")


def check_loss(est, loss: float, iteration: int) -> float:
    """``loss`` if it is finite; otherwise the ``ValueError`` that names X and says what to
    do (training diverged, and the model would only produce NaN)."""
    if not np.isfinite(loss):
        raise _diverged(est, f"the loss is {loss} at iteration {iteration + 1}")
    return loss


def check_trained(est, parameters: Iterable[Tensor]) -> None:
    """After the last step: every parameter finite (the last Adam step could overflow
    after the last loss was recorded)."""
    if not all(np.isfinite(p.data).all() for p in parameters):
        raise _diverged(est, "the network's weights are not finite after the last step")


# -- inference --------------------------------------------------------------------------------

def batch(X: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """A minibatch of ``size`` rows drawn with replacement (the whole set if smaller)."""
    if size >= len(X):
        return X
    return X[rng.integers(0, len(X), size)]


def forward(net: nn.Module, X, name: str) -> np.ndarray:
    """``net(X)`` as a float64 array, without recording a graph (inference). An overflow
    inside (a far input, or weights a too large lr left huge) is a ``ValueError`` naming
    ``name``, where the input came from, not a ``RuntimeWarning`` then NaN."""
    with no_grad(), training_errstate():
        out = net(Tensor(np.asarray(X, dtype=np.float64))).data
    if not np.isfinite(out).all():
        raise _not_finite(name, "the network overflowed")
    return out


def check_codes(est, Z) -> np.ndarray:
    """Latent codes Z for a ``decode``: a finite float64 array (n, latent_dim)."""
    check_is_fitted(est, ["decoder_"])
    Z = check_array(Z, "Z", max_abs=MAX_ABS).astype(np.float64, copy=False)
    if Z.shape[1] != est.latent_dim:
        raise ValueError(f"Z: expected codes of shape (n_samples, {est.latent_dim}) "
                         f"(latent_dim), got shape {Z.shape}")
    return Z


def sampling_rng(est, attribute: str, n_samples, random_state) -> np.random.Generator:
    """The checks every ``sample`` starts with (fitted, ``n_samples`` >= 1); returns the
    generator for ``random_state``."""
    check_is_fitted(est, [attribute])
    check_scalar(n_samples, "n_samples", (int, np.integer), lo=1)
    return check_random_state(random_state)
