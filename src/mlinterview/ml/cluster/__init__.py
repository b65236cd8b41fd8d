"""Clustering: :class:`KMeans` (Lloyd's algorithm, k-means++ seeding, restarts; the
assignment step skips points by Hamerly's bounds on larger data) and the
:func:`kmeans_plusplus` seeding on its own. Checked against ``sklearn.cluster`` in
``tests/parity/test_cluster.py``; the bounded step against the textbook one in
``tests/ml/cluster/``.

Sources: Lloyd, "Least squares quantization in PCM" (1982); Arthur & Vassilvitskii,
"k-means++" (2007); Hamerly, "Making k-means even faster" (2010)."""

from mlinterview.ml.cluster._kmeans import KMeans, kmeans_plusplus

__all__ = ["KMeans", "kmeans_plusplus"]
