"""The numeric quick-check answers of the mixture-of-experts card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.nn.functional`` on the situation the
prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import expert_capacity, expert_positions, load_balancing_loss


def _dropped_tokens() -> int:
    """8 tokens, 2 experts, top-1, capacity factor 1: six choose expert 0, two expert 1."""
    index = np.array([0, 1, 0, 0, 1, 0, 0, 0])
    capacity = expert_capacity(8, 2, 1, 1.0)
    return int((expert_positions(index, 2) >= capacity).sum())


def _balance_loss_two_of_four() -> float:
    """A confident router (one-hot probabilities), half the tokens on expert 0, half on 1."""
    index = np.array([0, 1] * 50)
    return load_balancing_loss(Tensor(np.eye(4)[index]), index).item()


ANSWERS = {
    "mixture-of-experts/capacity": lambda: expert_capacity(4096, 64, 2, 1.25),
    "mixture-of-experts/dropped-tokens": _dropped_tokens,
    "mixture-of-experts/balance-loss-value": _balance_loss_two_of_four,
}
