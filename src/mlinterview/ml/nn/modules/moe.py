"""A sparse mixture-of-experts feed-forward layer (Switch Transformer / GShard style)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.ml.autograd import Tensor, cat, stack
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn._moe import (
    expert_capacity,
    expert_positions,
    load_balancing_loss,
    router_z_loss,
    top_k_gating,
)
from mlinterview.ml.nn.module import Module, ModuleList, Sequential
from mlinterview.ml.nn.modules.activation import GELU, ReLU
from mlinterview.ml.nn.modules.linear import Linear

ACTIVATIONS = {"relu": (ReLU, F.relu), "gelu": (GELU, F.gelu)}
PRIORITIES = ("position", "score")


@dataclass
class MoERouting:
    """What the router did in the last forward pass (plain NumPy, for inspection).

    Attributes:
        expert_index: (T, k) int64, the chosen experts of each token, best first.
        gates: (T, k), the gate values used to mix the experts' outputs.
        position: (T, k) int64, each assignment's place in its expert's queue.
        kept: (T, k) bool, False where the assignment was dropped for lack of capacity.
        capacity: tokens each expert could take (its buffer size).
        tokens_per_expert: (E,) int64, assignments each expert actually processed.
    """

    expert_index: np.ndarray
    gates: np.ndarray
    position: np.ndarray
    kept: np.ndarray
    capacity: int
    tokens_per_expert: np.ndarray

    @property
    def dropped_fraction(self) -> float:
        """Share of the T·k assignments that were dropped."""
        return float(1.0 - self.kept.mean())

    @property
    def tokens_dropped(self) -> int:
        """Tokens that lost all k of their experts (their output is 0)."""
        return int((~self.kept.any(axis=1)).sum())


class MixtureOfExperts(Module):
    """A feed-forward layer made of ``num_experts`` MLPs, each token using ``top_k``.

    For each token x (a row of the input, leading dimensions flattened):

    1. router logits ``z = x W_rᵀ`` (E,), probabilities ``p = softmax(z)``;
    2. the ``top_k`` experts with the largest ``p`` and their gates ``g`` (the
       probabilities, or with ``renormalize`` the probabilities divided by their sum);
    3. with a ``capacity_factor``, each expert takes at most
       ``ceil(capacity_factor · top_k · T / E)`` assignments; the rest are dropped
       (queue order: see :func:`mlinterview.ml.nn.functional.expert_positions`), and a
       dropped assignment contributes 0 (in a transformer the residual connection
       carries the token on unchanged);
    4. the output ``y = Σ_j g_j · expert_{e_j}(x)`` over the kept assignments, where each
       expert is ``Linear(d_model, dim_feedforward) → activation → Linear(dim_feedforward,
       d_model)``.

    The computation is GShard's dispatch: kept tokens are gathered into a buffer of shape
    (E, capacity, d_model), all experts run as one batched matrix product over that
    buffer, and each token gathers its k results back. Without a capacity factor the
    buffer is as long as the busiest expert's queue, so no token is dropped.

    After each forward the layer keeps:

    - ``load_balancing_loss``: Switch Transformer's ``E · Σ f_i P_i`` (1 at balance),
    - ``router_z_loss``: ST-MoE's mean squared log-sum-exp of the logits,
    - ``aux_loss = load_balancing_coef · load_balancing_loss + router_z_loss_coef ·
      router_z_loss``, to be added to the task loss,
    - ``router_logits`` (T, E) and ``routing`` (a :class:`MoERouting`).

    Args:
        d_model: features of a token.
        num_experts: E.
        dim_feedforward: hidden width of each expert (default 4 · d_model).
        top_k: experts per token, 1 <= top_k <= E.
        capacity_factor: None (no limit) or a positive number.
        renormalize: make each token's top-k gates sum to 1.
        priority: who queues first within a choice rank: "position" (token order) or
            "score" (highest top-1 router probability first, V-MoE's batch prioritised
            routing).
        activation: "relu" or "gelu".
        load_balancing_coef: α of the balancing loss (Switch Transformer: 0.01).
        router_z_loss_coef: weight of the z-loss (ST-MoE: 0.001; 0 leaves it out of
            ``aux_loss``).
        dtype, generator: of the parameters and their initialisation (PyTorch's Linear).

    Parameters (state dict names): ``router.weight`` (E, d_model), no router bias; each
    expert ``experts.i.0.weight`` (dim_feedforward, d_model), ``experts.i.0.bias``,
    ``experts.i.2.weight`` (d_model, dim_feedforward), ``experts.i.2.bias`` - the names a
    PyTorch ``ModuleList`` of ``Sequential(Linear, ReLU, Linear)`` experts has.

    Shape: input (*, d_model) -> output (*, d_model).
    """

    def __init__(self, d_model: int, num_experts: int, dim_feedforward: int | None = None,
                 top_k: int = 2, capacity_factor: float | None = None,
                 renormalize: bool = False, priority: str = "position",
                 activation: str = "relu", load_balancing_coef: float = 0.01,
                 router_z_loss_coef: float = 0.0, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        for name, value in (("d_model", d_model), ("num_experts", num_experts)):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if dim_feedforward is None:
            dim_feedforward = 4 * int(d_model)
        if isinstance(dim_feedforward, bool) or not isinstance(dim_feedforward, int | np.integer) \
                or dim_feedforward <= 0:
            raise ValueError(f"dim_feedforward must be a positive integer, got "
                             f"{dim_feedforward!r}")
        if isinstance(top_k, bool) or not isinstance(top_k, int | np.integer) \
                or not 1 <= top_k <= num_experts:
            raise ValueError(f"top_k must be an integer in [1, num_experts = {num_experts}], "
                             f"got {top_k!r}")
        if capacity_factor is not None:
            expert_capacity(1, int(num_experts), int(top_k), capacity_factor)  # validates
        if priority not in PRIORITIES:
            raise ValueError(f"priority must be one of {PRIORITIES}, got {priority!r}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {tuple(ACTIVATIONS)}, "
                             f"got {activation!r}")
        for name, value in (("load_balancing_coef", load_balancing_coef),
                            ("router_z_loss_coef", router_z_loss_coef)):
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not np.isfinite(value) or value < 0:
                raise ValueError(f"{name} must be a non-negative number, got {value!r}")
        self.d_model, self.num_experts = int(d_model), int(num_experts)
        self.dim_feedforward, self.top_k = int(dim_feedforward), int(top_k)
        self.capacity_factor = capacity_factor
        self.renormalize, self.priority, self.activation = bool(renormalize), priority, activation
        self.load_balancing_coef = float(load_balancing_coef)
        self.router_z_loss_coef = float(router_z_loss_coef)
        self.router = Linear(d_model, num_experts, bias=False, dtype=dtype, generator=generator)
        module_cls = ACTIVATIONS[activation][0]
        self.experts = ModuleList(
            Sequential(Linear(d_model, dim_feedforward, dtype=dtype, generator=generator),
                       module_cls(),
                       Linear(dim_feedforward, d_model, dtype=dtype, generator=generator))
            for _ in range(num_experts))
        self.router_logits: Tensor | None = None
        self.load_balancing_loss: Tensor | None = None
        self.router_z_loss: Tensor | None = None
        self.aux_loss: Tensor | None = None
        self.routing: MoERouting | None = None

    def _stacked(self, layer: int, name: str) -> Tensor:
        """One parameter of every expert stacked along a new leading axis (E, ...)."""
        return stack([getattr(expert[layer], name) for expert in self.experts])

    def forward(self, x: Tensor) -> Tensor:
        if not isinstance(x, Tensor):
            raise TypeError(f"MixtureOfExperts: input must be a Tensor of shape (*, d_model), "
                            f"got {type(x).__name__}")
        check_input_dtype(f"MixtureOfExperts({self.d_model}, {self.num_experts})", x,
                          {"router.weight": self.router.weight})
        if x.ndim < 1 or x.shape[-1] != self.d_model:
            raise ValueError(f"MixtureOfExperts: input must have shape (*, d_model = "
                             f"{self.d_model}), got {tuple(x.shape)}")
        lead = x.shape[:-1]
        tokens = x.reshape(-1, self.d_model)
        n_tokens, n_experts, k = tokens.shape[0], self.num_experts, self.top_k
        if n_tokens == 0:
            raise ValueError("MixtureOfExperts: input has no tokens "
                             f"(shape {tuple(x.shape)})")

        logits = self.router(tokens)                                      # (T, E)
        gates, index, probs = top_k_gating(logits, k, self.renormalize)  # (T, k) x2, (T, E)
        idx = index.data
        order = None
        if self.priority == "score":
            top1 = probs.data[np.arange(n_tokens), idx[:, 0]]
            order = np.argsort(-top1, kind="stable")
        position = expert_positions(idx, n_experts, token_order=order)
        if self.capacity_factor is None:
            capacity = int(position.max()) + 1          # the busiest expert's queue
        else:
            capacity = expert_capacity(n_tokens, n_experts, k, self.capacity_factor)
        kept = position < capacity

        # Dispatch: slot e·C + p of the flat buffer holds the token queued p-th at expert
        # e; empty slots point at an extra row of zeros (index T).
        slots = idx * capacity + position                                 # (T, k)
        slot_token = np.full(n_experts * capacity, n_tokens, dtype=np.int64)
        slot_token[slots[kept]] = np.nonzero(kept)[0]
        zeros = Tensor(np.zeros((1, self.d_model), dtype=x.dtype))
        buffer = cat([tokens, zeros])[slot_token].reshape(n_experts, capacity, self.d_model)

        # Every expert at once: (E, C, d) @ (E, d, d_ff) is one batched matrix product.
        hidden = buffer @ self._stacked(0, "weight").transpose(1, 2) \
            + self._stacked(0, "bias").unsqueeze(1)
        hidden = ACTIVATIONS[self.activation][1](hidden)
        out = hidden @ self._stacked(2, "weight").transpose(1, 2) \
            + self._stacked(2, "bias").unsqueeze(1)                        # (E, C, d)

        # Combine: each token gathers its k results (a dropped one reads the zero row)
        # and mixes them with its gates.
        flat = cat([out.reshape(n_experts * capacity, self.d_model), zeros])
        picked = flat[np.where(kept, slots, n_experts * capacity)]        # (T, k, d)
        y = (picked * gates.unsqueeze(-1)).sum(dim=1)

        self.router_logits = logits
        self.load_balancing_loss = load_balancing_loss(probs, idx)
        self.router_z_loss = router_z_loss(logits)
        aux = self.load_balancing_coef * self.load_balancing_loss
        if self.router_z_loss_coef:
            aux = aux + self.router_z_loss_coef * self.router_z_loss
        self.aux_loss = aux
        self.routing = MoERouting(
            expert_index=idx, gates=gates.data.copy(), position=position, kept=kept,
            capacity=capacity,
            tokens_per_expert=np.bincount(idx[kept], minlength=n_experts).astype(np.int64))
        return y.reshape((*lead, self.d_model))

    def extra_repr(self) -> str:
        cf = "None" if self.capacity_factor is None else f"{self.capacity_factor:g}"
        return (f"d_model={self.d_model}, num_experts={self.num_experts}, "
                f"dim_feedforward={self.dim_feedforward}, top_k={self.top_k}, "
                f"capacity_factor={cf}, renormalize={self.renormalize}")


MoE = MixtureOfExperts
