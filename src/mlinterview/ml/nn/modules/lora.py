"""LoRA: low-rank adapters on a frozen ``Linear`` (Hu et al., "LoRA: Low-Rank Adaptation of
Large Language Models", ICLR 2022), with the names and defaults of Hugging Face PEFT.

Instead of updating a weight W (out, in), LoRA freezes it and learns a low-rank update
ΔW = s · B A with A (r, in), B (out, r) and the scaling s = lora_alpha / r::

    h = W x + b + s · B (A x)

B starts at zero, so the adapted model starts exactly equal to the pretrained one; A starts
like a Linear layer's weight (Kaiming uniform), as in PEFT. The trainable parameters are
r · (in + out) instead of in · out (+ out for the bias): 65,536 instead of 16,777,216 for a
4096 × 4096 projection at r = 8. After training the update can be **merged**,
W ← W + s · B A, so inference costs nothing extra; unmerging subtracts it again.

``rsLoRA`` (Kalajdzievski 2023, ``use_rslora=True``) scales by lora_alpha / √r instead,
which keeps the update's size stable as r grows.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import no_grad
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn import init
from mlinterview.ml.nn.module import Module
from mlinterview.ml.nn.modules.linear import Linear

__all__ = ["LoRALinear", "count_parameters", "inject_lora", "lora_parameter_count"]


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def lora_parameter_count(in_features: int, out_features: int, r: int) -> int:
    """Trainable parameters of one rank-``r`` adapter on an (out, in) weight: r · (in + out).

    >>> lora_parameter_count(4096, 4096, 8)
    65536
    """
    return _positive_int(r, "r") * (_positive_int(in_features, "in_features")
                                    + _positive_int(out_features, "out_features"))


def count_parameters(module: Module, trainable_only: bool = True) -> int:
    """Number of parameter entries of ``module`` (only those with ``requires_grad`` when
    ``trainable_only``), each shared parameter counted once."""
    if not isinstance(module, Module):
        raise TypeError(f"module: expected a Module, got {type(module).__name__}")
    return sum(p.numel() for p in module.parameters()
               if p.requires_grad or not trainable_only)


class LoRALinear(Module):
    """A frozen ``Linear`` plus a trainable low-rank update: y = base(x) + s · B(A(dropout(x))).

    Args:
        base_layer: the pretrained ``Linear`` (in_features -> out_features); its weight and
            bias are frozen (``requires_grad`` set to False) and kept as ``base_layer``.
        r: rank of the update (PEFT's default 8).
        lora_alpha: the scaling numerator; s = lora_alpha / r (PEFT's default 8).
        lora_dropout: dropout probability on the adapter's input only.
        use_rslora: scale by lora_alpha / √r (rank-stabilised LoRA).
        generator: NumPy generator for A's initialisation and the dropout masks.

    Sub-modules ``lora_A`` = Linear(in, r, bias=False) and ``lora_B`` = Linear(r, out,
    bias=False) hold A (r, in) and B (out, r), so the state-dict keys are
    ``base_layer.weight``, ``base_layer.bias``, ``lora_A.weight``, ``lora_B.weight``
    (PEFT's, without its adapter name). Input (*, in_features) -> output (*, out_features).
    """

    def __init__(self, base_layer: Linear, r: int = 8, lora_alpha: float = 8,
                 lora_dropout: float = 0.0, use_rslora: bool = False,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if not isinstance(base_layer, Linear):
            raise TypeError(f"base_layer: expected an nn.Linear, got {type(base_layer).__name__}")
        self.r = _positive_int(r, "r")
        if isinstance(lora_alpha, bool) or not isinstance(lora_alpha, int | float | np.number) \
                or not math.isfinite(lora_alpha) or lora_alpha <= 0:
            raise ValueError(f"lora_alpha must be a positive number, got {lora_alpha!r}")
        if not 0 <= lora_dropout < 1:
            raise ValueError(f"lora_dropout must be in [0, 1), got {lora_dropout!r}")
        self.lora_alpha, self.lora_dropout = float(lora_alpha), float(lora_dropout)
        self.use_rslora = bool(use_rslora)
        self.scaling = self.lora_alpha / (math.sqrt(self.r) if use_rslora else self.r)
        self.in_features, self.out_features = base_layer.in_features, base_layer.out_features
        self.generator = generator
        dtype = base_layer.weight.dtype
        self.base_layer = base_layer.requires_grad_(False)
        self.lora_A = Linear(self.in_features, self.r, bias=False, dtype=dtype,
                             generator=generator)
        self.lora_B = Linear(self.r, self.out_features, bias=False, dtype=dtype,
                             generator=generator)
        self.reset_lora_parameters(generator)
        self.merged = False

    def reset_lora_parameters(self, generator: np.random.Generator | None = None) -> None:
        """A ~ Kaiming uniform (a = √5, as a Linear weight), B = 0: the update starts at 0."""
        init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5), generator=generator)
        init.zeros_(self.lora_B.weight)

    def delta_weight(self) -> np.ndarray:
        """The update s · B A, shape (out_features, in_features), as an array."""
        return (self.scaling * (self.lora_B.weight.data @ self.lora_A.weight.data)).astype(
            self.lora_A.weight.dtype)

    def merge(self) -> None:
        """Fold the update into the base weight (W ← W + s B A); forward then skips the
        adapter. Merging twice is refused: it would add the update twice."""
        if self.merged:
            raise RuntimeError("LoRALinear.merge: the adapter is already merged")
        with no_grad():
            self.base_layer.weight.data = self.base_layer.weight.data + self.delta_weight()
        self.merged = True

    def unmerge(self) -> None:
        """Undo :meth:`merge` (W ← W - s B A), so that the adapter can train again."""
        if not self.merged:
            raise RuntimeError("LoRALinear.unmerge: the adapter is not merged")
        with no_grad():
            self.base_layer.weight.data = self.base_layer.weight.data - self.delta_weight()
        self.merged = False

    def merge_and_unload(self) -> Linear:
        """The base ``Linear`` with the update merged in (a plain layer for inference)."""
        if not self.merged:
            self.merge()
        return self.base_layer

    def forward(self, x):
        out = self.base_layer(x)
        if self.merged:
            return out
        h = F.dropout(x, self.lora_dropout, self.training, self.generator)
        return out + self.lora_B(self.lora_A(h)) * self.scaling

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"r={self.r}, lora_alpha={self.lora_alpha:g}, merged={self.merged}")


def inject_lora(model: Module, r: int = 8, lora_alpha: float = 8,
                target_modules: tuple[str, ...] | None = None, lora_dropout: float = 0.0,
                use_rslora: bool = False,
                generator: np.random.Generator | None = None) -> Module:
    """Wrap ``Linear`` layers of ``model`` in :class:`LoRALinear` (in place) and freeze
    every other parameter, as PEFT's ``get_peft_model`` does; returns ``model``.

    ``target_modules``: names of the layers to adapt (their attribute names, e.g.
    ``("q_proj", "v_proj")`` or ``("0", "2")`` in a ``Sequential``); ``None`` adapts every
    ``Linear``. Raises ``ValueError`` if no layer matches.
    """
    if not isinstance(model, Module):
        raise TypeError(f"model: expected a Module, got {type(model).__name__}")
    model.requires_grad_(False)
    targets = []
    for _, parent in list(model.named_modules()):
        for name, child in list(parent._modules.items()):
            if isinstance(child, Linear) and (target_modules is None or name in target_modules):
                targets.append((parent, name, child))
    if not targets:
        raise ValueError(f"target_modules: no Linear layer of the model is named in "
                         f"{target_modules!r}")
    for parent, name, child in targets:
        parent.add_module(name, LoRALinear(child, r, lora_alpha, lora_dropout, use_rslora,
                                           generator))
    return model
