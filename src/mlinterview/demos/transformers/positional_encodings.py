"""Demo for positional encodings: what each scheme tells attention about position, and what
happens past the length a model was trained on.

Similarity matrices: the cosine similarity of the sinusoidal vectors of two positions, the
same for the learned table after training, the RoPE score q_m · k_n of one query and one key
moved to every pair of positions (constant along each diagonal: only the offset counts),
and ALiBi's bias for the steepest and the flattest head.

Extrapolation: a positional probe, the smallest model where the scheme is all there is.
Every token is the same, so attention can only use position; it is trained (Adam on the
library's autograd) to be a previous-token head, position i attending to i - 1 (causal),
on sequences of ``train_len`` tokens, then run on sequences ``factor`` times longer.

- learned: queries and keys are linear maps of a trained table, which has no row past
  ``train_len``: the model cannot even be run there;
- sinusoidal: the same linear maps of the fixed table, which exists at every position, but
  the score is a bilinear form of two absolute positions and nothing ties what was learned
  to the unseen ones;
- RoPE: one trained query vector and one key vector rotated to their positions, so the score
  of (i, j) is a function of i - j, learned for every offset that matters here;
- ALiBi: the content is the same for every token, so the scores are only the fixed bias
  ``-slope |i - j|``, largest at the query itself: it cannot make a previous-token head on
  its own (in a language model the keys' content does that; ALiBi adds a recency prior).
  Its second panel shows how far each head still looks: the share of attention beyond
  ``train_len`` tokens back, for uniform content, as the sequence grows.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.positional import (
    alibi_bias,
    alibi_slopes,
    apply_rotary_emb,
    sinusoidal_positional_encoding,
)

SCHEMES = ("learned", "sinusoidal", "RoPE", "ALiBi")


def _init(scheme: str, train_len: int, dim: int, rng: np.random.Generator) -> dict:
    """Trainable parameters of the probe for one scheme (float32)."""
    def normal(*shape, scale=1.0):
        return Tensor((rng.normal(size=shape) * scale).astype(np.float32), requires_grad=True)

    if scheme in ("learned", "sinusoidal"):
        params = {"Wq": normal(dim, dim, scale=dim ** -0.5),
                  "Wk": normal(dim, dim, scale=dim ** -0.5)}
        if scheme == "learned":
            params["table"] = normal(train_len, dim)
        return params
    if scheme == "RoPE":
        return {"q": normal(dim), "k": normal(dim)}
    return {}                                   # ALiBi: nothing positional to learn


def probe_scores(scheme: str, params: dict, n: int, dim: int, heads: int = 1) -> Tensor:
    """The probe's attention scores (n, n) before the causal mask, for a sequence of n
    identical tokens. For ALiBi, ``heads`` picks the head count (scores of head 0, the
    steepest: the others are flatter versions of the same shape)."""
    if scheme in ("learned", "sinusoidal"):
        if scheme == "learned":
            if n > params["table"].shape[0]:
                raise ValueError(f"the learned table has {params['table'].shape[0]} rows, "
                                 f"a sequence of {n} needs {n}")
            pos = params["table"][:n]
        else:
            pos = sinusoidal_positional_encoding(n, dim)
        q, k = pos @ params["Wq"].T, pos @ params["Wk"].T
        return (q @ k.T) * float(dim ** -0.5)
    if scheme == "RoPE":
        ones = Tensor(np.ones((n, 1), dtype=np.float32))
        q = apply_rotary_emb(ones @ params["q"].reshape(1, dim))    # row i: q turned to i
        k = apply_rotary_emb(ones @ params["k"].reshape(1, dim))
        return (q @ k.T) * float(dim ** -0.5)
    return alibi_bias(heads, n)[0]              # identical contents: only the bias is left


def _causal(scores: np.ndarray) -> np.ndarray:
    n = scores.shape[-1]
    return np.where(np.tri(n, dtype=bool), scores, -np.inf)


def train_probe(scheme: str, train_len: int, dim: int, steps: int, seed: int,
                lr: float = 0.05) -> tuple[dict, float]:
    """Train the previous-token probe of one scheme; returns (params, final loss)."""
    params = _init(scheme, train_len, dim, np.random.default_rng(seed))
    target = Tensor(np.arange(train_len - 1))            # row i (i >= 1) should pick i - 1
    hide = Tensor(~np.tri(train_len, dtype=bool))
    loss = None
    opt = optim.Adam(list(params.values()), lr=lr) if params else None
    for _ in range(steps if params else 1):
        scores = probe_scores(scheme, params, train_len, dim).masked_fill(hide, -1e9)
        loss = F.cross_entropy(scores[1:], target)
        if opt is not None:
            opt.zero_grad()
            loss.backward()
            opt.step()
    return params, float(loss.data)


def probe_hits(scheme: str, params: dict, n: int, dim: int) -> np.ndarray | None:
    """For positions 1..n-1, whether the top-scoring visible key is the previous token;
    None where the scheme cannot run at length n (a learned table that is too short)."""
    if scheme == "learned" and n > params["table"].shape[0]:
        return None
    with no_grad():
        scores = _causal(probe_scores(scheme, params, n, dim).data)
    return scores.argmax(axis=1)[1:] == np.arange(n - 1)


def previous_token_weight(scheme: str, params: dict, n: int, dim: int) -> np.ndarray:
    """Softmax weight that positions 1..n-1 put on their previous token: (n - 1,)."""
    with no_grad():
        scores = _causal(probe_scores(scheme, params, n, dim).data.astype(np.float64))
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights[np.arange(1, n), np.arange(n - 1)]


def offset_spread(scores: np.ndarray) -> float:
    """The largest range of a score matrix along one of its diagonals, relative to the
    range of the whole matrix: 0 when every score depends only on the offset n - m."""
    n = scores.shape[0]
    spread = max(np.ptp(np.diagonal(scores, offset=o)) for o in range(-n + 2, n - 1))
    return float(spread / max(np.ptp(scores), 1e-30))


def alibi_far_share(heads: int, n: int, far: int) -> np.ndarray:
    """Per head, the attention weight the last query puts on keys more than ``far`` tokens
    back, for identical contents (only ALiBi's bias): (heads,)."""
    w = np.exp(alibi_bias(heads, 1, n, dtype=np.float64).data[:, 0])   # (heads, n)
    w /= w.sum(axis=1, keepdims=True)
    return w[:, : max(n - 1 - far, 0)].sum(axis=1)


def _cosine(x: np.ndarray) -> np.ndarray:
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    return unit @ unit.T


@demo("positional-encodings", title="Positional encodings: similarity and extrapolation")
def positional_encodings(
    train_len: Param(int, lo=8, hi=64, help="Sequence length the probes are trained on.") = 32,
    factor: Param(int, lo=2, hi=8, help="Test on sequences this many times longer.") = 4,
    pairs: Param(int, lo=2, hi=32,
                 help="Coordinate pairs per vector (dimension = 2 × pairs).") = 16,
    heads: Param(int, lo=1, hi=16,
                 help="ALiBi heads (any count: 6 or 12 use the paper's rule).") = 8,
    steps: Param(int, lo=20, hi=2000, help="Adam steps per probe.") = 300,
    seed: int = 0,
) -> DemoResult:
    """Train a previous-token attention probe with each positional scheme on short
    sequences, test it on longer ones, and draw each scheme's positional similarity."""
    dim = 2 * pairs
    long_len = factor * train_len
    trained = {s: train_probe(s, train_len, dim, steps, seed) for s in SCHEMES}

    table = Table(["scheme", "kind", "train loss", f"accuracy, positions < {train_len}",
                   f"accuracy, positions {train_len}..{long_len - 1}",
                   "score spread along a diagonal"])
    curves = {}
    for scheme in SCHEMES:
        params, loss = trained[scheme]
        hits = probe_hits(scheme, params, long_len, dim)
        short = probe_hits(scheme, params, train_len, dim)
        curves[scheme] = hits
        run_len = train_len if scheme == "learned" else long_len
        with no_grad():
            spread = offset_spread(probe_scores(scheme, params, run_len, dim, heads).data)
        table.add(scheme, "absolute" if scheme in ("learned", "sinusoidal") else "relative",
                  round(loss, 4), round(float(short.mean()), 3),
                  "no row: cannot run" if hits is None
                  else round(float(hits[train_len - 1:].mean()), 3),
                  float(f"{spread:.2g}"))

    # Figure 1: positional similarity.
    fig1, axes = new_figure(4, width=3.2, height=3.2)
    sin_table = sinusoidal_positional_encoding(long_len, dim, dtype=np.float64).data
    with no_grad():
        learned_table = trained["learned"][0]["table"].data.astype(np.float64)
        rope_scores = probe_scores("RoPE", trained["RoPE"][0], long_len, dim).data
    panels = [
        (_cosine(sin_table), "sinusoidal: cos(PE_m, PE_n)", "RdBu_r", (-1, 1)),
        (_cosine(learned_table), "learned (trained): cos(P_m, P_n)", "RdBu_r", (-1, 1)),
        (rope_scores, "RoPE: score q_m · k_n", "RdBu_r", None),
        (alibi_bias(heads, long_len, dtype=np.float64).data[-1],
         f"ALiBi bias, flattest head (slope {alibi_slopes(heads)[-1]:.3g})", "viridis", None),
    ]
    for ax, (matrix, title, cmap, lim) in zip(axes, panels, strict=True):
        kw = {} if lim is None else {"vmin": lim[0], "vmax": lim[1]}
        if lim is None and cmap == "RdBu_r":
            bound = float(np.abs(matrix).max())
            kw = {"vmin": -bound, "vmax": bound}
        image = ax.imshow(matrix, cmap=cmap, **kw)
        ax.set(title=title, xlabel="position n", ylabel="position m")
        ax.grid(False)
        ax.title.set_fontsize(9)
        fig1.colorbar(image, ax=ax, shrink=0.7)

    # Figure 2: the probe past its training length, and how far ALiBi still looks.
    fig2, (ax, ax2) = new_figure(2, width=5.0, height=3.6)
    for scheme, style in zip(SCHEMES, ("-", "-", "-", ":"), strict=True):
        n = train_len if curves[scheme] is None else long_len
        weight = previous_token_weight(scheme, trained[scheme][0], n, dim)
        ax.plot(np.arange(1, n), weight, style, lw=3 if scheme == "learned" else 1.5,
                label="ALiBi (steepest head)" if scheme == "ALiBi" else scheme)
    ax.axvline(train_len, color="k", lw=1, ls="--")
    ax.text(train_len, 0.5, " trained up to here", fontsize=8)
    ax.set(xlabel="query position", ylabel="attention weight on the previous token",
           title="Previous-token probe past its training length", ylim=(-0.05, 1.05))
    ax.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0.0, 0.12))
    lengths = np.arange(train_len, long_len + 1)
    shares = np.array([alibi_far_share(heads, n, train_len) for n in lengths])
    slopes = alibi_slopes(heads)
    for h in range(heads):
        ax2.plot(lengths, shares[:, h], label=f"slope {slopes[h]:.3g}" if h in
                 (0, heads // 2, heads - 1) else None)
    ax2.set(xlabel="sequence length", ylabel=f"attention on keys > {train_len} back",
            title="ALiBi: how far each head still looks")
    ax2.legend(fontsize=8)

    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    beyond = table.columns[4]
    summary = (
        f"Trained on {train_len} tokens and tested on {long_len}: the learned table has no "
        f"row past position {train_len - 1}, so that model cannot run at all; the sinusoidal "
        f"probe is right on {rows['sinusoidal'][table.columns[3]]:.0%} of its training "
        f"positions and {rows['sinusoidal'][beyond]:.0%} of the unseen ones; RoPE on "
        f"{rows['RoPE'][table.columns[3]]:.0%} and {rows['RoPE'][beyond]:.0%}: its score "
        f"depends only on the offset (relative spread along a diagonal "
        f"{rows['RoPE'][table.columns[5]]:.1e}, float32 rounding, against "
        f"{rows['sinusoidal'][table.columns[5]]:.2f} for sinusoidal). ALiBi's fixed bias "
        f"always favours the token itself, so without content it scores "
        f"{rows['ALiBi'][beyond]:.0%}: it is a recency prior, and its flattest head "
        f"(slope {slopes[-1]:.3g}) still puts {shares[-1, -1]:.0%} of its attention more than "
        f"{train_len} tokens back at length {long_len}, its steepest {shares[-1, 0]:.1%}."
    )
    return DemoResult(figures={"similarity": fig1, "extrapolation": fig2}, table=table,
                      summary=summary)
