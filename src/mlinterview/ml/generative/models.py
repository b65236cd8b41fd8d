"""AutoEncoder, VAE and GAN as tiny MLPs on the autograd engine (float64, full NumPy).

Each is an estimator: ``fit(X)`` with X of shape (n_samples, n_features) trains by Adam on
minibatches and records the loss per iteration; ``sample(n_samples)`` returns (n_samples,
n_features) new points.

The networks never see X itself: ``fit`` stores each feature's ``mean_`` and ``scale_``
(standard deviation; 1 for a constant feature) and trains on z = (x - mean_) / scale_;
``encode`` maps its input in, ``decode`` and ``sample`` map their output back,
x = mean_ + scale_ · z. So the networks always start at the scale their initialisation
assumes, and a model fitted on 1e6·X samples 1e6 times what one fitted on X samples
(see ``_nets`` for why a network's inputs are normalised). Losses, codes and the VAE's
``obs_std`` are in standardised units.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn, optim
from mlinterview.ml._validation import check_random_state, check_scalar
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.base import BaseEstimator
from mlinterview.ml.generative._nets import (
    batch,
    check_codes,
    check_common,
    check_loss,
    check_trained,
    check_training_data,
    fit_scaling,
    forward,
    mlp,
    sampling_rng,
    standardize,
    training_errstate,
    unstandardize,
)

# The floor of the VAE's posterior variance (in standardised units): log σ² >= -18.4.
VAR_FLOOR = 1e-8


def _exp(x):
    """exp of a Tensor (differentiable) or of an array / number."""
    return x.exp() if isinstance(x, Tensor) else np.exp(x)


def gaussian_kl(mu, logvar, mu_prior=0.0, logvar_prior=0.0):
    """KL( N(mu, diag e^logvar) || N(mu_prior, diag e^logvar_prior) ), summed over the last
    axis: one value per row.

    KL = ½ Σ_j [ logvar_p - logvar + (e^logvar + (mu - mu_p)²) / e^logvar_p - 1 ],

    which for the standard normal prior is the VAE's ½ Σ (e^logvar + mu² - 1 - logvar).
    Works on NumPy arrays and on Tensors (then it is differentiable). ``mu`` and ``logvar``
    have shape (..., d); the prior's arguments broadcast against them.
    """
    diff = mu - mu_prior
    var_ratio = _exp(logvar - logvar_prior)
    term = var_ratio + diff * diff * _exp(-logvar_prior) - 1.0 - (logvar - logvar_prior)
    return 0.5 * term.sum(-1) if isinstance(term, Tensor) else 0.5 * np.sum(term, axis=-1)


def reparameterize(mu, logvar, eps):
    """z = mu + σ · eps with σ = exp(½ logvar): a sample of N(mu, σ²) written as a
    differentiable function of (mu, logvar), the randomness moved into ``eps`` ~ N(0, I).
    All three have the same shape (n_samples, d)."""
    return mu + _exp(0.5 * logvar) * eps


class AutoEncoder(BaseEstimator):
    """Deterministic encoder-decoder trained on the mean squared reconstruction error.

    It has no prior over codes, so by itself it cannot generate; ``sample`` does the usual
    ad-hoc thing: fit a Gaussian to the training codes and decode draws from it.

    Parameters
    ----------
    latent_dim : size of the code. hidden : width of the two hidden layers of each MLP.
    n_iter, batch_size, lr : Adam iterations, minibatch size and step size.
    random_state : seed of the initialisation, the minibatches and the samples.

    Attributes
    ----------
    mean_, scale_ (n_features,) : the standardisation of X the networks learn in.
    encoder_, decoder_ : nn.Sequential. loss_curve_ : list of the minibatch losses (MSE in
    standardised units). latent_mean_ (latent_dim,), latent_cov_ (latent_dim, latent_dim) :
    the code Gaussian.
    """

    def __init__(self, latent_dim: int = 2, hidden: int = 64, n_iter: int = 1500,
                 batch_size: int = 256, lr: float = 3e-3, random_state=0):
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.n_iter = n_iter
        self.batch_size = batch_size
        self.lr = lr
        self.random_state = random_state

    def fit(self, X, y=None):
        """Train on X (n_samples, n_features), standardised, by Adam on the reconstruction
        MSE; ``y`` is ignored. Returns self."""
        X = check_training_data(X)
        check_common(self)
        check_scalar(self.latent_dim, "latent_dim", (int, np.integer), lo=1)
        Z = fit_scaling(self, X)
        rng = check_random_state(self.random_state)
        d, h = X.shape[1], self.hidden
        self.encoder_ = mlp([d, h, h, self.latent_dim], rng)
        self.decoder_ = mlp([self.latent_dim, h, h, d], rng)
        params = [*self.encoder_.parameters(), *self.decoder_.parameters()]
        opt = optim.Adam(params, lr=self.lr)
        self.loss_curve_ = []
        with training_errstate():
            for i in range(self.n_iter):
                zb = Tensor(batch(Z, self.batch_size, rng))
                loss = nn.functional.mse_loss(self.decoder_(self.encoder_(zb)), zb)
                opt.zero_grad()
                loss.backward()
                opt.step()
                self.loss_curve_.append(check_loss(self, loss.item(), i))
            check_trained(self, params)
        codes = forward(self.encoder_, Z, "X")
        self.latent_mean_ = codes.mean(0)
        self.latent_cov_ = np.cov(codes, rowvar=False).reshape(self.latent_dim, -1)
        return self

    def encode(self, X) -> np.ndarray:
        """Codes of X (n_samples, n_features): shape (n_samples, latent_dim)."""
        return forward(self.encoder_, standardize(self, X), "X")

    def decode(self, Z) -> np.ndarray:
        """Reconstructions in data coordinates, (n_samples, n_features), from codes Z
        (n_samples, latent_dim)."""
        return unstandardize(self, forward(self.decoder_, check_codes(self, Z), "Z"), "Z")

    def sample(self, n_samples: int = 1000, random_state=None) -> np.ndarray:
        """Decode ``n_samples`` draws of the Gaussian fitted to the training codes."""
        rng = sampling_rng(self, "latent_mean_", n_samples, random_state)
        z = rng.multivariate_normal(self.latent_mean_, self.latent_cov_, n_samples)
        return self.decode(z)


class VAE(BaseEstimator):
    """Variational autoencoder with a Gaussian encoder q(z|x) = N(mu(x), diag σ²(x)),
    the prior p(z) = N(0, I) and a Gaussian decoder p(x|z) = N(f(z), obs_std² I), all on
    the standardised data.

    The loss per sample is the negative ELBO up to a constant,

    ‖x - f(z)‖² / (2 obs_std²) + beta · KL(q(z|x) || p(z)),  z = mu + σ · eps,

    with the KL in closed form (:func:`gaussian_kl`) and one reparameterised sample.
    ``beta`` > 1 trades reconstruction for a code closer to the prior (beta-VAE).

    The encoder's variance head r gives σ² = softplus(r) + 1e-8, not the textbook
    σ² = e^r, see :meth:`loss_terms`.

    Attributes
    ----------
    mean_, scale_ (n_features,) : the standardisation of X the networks learn in.
    encoder_ (outputs 2·latent_dim: mu then the variance head), decoder_ : nn.Sequential.
    loss_curve_, recon_curve_, kl_curve_ : per-iteration minibatch means.
    """

    def __init__(self, latent_dim: int = 2, hidden: int = 64, beta: float = 1.0,
                 obs_std: float = 0.1, n_iter: int = 1500, batch_size: int = 256,
                 lr: float = 1e-2, random_state=0):
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.beta = beta
        self.obs_std = obs_std
        self.n_iter = n_iter
        self.batch_size = batch_size
        self.lr = lr
        self.random_state = random_state

    def _encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        """mu and log σ² of q(z|x) for standardised x."""
        out = self.encoder_(x)
        # Why softplus and not exp: with logvar = r the variance e^r overflows float64 for
        # r > 709, and long before that the KL term's e^r makes the loss and its gradient
        # explode (on raw data of scale 1e4 this happened in the first steps). softplus
        # grows linearly, so no value the network emits can overflow; for r << 0,
        # log softplus(r) ≈ r, so small variances are parametrised as before. The floor
        # keeps log σ² >= log 1e-8 finite where softplus underflows to 0 (r < -745).
        var = nn.functional.softplus(out[:, self.latent_dim:]) + VAR_FLOOR
        return out[:, :self.latent_dim], var.log()

    def loss_terms(self, x: Tensor, eps: np.ndarray) -> tuple[Tensor, Tensor]:
        """Mean reconstruction term and mean KL of the minibatch ``x`` (n, d), in
        standardised coordinates, for the standard-normal draws ``eps`` (n, latent_dim);
        both differentiable."""
        mu, logvar = self._encode(x)
        z = reparameterize(mu, logvar, Tensor(eps))
        diff = self.decoder_(z) - x
        recon = (diff * diff).sum(-1).mean() * (0.5 / self.obs_std**2)
        return recon, gaussian_kl(mu, logvar).mean()

    def fit(self, X, y=None):
        """Train on X (n_samples, n_features), standardised, by Adam on the negative
        ELBO; returns self."""
        X = check_training_data(X)
        check_common(self)
        check_scalar(self.latent_dim, "latent_dim", (int, np.integer), lo=1)
        check_scalar(self.beta, "beta", lo=0.0)
        check_scalar(self.obs_std, "obs_std", lo=0.0, include_lo=False)
        Z = fit_scaling(self, X)
        rng = check_random_state(self.random_state)
        d, h = X.shape[1], self.hidden
        self.encoder_ = mlp([d, h, h, 2 * self.latent_dim], rng)
        self.decoder_ = mlp([self.latent_dim, h, h, d], rng)
        params = [*self.encoder_.parameters(), *self.decoder_.parameters()]
        opt = optim.Adam(params, lr=self.lr)
        self.loss_curve_, self.recon_curve_, self.kl_curve_ = [], [], []
        with training_errstate():
            for i in range(self.n_iter):
                zb = batch(Z, self.batch_size, rng)
                recon, kl = self.loss_terms(Tensor(zb), rng.standard_normal((len(zb),
                                                                             self.latent_dim)))
                loss = recon + self.beta * kl
                opt.zero_grad()
                loss.backward()
                opt.step()
                self.loss_curve_.append(check_loss(self, loss.item(), i))
                self.recon_curve_.append(recon.item())
                self.kl_curve_.append(kl.item())
            check_trained(self, params)
        return self

    def encode(self, X) -> tuple[np.ndarray, np.ndarray]:
        """mu and logvar of q(z|x) for X (n_samples, n_features), each of shape
        (n_samples, latent_dim)."""
        Z = standardize(self, X)
        with no_grad():
            mu, logvar = self._encode(Tensor(Z))
        return mu.data, logvar.data

    def decode(self, Z) -> np.ndarray:
        """Decoder means f(z) in data coordinates, (n_samples, n_features), for codes Z
        (n_samples, latent_dim)."""
        return unstandardize(self, forward(self.decoder_, check_codes(self, Z), "Z"), "Z")

    def sample(self, n_samples: int = 1000, random_state=None, *,
               add_noise: bool = True) -> np.ndarray:
        """z ~ N(0, I), x = f(z) (+ obs_std · N(0, I) when ``add_noise``, a draw of p(x|z)),
        mapped to data coordinates; shape (n_samples, n_features)."""
        rng = sampling_rng(self, "decoder_", n_samples, random_state)
        x = forward(self.decoder_, rng.standard_normal((n_samples, self.latent_dim)), "sample")
        if add_noise:
            x = x + self.obs_std * rng.standard_normal(x.shape)
        return unstandardize(self, x, "sample")


class GAN(BaseEstimator):
    """Generator G(z), z ~ N(0, I), against a discriminator D(x) giving a logit, both on
    the standardised data.

    Discriminator: binary cross-entropy, real labelled 1 and fake 0,
    L_D = -log σ(D(x)) - log(1 - σ(D(G(z)))).
    Generator: ``loss="non-saturating"`` minimises -log σ(D(G(z))) (strong gradients when D
    rejects the fakes, as early in training); ``loss="minimax"`` minimises
    log(1 - σ(D(G(z)))), the original game, whose gradient vanishes exactly then.

    Attributes
    ----------
    mean_, scale_ (n_features,) : the standardisation of X the networks learn in.
    generator_, discriminator_ : nn.Sequential. d_loss_curve_, g_loss_curve_ : per iteration.
    """

    LOSSES = ("non-saturating", "minimax")

    def __init__(self, latent_dim: int = 2, hidden: int = 64, loss: str = "non-saturating",
                 n_iter: int = 1500, batch_size: int = 256, lr: float = 1e-3,
                 random_state=0):
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.loss = loss
        self.n_iter = n_iter
        self.batch_size = batch_size
        self.lr = lr
        self.random_state = random_state

    def fit(self, X, y=None):
        """Alternate one discriminator and one generator Adam step per iteration on
        minibatches of X (n_samples, n_features), standardised; returns self."""
        X = check_training_data(X)
        check_common(self)
        check_scalar(self.latent_dim, "latent_dim", (int, np.integer), lo=1)
        if self.loss not in self.LOSSES:
            raise ValueError(f"loss: expected one of {self.LOSSES}, got {self.loss!r}")
        Z = fit_scaling(self, X)
        rng = check_random_state(self.random_state)
        d, h = X.shape[1], self.hidden
        self.generator_ = mlp([self.latent_dim, h, h, d], rng)
        self.discriminator_ = mlp([d, h, h, 1], rng, activation="leaky_relu")
        # beta1 = 0.5: the usual GAN setting, less momentum in a moving game
        opt_g = optim.Adam(self.generator_.parameters(), lr=self.lr, betas=(0.5, 0.999))
        opt_d = optim.Adam(self.discriminator_.parameters(), lr=self.lr, betas=(0.5, 0.999))
        bce = nn.functional.binary_cross_entropy_with_logits
        self.d_loss_curve_, self.g_loss_curve_ = [], []
        with training_errstate():
            for i in range(self.n_iter):
                real = Tensor(batch(Z, self.batch_size, rng))
                n = real.shape[0]
                with no_grad():
                    fake = self.generator_(Tensor(rng.standard_normal((n, self.latent_dim))))
                d_loss = (bce(self.discriminator_(real), np.ones((n, 1)))
                          + bce(self.discriminator_(fake), np.zeros((n, 1))))
                opt_d.zero_grad()
                d_loss.backward()
                opt_d.step()

                logits = self.discriminator_(
                    self.generator_(Tensor(rng.standard_normal((n, self.latent_dim)))))
                if self.loss == "non-saturating":
                    g_loss = bce(logits, np.ones((n, 1)))
                else:  # log(1 - σ(l)) = logσ(-l)
                    g_loss = nn.functional.logsigmoid(-logits).mean()
                opt_g.zero_grad()
                g_loss.backward()
                opt_g.step()
                self.d_loss_curve_.append(check_loss(self, d_loss.item(), i))
                self.g_loss_curve_.append(check_loss(self, g_loss.item(), i))
            check_trained(self, [*self.generator_.parameters(),
                                 *self.discriminator_.parameters()])
        return self

    def sample(self, n_samples: int = 1000, random_state=None) -> np.ndarray:
        """G(z) for ``n_samples`` draws z ~ N(0, I), in data coordinates; shape
        (n_samples, n_features)."""
        rng = sampling_rng(self, "generator_", n_samples, random_state)
        z = forward(self.generator_, rng.standard_normal((n_samples, self.latent_dim)),
                    "sample")
        return unstandardize(self, z, "sample")
