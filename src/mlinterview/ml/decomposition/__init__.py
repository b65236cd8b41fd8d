"""Matrix decompositions for dimensionality reduction.

* :class:`PCA` — principal component analysis by the SVD of the centred data or by the
  eigendecomposition of its covariance (``_pca.py``), with scikit-learn's parameters,
  fitted attributes and sign convention.

Sources: Jolliffe, *Principal Component Analysis* (2002); Hastie et al., *The Elements of
Statistical Learning*, 14.5.
"""

from mlinterview.ml.decomposition._pca import PCA, svd_flip_components

__all__ = ["PCA", "svd_flip_components"]
