"""The numeric quick-check answers of the attention card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.nn`` on the situation the prompt
describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def _first_weight() -> float:
    """Scaled scores [2, 0] for one query and two keys: the softmax weight of key 0."""
    return float(F.softmax(Tensor(np.array([2.0, 0.0])), dim=0).data[0])


def _mha_parameters() -> int:
    """Every parameter of a 512-wide, 8-head attention layer with biases."""
    return sum(p.numel() for p in nn.MultiheadAttention(512, 8).parameters())


def _masked_entries() -> int:
    """Entries of a 5-token causal mask that forbid attention (-inf)."""
    return int(np.isneginf(nn.generate_square_subsequent_mask(5).data).sum())


ANSWERS = {
    "attention/softmax-weight": _first_weight,
    "attention/mha-parameters": _mha_parameters,
    "attention/masked-entries": _masked_entries,
}
