"""Tiny generative models on 2-D toy data, trained on our autograd engine.

What is here, and the sources it follows:

- ``datasets``: seeded 2-D toy distributions (two moons, a ring of Gaussians, a spiral).
- ``models``: ``AutoEncoder``; ``VAE`` (Gaussian encoder, reparameterisation trick and the
  analytic Gaussian KL, with a ``beta`` weight; Kingma & Welling 2014, Higgins et al. 2017);
  ``GAN`` (discriminator BCE and the non-saturating generator loss; Goodfellow et al. 2014).
- ``diffusion``: ``DDPM`` (linear and cosine beta schedules, epsilon prediction, ancestral
  sampling; Ho et al. 2020, Nichol & Dhariwal 2021) with the forward noise pluggable:
  Gaussian, uniform or Laplace, each scaled to unit variance.
- ``energy``: ``EnergyModel`` (an MLP energy trained by persistent contrastive divergence
  with Langevin sampling, or by denoising score matching; Du & Mordatch 2019, Vincent 2011)
  and ``langevin_sample``.
- ``quality``: sample quality against data: ``energy_distance`` (Székely & Rizzo), the
  Fréchet distance of fitted Gaussians and the mode coverage of a ring of Gaussians.

Every model is a scikit-learn style estimator: ``fit(X)`` then ``sample(n_samples)``.

Every model's networks learn in standardised coordinates: ``fit`` stores each feature's
``mean_`` and ``scale_`` (its standard deviation, 1 for a constant feature) and trains on
z = (x - mean_) / scale_; every method that takes or returns data maps in and out. Why a
network's inputs are normalised (``_nets`` says it at length): its initialisation assumes
unit-scale inputs, one learning rate must suit every weight, and the models'
hyperparameters (diffusion noise of variance 1, ``obs_std``, ``noise_sigma``, Langevin
``step_size``) are lengths that only mean something relative to the data. So a model
fitted on 1e6·X samples 1e6 times what the one fitted on X samples, and data anywhere
between 1e-300 and 1e100 trains without overflow. A training run whose loss still
becomes NaN or infinite (a far too large ``lr``) raises a ``ValueError`` naming X.
"""

from mlinterview.ml.generative.datasets import (
    DATASETS,
    make_ring_of_gaussians,
    make_spiral,
    make_two_moons,
    ring_centers,
)
from mlinterview.ml.generative.diffusion import (
    DDPM,
    NOISES,
    cosine_beta_schedule,
    forward_chain,
    linear_beta_schedule,
    q_sample,
    sample_noise,
    timestep_embedding,
)
from mlinterview.ml.generative.energy import EnergyModel, langevin_sample
from mlinterview.ml.generative.models import (
    GAN,
    VAE,
    AutoEncoder,
    gaussian_kl,
    reparameterize,
)
from mlinterview.ml.generative.quality import (
    energy_distance,
    mode_coverage,
    sample_frechet_distance,
)

__all__ = [
    "DATASETS",
    "DDPM",
    "GAN",
    "NOISES",
    "VAE",
    "AutoEncoder",
    "EnergyModel",
    "cosine_beta_schedule",
    "energy_distance",
    "forward_chain",
    "gaussian_kl",
    "langevin_sample",
    "linear_beta_schedule",
    "make_ring_of_gaussians",
    "make_spiral",
    "make_two_moons",
    "mode_coverage",
    "q_sample",
    "reparameterize",
    "ring_centers",
    "sample_frechet_distance",
    "sample_noise",
    "timestep_embedding",
]
