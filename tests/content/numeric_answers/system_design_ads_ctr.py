"""The numeric quick-check answers of the ads-ctr card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.ctr`` on the situation the
prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.design.ctr import (
    colliding_share,
    delay_corrected_rate,
    downsampling_correction,
    generalized_second_price,
    normalized_entropy,
)

ANSWERS = {
    "ads-ctr/normalised-entropy":
        lambda: normalized_entropy([1, 0, 0, 0], [0.5, 0.1, 0.2, 0.1]),
    "ads-ctr/downsampling":
        lambda: float(downsampling_correction(0.30, 0.05)),
    "ads-ctr/gsp-price":
        lambda: float(generalized_second_price([2.0, 5.0], [0.03, 0.01]).price_per_click[0]),
    # 100 one-day-old clicks, 4 of them converted so far; mean delay 2 days.
    "ads-ctr/delayed-ipw":
        lambda: delay_corrected_rate(np.ones(100), np.r_[np.ones(4), np.zeros(96)], 2.0),
    # The tokens "f0=0" ... "f0=9999" in 2^14 buckets.
    "ads-ctr/hash-collisions":
        lambda: colliding_share(np.arange(10_000)[:, None], 2**14),
}
