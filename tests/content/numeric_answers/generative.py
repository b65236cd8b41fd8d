"""Numeric quick-check answers of the generative-area cards, recomputed from the library.

Keyed ``"slug/quick-check-id"``; each value is a zero-argument callable returning the
number the card's ``answer:`` must match within its ``tolerance:``. Where our library has
no function for the quantity, SciPy or NumPy computes it by a route other than the card's
own arithmetic (for example the optimal discriminator as the sigmoid of the log density
ratio, not as 3 / 4).
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from mlinterview.ml.generative import gaussian_kl

ANSWERS = {
    # KL(N(1, e^0) || N(0, 1)) from the VAE's own KL term.
    "generative-models/kl-value": lambda: float(np.sum(gaussian_kl(np.array([1.0]),
                                                                   np.array([0.0])))),
    # D*(x) = sigmoid(log p_data/p_g) with p_data = 3 p_g.
    "generative-models/optimal-discriminator": lambda: float(expit(np.log(3.0))),
}
