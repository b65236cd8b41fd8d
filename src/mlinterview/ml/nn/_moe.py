"""Mixture of experts, the functional pieces: routing, capacity and the auxiliary losses.

A sparse mixture-of-experts layer sends each token to ``k`` of ``E`` expert networks. A
linear *router* gives one logit per expert; the softmax of the logits is the router's
probability ``p`` for each expert, and the ``k`` largest pick the experts
(:func:`top_k_gating`). Each expert processes a fixed-size buffer of ``capacity`` tokens
(:func:`expert_capacity`), so the work can be batched; assignments beyond an expert's
capacity are dropped (:func:`expert_positions` says who comes first). Two auxiliary
losses keep the router healthy: the load-balancing loss (:func:`load_balancing_loss`)
pushes probability away from overloaded experts, the router z-loss
(:func:`router_z_loss`) keeps the logits small.

Sources: Shazeer et al. 2017 (sparsely-gated MoE, top-k gating); Lepikhin et al. 2021
(GShard: capacity, top-2, dispatch by position); Fedus, Zoph and Shazeer 2022 (Switch
Transformer: top-1, capacity factor, the load-balancing loss); Riquelme et al. 2021
(V-MoE: batch prioritised routing); Zoph et al. 2022 (ST-MoE: the router z-loss).

Everything is vectorised: selection is an argsort over the expert axis, positions in the
buffers come from one stable sort of all assignments by expert; no loop runs over tokens.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.autograd import ops as _ops


def _check_logits(x, name: str) -> Tensor:
    """A floating Tensor of shape (..., E) with at least one token; arrays and lists are
    accepted (as constants: no gradient flows back to them)."""
    if not isinstance(x, Tensor):
        if x is None or isinstance(x, str | bytes):
            raise TypeError(f"{name} must be a Tensor or an array of shape (..., num_experts), "
                            f"got {type(x).__name__}")
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a rectangular array of shape (..., num_experts) "
                             f"({exc})") from None
        if arr.dtype.kind != "f":
            raise TypeError(f"{name} must be floating point, got dtype {arr.dtype}")
        x = Tensor(arr)
    if x.dtype.kind != "f":
        raise TypeError(f"{name} must be floating point, got dtype {x.dtype}")
    if x.ndim < 1 or x.shape[-1] == 0:
        raise ValueError(f"{name} must have shape (..., num_experts) with at least one "
                         f"expert, got shape {tuple(x.shape)}")
    if x.data.size == 0:
        raise ValueError(f"{name} has no tokens (shape {tuple(x.shape)}); a mean over "
                         "an empty batch is undefined")
    return x


def _check_int(value, name: str, lo: int, hi: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < lo or (hi is not None and value > hi):
        upper = "" if hi is None else f" and at most {hi}"
        raise ValueError(f"{name} must be at least {lo}{upper}, got {value}")
    return int(value)


def _check_index(expert_index, num_experts: int, name: str = "expert_index") -> np.ndarray:
    if isinstance(expert_index, Tensor):
        idx = expert_index.data
    else:
        try:
            idx = np.asarray(expert_index)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a rectangular array of expert ids ({exc})") \
                from None
    if idx.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer expert ids, got dtype {idx.dtype}")
    if idx.size and (idx.min() < 0 or idx.max() >= num_experts):
        raise ValueError(f"{name} must hold expert ids in [0, {num_experts - 1}], got values "
                         f"from {idx.min()} to {idx.max()}")
    return idx.astype(np.int64, copy=False)


def top_k_gating(router_logits: Tensor, k: int, renormalize: bool = False
                 ) -> tuple[Tensor, Tensor, Tensor]:
    """Pick the ``k`` experts with the largest router logits and their gate values.

    ``probs = softmax(router_logits)`` over the experts; the gates are the probabilities
    of the ``k`` chosen experts, largest first. With ``renormalize`` they are divided by
    their sum, so each token's gates add up to 1 (Mixtral, GShard's top-2); without it
    they keep the router's probabilities (Switch Transformer). With ``k = 1`` and
    ``renormalize`` every gate is exactly 1 and the router gets no gradient from the
    task loss, only from the auxiliary losses.

    Ties between equal logits go to the lower expert index (a stable sort).

    Args:
        router_logits: Tensor (or array) of shape (..., E), one logit per expert.
        k: how many experts per token, 1 <= k <= E.
        renormalize: rescale the k gates of each token to sum to 1.

    Returns:
        gates: Tensor (..., k), differentiable with respect to the logits.
        indices: int64 Tensor (..., k), the chosen experts, in decreasing probability.
        probs: Tensor (..., E), the full router distribution (for the balancing loss).
    """
    router_logits = _check_logits(router_logits, "router_logits")
    num_experts = router_logits.shape[-1]
    k = _check_int(k, "k", 1, num_experts)
    probs = _ops.Softmax.apply(router_logits, dim=-1)
    # Select on the logits, not the probabilities: softmax is monotone, and equal logits
    # stay equal where their rounded probabilities might not.
    order = np.argsort(-router_logits.data, axis=-1, kind="stable")[..., :k]
    flat_probs = probs.reshape(-1, num_experts)
    flat_order = order.reshape(-1, k)
    rows = np.arange(flat_order.shape[0])[:, None]
    gates = flat_probs[rows, flat_order].reshape((*router_logits.shape[:-1], k))
    if renormalize:
        gates = gates / gates.sum(dim=-1, keepdim=True)
    return gates, Tensor(order.astype(np.int64)), probs


def expert_capacity(num_tokens: int, num_experts: int, top_k: int = 1,
                    capacity_factor: float = 1.0) -> int:
    """Buffer size of each expert: ceil(capacity_factor · top_k · num_tokens / num_experts).

    ``top_k · num_tokens / num_experts`` is each expert's share under perfectly balanced
    routing; the capacity factor leaves slack for imbalance (Switch Transformer: 1.0 to
    1.25; ST-MoE: 1.25 in training, 2.0 at evaluation). The product is rounded to 9
    decimals before the ceiling so that 1.1 · 10 = 11.000000000000002 gives 11, not 12.
    """
    num_tokens = _check_int(num_tokens, "num_tokens", 0)
    num_experts = _check_int(num_experts, "num_experts", 1)
    top_k = _check_int(top_k, "top_k", 1, num_experts)
    if isinstance(capacity_factor, bool) or not isinstance(capacity_factor, int | float) \
            or not math.isfinite(capacity_factor) or capacity_factor <= 0:
        raise ValueError(f"capacity_factor must be a positive finite number, "
                         f"got {capacity_factor!r}")
    return math.ceil(round(capacity_factor * top_k * num_tokens / num_experts, 9))


def expert_positions(expert_index, num_experts: int, token_order=None) -> np.ndarray:
    """Position of each (token, choice) assignment in its expert's buffer.

    Assignments queue at their expert in priority order: first every token's first
    choice, then every token's second choice, and so on (GShard: a second choice never
    displaces a first choice); within one choice rank, tokens queue in ``token_order``
    (default: their position in the batch, as GShard and Switch do; V-MoE's batch
    prioritised routing passes the tokens sorted by their top router probability). An
    assignment is kept when its position is below the expert's capacity.

    Args:
        expert_index: int array (T, k) (or (T,) for k = 1), each row distinct experts.
        num_experts: E.
        token_order: optional permutation of range(T): the order in which tokens queue.

    Returns:
        int64 array of the shape of ``expert_index``: 0 for the first assignment an
        expert receives, 1 for the second, ...

    Example: experts [[0, 1], [0, 2], [0, 1]] give positions [[0, 0], [1, 0], [2, 1]];
    with capacity 2 the third token loses its first choice and keeps its second.
    """
    num_experts = _check_int(num_experts, "num_experts", 1)
    idx = _check_index(expert_index, num_experts)
    squeeze = idx.ndim == 1
    if squeeze:
        idx = idx[:, None]
    if idx.ndim != 2:
        raise ValueError(f"expert_index must have shape (T, k) or (T,), got {idx.shape}")
    n_tokens, k = idx.shape
    if token_order is None:
        perm = np.arange(n_tokens)
    else:
        perm = np.asarray(token_order)
        if perm.shape != (n_tokens,) or perm.dtype.kind not in "iu" or not np.array_equal(
                np.sort(perm), np.arange(n_tokens)):
            raise ValueError(f"token_order must be a permutation of range({n_tokens}), "
                             f"got {perm!r}")
    # The queue: choice rank major, tokens in priority order within a rank.
    queue = idx[perm].T.reshape(-1)
    # A stable sort by expert keeps the queue order inside each expert; an assignment's
    # position is then its rank in the sorted array minus where its expert's group starts.
    by_expert = np.argsort(queue, kind="stable")
    counts = np.bincount(queue, minlength=num_experts)
    starts = np.cumsum(counts) - counts
    pos_sorted = np.arange(queue.size) - np.repeat(starts, counts)
    pos_queue = np.empty(queue.size, dtype=np.int64)
    pos_queue[by_expert] = pos_sorted
    positions = np.empty((n_tokens, k), dtype=np.int64)
    positions[perm] = pos_queue.reshape(k, n_tokens).T
    return positions[:, 0] if squeeze else positions


def load_balancing_loss(router_probs: Tensor, expert_index) -> Tensor:
    """Switch Transformer's auxiliary loss: E · Σ_i f_i · P_i.

    ``f_i`` is the fraction of the T·k assignments that the router sent to expert i
    (counted from its top-k choices, before any capacity dropping; not differentiable),
    ``P_i`` the router's mean probability for expert i over the tokens (differentiable).
    Its gradient with respect to ``P_i`` is E · f_i: probability is pushed away from the
    experts that receive the most tokens.

    When the probabilities agree with the dispatch (f = P) the loss is E · Σ P_i², which
    by Cauchy–Schwarz is at least 1, with equality only for uniform routing. With hard
    top-k routing f and P can disagree and the value can dip below 1 (many tokens that
    barely prefer one expert), so 1 is the value at balance, not a strict lower bound.

    For k > 1 the fractions are over the T·k assignments (they sum to 1), so the loss is 1
    at balance whatever k is; Hugging Face's Mixtral loss sums per-choice fractions and
    equals k times this value.

    Args:
        router_probs: Tensor (..., E), softmax of the router logits.
        expert_index: int array or Tensor (..., k) or (...,): the chosen experts.

    Returns:
        A 0-d Tensor.
    """
    router_probs = _check_logits(router_probs, "router_probs")
    num_experts = router_probs.shape[-1]
    idx = _check_index(expert_index, num_experts)
    lead = router_probs.shape[:-1]
    if idx.shape[:len(lead)] != lead or idx.ndim - len(lead) not in (0, 1):
        raise ValueError(f"expert_index must have shape {lead} or {(*lead, 'k')} to match "
                         f"router_probs of shape {tuple(router_probs.shape)}, "
                         f"got {idx.shape}")
    fraction = np.bincount(idx.reshape(-1), minlength=num_experts) / idx.size
    f = Tensor(fraction.astype(router_probs.dtype))
    # inf or NaN probabilities propagate to the loss (0 · inf is NaN), without a warning,
    # as in PyTorch: a loss does not scan its input.
    with np.errstate(over="ignore", invalid="ignore"):
        mean_prob = router_probs.reshape(-1, num_experts).mean(dim=0)
        return (mean_prob * f).sum() * num_experts


def router_z_loss(router_logits: Tensor) -> Tensor:
    """ST-MoE's router z-loss: the mean over tokens of (log Σ_j exp(x_j))².

    Large logits make the router's softmax (often run in low precision) round badly;
    this term penalises their log-partition function and keeps them near zero. Its
    gradient for a token is 2 · logsumexp(x) · softmax(x).

    Args:
        router_logits: Tensor (..., E).

    Returns:
        A 0-d Tensor.
    """
    router_logits = _check_logits(router_logits, "router_logits")
    # log Σ e^x = m + log Σ e^(x - m) with m the (constant) row maximum: no overflow, and
    # the gradient is exact since m's contributions cancel. A row whose maximum is ±inf or
    # NaN shifts by 0 instead, so it gives ±inf or NaN as PyTorch's logsumexp does.
    m = router_logits.data.max(axis=-1, keepdims=True)
    m = Tensor(np.where(np.isfinite(m), m, 0).astype(router_logits.dtype))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        lse = (router_logits - m).exp().sum(dim=-1).log() + m.squeeze(-1)
        return (lse * lse).mean()


__all__ = ["expert_capacity", "expert_positions", "load_balancing_loss", "router_z_loss",
           "top_k_gating"]
