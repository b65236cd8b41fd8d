"""A small decoder-only transformer language model (GPT) on our autograd engine.

The architecture is GPT-2's (Radford et al. 2019), at toy size, with nanoGPT's parameter
names so a PyTorch copy can load its ``state_dict``:

    tokens (B, T) ─► wte (token embedding) + wpe (learned position embedding)
                 ─► n_layer × Block:  x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
                 ─► ln_f ─► lm_head (C → vocab; tied to wte by default) ─► logits (B, T, V)

``attn`` is causal multi-head self-attention: position t attends to positions ≤ t only,
so the logits at t predict token t + 1 from the tokens up to t, and one forward pass of a
sequence of length T trains T predictions at once (teacher forcing).

**KV cache.** When generating, the keys and values of the positions already seen never
change (position t never looks at anything after it), so they can be kept instead of
recomputed: each new token then costs one query against the cached keys, O(T) work per
layer, instead of re-running the whole prefix, O(T²). :class:`KVCache` holds them; with
it, :meth:`GPT.generate` gives the same tokens as recomputing the prefix at every step.

With learned absolute positions a cache cannot slide: once the sequence is longer than
``block_size`` every kept token changes position at each step, so generation past
``block_size`` recomputes the last ``block_size`` tokens each step (nanoGPT's cropping),
with or without a cache. (Relative schemes such as RoPE are what make rolling caches
possible.)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, cat, is_grad_enabled, no_grad
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn import init
from mlinterview.ml.text import decoding

__all__ = ["GPT", "MLP", "Block", "CausalSelfAttention", "GPTConfig", "KVCache",
           "causal_attention", "get_batch", "perplexity", "train_gpt"]


@dataclass(frozen=True)
class GPTConfig:
    """The shape of a :class:`GPT`.

    Attributes:
        vocab_size: number of tokens.
        block_size: the longest context (number of learned positions).
        n_layer, n_head, n_embd: depth, attention heads, width (n_embd % n_head == 0).
        bias: biases in the Linear layers and LayerNorms.
        tie_weights: the output layer reuses the token embedding (Press and Wolf 2017).
    """

    vocab_size: int
    block_size: int = 64
    n_layer: int = 2
    n_head: int = 4
    n_embd: int = 64
    bias: bool = True
    tie_weights: bool = True

    def __post_init__(self):
        for name in ("vocab_size", "block_size", "n_layer", "n_head", "n_embd"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
                raise ValueError(f"{name}: expected a positive integer, got {value!r}")
        if self.n_embd % self.n_head:
            raise ValueError(f"n_embd: must be divisible by n_head ({self.n_head}), got "
                             f"{self.n_embd}")

    def to_dict(self) -> dict:
        return asdict(self)


class KVCache:
    """The keys and values of every layer for the first ``length`` positions.

    Buffers of shape (batch_size, n_head, max_length, head_dim) per layer, filled as the
    model reads tokens; ``length`` is how many positions they hold. The arrays are plain
    NumPy: gradients do not flow into cached positions (the cache is for inference).
    """

    def __init__(self, n_layer: int, batch_size: int, n_head: int, max_length: int,
                 head_dim: int, dtype=np.float32):
        shape = (batch_size, n_head, max_length, head_dim)
        self.keys = [np.zeros(shape, dtype=dtype) for _ in range(n_layer)]
        self.values = [np.zeros(shape, dtype=dtype) for _ in range(n_layer)]
        self.length = 0

    @classmethod
    def for_model(cls, model: GPT, batch_size: int = 1) -> KVCache:
        """An empty cache sized for ``model`` (max_length = its block_size)."""
        c = model.config
        return cls(c.n_layer, batch_size, c.n_head, c.block_size, c.n_embd // c.n_head,
                   dtype=model.wte.weight.dtype)

    @property
    def batch_size(self) -> int:
        return self.keys[0].shape[0]

    @property
    def max_length(self) -> int:
        return self.keys[0].shape[2]

    def write(self, layer: int, k: np.ndarray, v: np.ndarray) -> None:
        """Store new keys/values (B, n_head, T_new, head_dim) after the first ``length``."""
        end = self.length + k.shape[2]
        self.keys[layer][:, :, self.length:end] = k
        self.values[layer][:, :, self.length:end] = v

    def reorder(self, index) -> None:
        """Keep the rows ``index`` (int array (new_batch,)), in that order: beam search
        continues some beams twice and drops others."""
        index = np.asarray(index)
        self.keys = [k[index] for k in self.keys]
        self.values = [v[index] for v in self.values]

    def nbytes(self) -> int:
        """Memory the cache holds for its current length, in bytes:
        2 (keys and values) × layers × batch × heads × length × head_dim × bytes per value."""
        k = self.keys[0]
        return 2 * len(self.keys) * k.shape[0] * k.shape[1] * self.length * k.shape[3] \
            * k.itemsize


def causal_attention(q: Tensor, k: Tensor, v: Tensor, past_length: int = 0) -> Tensor:
    """softmax(q kᵀ / √d + mask) v with a causal mask, through
    :func:`mlinterview.ml.nn.functional.scaled_dot_product_attention`.

    Args:
        q: (B, H, T_q, d), the queries of positions past_length .. past_length + T_q - 1.
        k, v: (B, H, T_k, d) with T_k = past_length + T_q: keys and values of every
            position up to the last query.
        past_length: how many positions come before the first query.

    Returns:
        (B, H, T_q, d). Query i may look at keys 0 .. past_length + i. Dividing by √d keeps
        the scores' variance near 1 when q and k have unit-variance entries, so the
        softmax does not saturate.
    """
    t_q, t_k = q.shape[2], k.shape[2]
    if t_k != past_length + t_q:
        raise ValueError(f"causal_attention: expected {past_length + t_q} keys (past_length "
                         f"{past_length} + {t_q} queries), got {t_k}")
    if past_length == 0:
        return F.scaled_dot_product_attention(q, k, v, is_causal=t_q > 1)
    if t_q == 1:  # one new query sees every cached key: nothing to mask
        return F.scaled_dot_product_attention(q, k, v)
    # PyTorch's is_causal aligns the triangle at the top-left corner, which is wrong when
    # the queries are the *last* T_q positions: the mask is aligned at the bottom-right.
    allowed = np.arange(t_k)[None, :] <= past_length + np.arange(t_q)[:, None]
    return F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)


class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention: one Linear makes q, k and v for every head
    (``c_attn``, C → 3C), heads attend independently, ``c_proj`` (C → C) mixes them."""

    def __init__(self, config: GPTConfig, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        c = config.n_embd
        self.n_head, self.n_embd = config.n_head, c
        self.c_attn = nn.Linear(c, 3 * c, bias=config.bias, dtype=dtype, generator=generator)
        self.c_proj = nn.Linear(c, c, bias=config.bias, dtype=dtype, generator=generator)

    def forward(self, x: Tensor, cache: KVCache | None = None, layer: int = 0) -> Tensor:
        """x (B, T, C) -> (B, T, C). With a cache, x holds the positions after the cached
        ones; its keys and values are appended to the cache."""
        b, t, c = x.shape
        h, d = self.n_head, c // self.n_head
        # (B, T, 3C) -> (3, B, H, T, d): q, k and v of every head in one matmul.
        qkv = self.c_attn(x).reshape(b, t, 3, h, d).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        past = 0
        if cache is not None:
            past = cache.length
            cache.write(layer, k.data, v.data)
            if is_grad_enabled() and k.requires_grad:
                # Keep the graph for the new positions; the cached ones are constants.
                k = cat([Tensor(cache.keys[layer][:, :, :past]), k], dim=2)
                v = cat([Tensor(cache.values[layer][:, :, :past]), v], dim=2)
            else:
                # Views of the buffers: no copy of the past at each step.
                k = Tensor(cache.keys[layer][:, :, :past + t])
                v = Tensor(cache.values[layer][:, :, :past + t])
        y = causal_attention(q, k, v, past_length=past)                 # (B, H, T, d)
        return self.c_proj(y.transpose(1, 2).reshape(b, t, c))


class MLP(nn.Module):
    """Position-wise feed-forward: Linear(C, 4C) → GELU (the exact form, as nanoGPT) →
    Linear(4C, C)."""

    def __init__(self, config: GPTConfig, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        c = config.n_embd
        self.c_fc = nn.Linear(c, 4 * c, bias=config.bias, dtype=dtype, generator=generator)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * c, c, bias=config.bias, dtype=dtype, generator=generator)

    def forward(self, x: Tensor) -> Tensor:
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    """A pre-norm transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x)).
    The residual additions carry the input straight through, so gradients reach the
    first layers undiminished."""

    def __init__(self, config: GPTConfig, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        c = config.n_embd
        self.ln_1 = nn.LayerNorm(c, bias=config.bias, dtype=dtype)
        self.attn = CausalSelfAttention(config, dtype=dtype, generator=generator)
        self.ln_2 = nn.LayerNorm(c, bias=config.bias, dtype=dtype)
        self.mlp = MLP(config, dtype=dtype, generator=generator)

    def forward(self, x: Tensor, cache: KVCache | None = None, layer: int = 0) -> Tensor:
        x = x + self.attn(self.ln_1(x), cache, layer)
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    """A decoder-only transformer language model.

    Args:
        config: a :class:`GPTConfig`.
        dtype: float32 (default) or float64.
        generator: ``np.random.Generator`` for the initial weights (reproducible).

    Weights start as GPT-2's: N(0, 0.02) for embeddings and Linear weights, zero biases,
    and the output projections of each residual branch scaled by 1/√(2·n_layer) so the
    residual stream's variance does not grow with depth.
    """

    def __init__(self, config: GPTConfig, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if not isinstance(config, GPTConfig):
            raise TypeError(f"config: expected a GPTConfig, got {type(config).__name__}")
        self.config = config
        rng = generator if generator is not None else np.random.default_rng()
        c = config.n_embd
        self.wte = nn.Embedding(config.vocab_size, c, dtype=dtype)
        self.wpe = nn.Embedding(config.block_size, c, dtype=dtype)
        self.h = nn.ModuleList([Block(config, dtype=dtype, generator=rng)
                                for _ in range(config.n_layer)])
        self.ln_f = nn.LayerNorm(c, bias=config.bias, dtype=dtype)
        self.lm_head = nn.Linear(c, config.vocab_size, bias=False, dtype=dtype, generator=rng)
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                init.normal_(p, 0.0, 0.02 / math.sqrt(2 * config.n_layer), generator=rng)
            elif name.endswith("weight") and p.ndim == 2:
                init.normal_(p, 0.0, 0.02, generator=rng)
            elif name.endswith("bias") and ".ln_" not in name and not name.startswith("ln_"):
                init.zeros_(p)
        if config.tie_weights:
            # One matrix, two uses: row i embeds token i and scores token i at the output.
            self.lm_head.weight = self.wte.weight

    def num_parameters(self, non_embedding: bool = False) -> int:
        """Number of parameters (a shared matrix counted once); ``non_embedding`` leaves
        out the position embedding (and the token embedding when it is not tied)."""
        n = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n -= self.wpe.weight.numel()
            if not self.config.tie_weights:
                n -= self.wte.weight.numel()
        return n

    def _tokens(self, idx) -> np.ndarray:
        arr = np.asarray(idx.data if isinstance(idx, Tensor) else idx)
        if arr.ndim != 2 or (arr.size and arr.dtype.kind not in "iu"):
            raise ValueError(f"idx: expected integer token ids of shape (batch, time), got "
                             f"shape {arr.shape} and dtype {arr.dtype}")
        if arr.size and (arr.min() < 0 or arr.max() >= self.config.vocab_size):
            raise ValueError(f"idx: token ids must be in [0, {self.config.vocab_size}), got "
                             f"min {arr.min()} and max {arr.max()}")
        return arr.astype(np.int64)

    def hidden_states(self, idx, cache: KVCache | None = None) -> Tensor:
        """The final (layer-normed) hidden states (B, T, n_embd) of tokens ``idx`` (B, T).
        With a cache, ``idx`` continues the cached positions and is appended to them."""
        tokens = self._tokens(idx)
        b, t = tokens.shape
        start = 0 if cache is None else cache.length
        if t == 0:
            raise ValueError("idx: expected at least one token")
        if start + t > self.config.block_size:
            raise ValueError(f"idx: {start} cached + {t} new tokens exceed block_size "
                             f"{self.config.block_size} (the model has no position beyond)")
        if cache is not None and cache.batch_size != b:
            raise ValueError(f"cache: holds a batch of {cache.batch_size}, idx has {b}")
        x = self.wte(tokens) + self.wpe(np.arange(start, start + t))      # (B, T, C)
        for layer, block in enumerate(self.h):
            x = block(x, cache, layer)
        if cache is not None:
            cache.length = start + t
        return self.ln_f(x)

    def forward(self, idx, targets=None, cache: KVCache | None = None):
        """Logits (B, T, vocab_size) for tokens ``idx`` (B, T), and the mean cross-entropy
        against ``targets`` (B, T) (the next tokens) if given, else None."""
        logits = self.lm_head(self.hidden_states(idx, cache))
        if targets is None:
            return logits, None
        y = np.asarray(targets.data if isinstance(targets, Tensor) else targets)
        if y.shape != logits.shape[:2]:
            raise ValueError(f"targets: expected shape {logits.shape[:2]}, got {y.shape}")
        loss = F.cross_entropy(logits.reshape(-1, self.config.vocab_size),
                               Tensor(y.reshape(-1).astype(np.int64)))
        return logits, loss

    def _next_logits(self, seqs: np.ndarray, cache: KVCache | None) -> np.ndarray:
        """Logits (B, vocab) of the token after each row of ``seqs`` (B, T): only the new
        tokens go through the model when the cache holds the rest."""
        block = self.config.block_size
        if cache is not None and seqs.shape[1] <= block:
            new = seqs[:, cache.length:]
        else:
            # No cache, or past block_size (positions shift every step): recompute the
            # last block_size tokens, as nanoGPT crops its context.
            if cache is not None:
                cache.length = 0
            new = seqs[:, -block:]
            cache = None
        hidden = self.hidden_states(new, cache)
        return self.lm_head(hidden[:, -1]).data

    def generate(self, idx, max_new_tokens: int, temperature: float = 1.0,
                 top_k: int | None = None, top_p: float | None = None, *,
                 num_beams: int = 1, eos_token_id: int | None = None,
                 length_penalty: float = 1.0, use_cache: bool = True,
                 generator=None) -> np.ndarray:
        """Continue each row of ``idx`` (B, T) by ``max_new_tokens`` tokens.

        Args:
            temperature: 0 for greedy decoding, else sampling from softmax(logits / T).
            top_k, top_p: optional filters (see :mod:`mlinterview.ml.text.decoding`).
            num_beams: > 1 for beam search (one prompt, B = 1; returns the best beam).
            eos_token_id, length_penalty: see :func:`~mlinterview.ml.text.decoding.beam_search`
                (used by beam search only).
            use_cache: keep keys and values in a :class:`KVCache` (same result, faster).
            generator: ``np.random.Generator`` or int seed for sampling.

        Returns:
            int64 array (B, T + max_new_tokens): the prompt followed by the new tokens.
        """
        seqs = self._tokens(idx)
        steps = decoding._check_int(max_new_tokens, "max_new_tokens", 0)
        if seqs.shape[1] == 0:
            raise ValueError("idx: expected a prompt of at least one token")
        rng = decoding._rng(generator)
        with no_grad():
            cache = KVCache.for_model(self, seqs.shape[0]) if use_cache else None
            if decoding._check_int(num_beams, "num_beams", 1) > 1:
                return self._beam_generate(seqs, steps, num_beams, eos_token_id,
                                           length_penalty, cache)
            for _ in range(steps):
                logits = self._next_logits(seqs, cache)
                nxt = decoding.sample(logits, temperature=temperature, top_k=top_k,
                                      top_p=top_p, generator=rng)
                seqs = np.concatenate([seqs, nxt[:, None]], axis=1)
        return seqs

    def _beam_generate(self, seqs, steps, num_beams, eos_token_id, length_penalty, cache):
        if seqs.shape[0] != 1:
            raise ValueError(f"idx: beam search takes one prompt (batch 1), got a batch of "
                             f"{seqs.shape[0]}")
        if steps == 0:
            return seqs

        def next_log_probs(live: np.ndarray) -> np.ndarray:
            logits = self._next_logits(live, cache).astype(np.float64)
            return logits - np.log(np.exp(logits - logits.max(-1, keepdims=True)).sum(
                -1, keepdims=True)) - logits.max(-1, keepdims=True)

        reorder = cache.reorder if cache is not None else None
        best = decoding.beam_search(next_log_probs, seqs[0], num_beams=num_beams,
                                    max_new_tokens=steps, eos_token_id=eos_token_id,
                                    length_penalty=length_penalty, reorder=reorder)[0]
        return best.tokens[None, :]


# -- training and evaluation --------------------------------------------------------------
def get_batch(data: np.ndarray, block_size: int, batch_size: int,
              generator: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Random windows of a token stream: inputs x and next-token targets y, both int64
    (batch_size, block_size), with y[:, t] = data[start + t + 1]."""
    data = np.asarray(data)
    if data.ndim != 1 or len(data) < block_size + 1:
        raise ValueError(f"data: expected a 1-D token array of at least block_size + 1 = "
                         f"{block_size + 1} tokens, got shape {data.shape}")
    starts = generator.integers(0, len(data) - block_size, size=batch_size)
    idx = starts[:, None] + np.arange(block_size)
    return data[idx].astype(np.int64), data[idx + 1].astype(np.int64)


def perplexity(model: GPT, data: np.ndarray, block_size: int | None = None,
               batch_size: int = 32) -> tuple[float, float]:
    """Mean next-token cross-entropy (nats per token) of ``model`` on the token stream
    ``data``, and the perplexity exp(mean). Windows of ``block_size`` tokens that do not
    overlap cover the stream; every token after the first is predicted once."""
    block = model.config.block_size if block_size is None else block_size
    data = np.asarray(data)
    n_windows = (len(data) - 1) // block
    if n_windows < 1:
        raise ValueError(f"data: expected at least block_size + 1 = {block + 1} tokens, got "
                         f"{len(data)}")
    starts = np.arange(n_windows) * block
    idx = starts[:, None] + np.arange(block)
    was_training = model.training
    model.eval()
    total = 0.0
    with no_grad():
        for i in range(0, n_windows, batch_size):
            rows = idx[i:i + batch_size]
            _, loss = model(data[rows], data[rows + 1])
            total += float(loss.item()) * rows.size
    model.train(was_training)
    mean = total / idx.size
    return mean, math.exp(mean)


def train_gpt(model: GPT, data: np.ndarray, *, steps: int, batch_size: int = 16,
              lr: float = 3e-3, weight_decay: float = 0.01, warmup: int = 20,
              grad_clip: float = 1.0, generator: np.random.Generator | None = None,
              callback: Callable[[int, float], None] | None = None) -> list[float]:
    """Train ``model`` on random windows of the token stream ``data`` with AdamW.

    The learning rate rises linearly over ``warmup`` steps then follows a cosine down to
    lr / 10 (the usual GPT schedule); gradients are clipped to global norm ``grad_clip``.
    ``callback(step, loss)`` is called after every step (progress reports). Returns the
    training loss of every step.
    """
    from mlinterview.ml import optim

    rng = generator if generator is not None else np.random.default_rng()
    opt = optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    block = model.config.block_size
    losses = []
    model.train()
    for step in range(steps):
        if step < warmup:
            rate = lr * (step + 1) / warmup
        else:
            frac = (step - warmup) / max(1, steps - warmup)
            rate = lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for group in opt.param_groups:
            group["lr"] = rate
        x, y = get_batch(data, block, batch_size, rng)
        _, loss = model(x, y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        opt.step()
        losses.append(float(loss.item()))
        if callback is not None:
            callback(step, losses[-1])
    return losses
