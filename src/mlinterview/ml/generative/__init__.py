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
