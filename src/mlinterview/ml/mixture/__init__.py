"""Mixture models: :class:`GaussianMixture`, fitted by expectation-maximisation with full,
tied, diagonal or spherical covariances. Checked against ``sklearn.mixture`` in
``tests/parity/test_mixture.py``."""

from mlinterview.ml.mixture._gaussian_mixture import GaussianMixture

__all__ = ["GaussianMixture"]
