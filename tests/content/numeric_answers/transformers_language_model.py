"""Numeric quick-check answers of the language-model card, recomputed from the library.

``ANSWERS`` maps "slug/quick-check-id" to a zero-argument callable returning the number the
card states; tests/content/test_numeric_answers.py compares the two within the card's
tolerance.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.text.decoding import sampling_probs, top_p_filter


def _perplexity(logits: np.ndarray, targets: list[int]) -> float:
    """exp of the mean next-token cross-entropy, as the GPT's loss computes it."""
    loss = F.cross_entropy(Tensor(logits), Tensor(np.array(targets)))
    return math.exp(loss.item())


def _three_tokens() -> float:
    # Rows whose correct token (index 0) has probability 1/2, 1/4 and 1/8; the rest of
    # each row's mass sits on one other token.
    probs = np.array([[0.5, 0.5], [0.25, 0.75], [0.125, 0.875]])
    return _perplexity(np.log(probs), [0, 0, 0])


ANSWERS = {
    "language-model/uniform-perplexity":
        lambda: _perplexity(np.zeros((1, 50257)), [123]),
    "language-model/perplexity-by-hand": _three_tokens,
    "language-model/nucleus-size": lambda: int(np.isfinite(top_p_filter(
        np.log(np.array([0.4, 0.3, 0.15, 0.1, 0.05])), 0.8)).sum()),
    "language-model/temperature-prob":
        lambda: float(sampling_probs(np.array([2.0, 0.0]), temperature=0.5)[0]),
}
