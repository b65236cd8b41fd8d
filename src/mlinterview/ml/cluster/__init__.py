"""Clustering: :class:`KMeans` (Lloyd's algorithm, k-means++ seeding, restarts) and the
:func:`kmeans_plusplus` seeding on its own. Checked against ``sklearn.cluster`` in
``tests/parity/test_cluster.py``."""

from mlinterview.ml.cluster._kmeans import KMeans, kmeans_plusplus

__all__ = ["KMeans", "kmeans_plusplus"]
