"""Numeric quick-check answers of the cards fine-tuning and alignment, recomputed from the
library (LoRA counts, quantisation, the distillation softmax, the alignment losses).

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number; the shared
test compares it with the card's ``answer`` within the card's ``tolerance``.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import alignment as A
from mlinterview.ml import quantization as Q
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.modules.lora import lora_parameter_count


def _four_bit_model_gb() -> float:
    """7e9 weights at the bits per value of 4-bit codes with a float32 scale per 64."""
    qt = Q.quantize(np.random.default_rng(0).normal(size=(8, 128)), bits=4, group_size=64)
    return 7e9 * qt.bits_per_value / 8 / 1e9


ANSWERS = {
    # -- fine-tuning ------------------------------------------------------------------------
    "fine-tuning/lora-params": lambda: lora_parameter_count(4096, 4096, 16),
    "fine-tuning/lora-model-params": lambda: 32 * 2 * lora_parameter_count(4096, 4096, 8),
    "fine-tuning/int8-code": lambda: int(Q.quantize(np.array([0.635, 0.0123, -0.3]),
                                                    bits=8).int_repr[1]),
    "fine-tuning/memory-4bit": _four_bit_model_gb,
    "fine-tuning/soft-target": lambda: float(
        F.softmax(Tensor(np.array([2 * np.log(3.0), 0.0])) / 2.0, dim=0).data[0]),
    # -- alignment --------------------------------------------------------------------------
    # P(chosen wins) = exp(-Bradley-Terry loss) of the pair.
    "alignment/bt-probability": lambda: float(np.exp(-A.reward_model_loss([1.2], [0.2]).item())),
    "alignment/dpo-at-reference": lambda: A.dpo_loss([-3.0], [-4.0], [-3.0], [-4.0],
                                                     beta=0.1).item(),
    "alignment/dpo-value": lambda: A.dpo_loss([-20.0], [-30.0], [-22.0], [-27.0],
                                              beta=0.1).item(),
    "alignment/ppo-clipped-value": lambda: -A.ppo_clip_loss([np.log(1.4)], [0.0], [2.0],
                                                            clip_eps=0.2).item(),
    "alignment/grpo-advantage": lambda: float(
        A.grpo_advantages(np.array([[1.0, 0.0, 0.0, 0.0]]), eps=0.0)[0, 0]),
}
