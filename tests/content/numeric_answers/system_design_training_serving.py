"""The numeric quick-check answers of the training-serving card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.drift`` on the situation the
prompt describes.
"""

from __future__ import annotations

from mlinterview.ml.design.drift import ks_2samp, psi_from_counts

ANSWERS = {
    # Shares (0.5, 0.5) in training, (0.4, 0.6) today: two bins of a binary feature.
    "training-serving/psi-two-bins": lambda: psi_from_counts([0.5, 0.5], [0.4, 0.6]),
    "training-serving/ks-statistic": lambda: ks_2samp([1, 1, 2], [1, 2, 3]).statistic,
    "training-serving/ks-exact-pvalue":
        lambda: ks_2samp([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], method="exact").pvalue,
}
