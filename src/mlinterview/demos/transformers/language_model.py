"""Demo for language-model: a small GPT trained on the cards, decoded five ways, with and
without a KV cache.

The corpus is text that ships with the project: the two speakable sections ("In 30
seconds" and "What the interviewer is probing") of every card, in slug order, read at
character level; the last 10% is held out. A small GPT (mlinterview.ml.models.gpt) trains
on our autograd engine for a few seconds; its held-out loss is compared with three
baselines anyone can compute (a uniform guess, character frequencies, the previous
character). The trained model then continues a prompt greedily, by sampling (temperature,
top-p) and by beam search, and decodes with and without a KV cache: the same tokens, one
measured much faster than the other.

With ``pretrained`` the demo uses a larger model instead, trained by this code on first
use (a minute or two on a laptop CPU, progress printed to the terminal) and kept in the
user's data folder (``mlinterview.study.store.data_dir()/models``); never downloaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.autograd import no_grad
from mlinterview.ml.models.gpt import GPT, GPTConfig, KVCache, perplexity, train_gpt
from mlinterview.ml.text.chars import CharTokenizer
from mlinterview.ml.text.decoding import sampling_probs

SECTIONS = ("In 30 seconds", "What the interviewer is probing")
PROMPT = "The model "
CONTINUATION = 80
HELD_OUT = 0.1
# The default model: a few seconds of training on one CPU.
SMALL = dict(n_layer=2, n_head=4, n_embd=32, block_size=32)
SMALL_TRAIN = dict(batch_size=16, lr=1e-2)
# The model kept in the data folder: about 1,500 steps, a minute or two.
LARGE = dict(n_layer=3, n_head=4, n_embd=64, block_size=64, tie_weights=False)
LARGE_TRAIN = dict(steps=1500, batch_size=16, lr=3e-3)
#: The seed the demo trains the larger model with, whatever its ``seed`` parameter: the
#: model is trained once and kept, and a seed that picked another model would train and
#: keep one more (a minute or two, and 0.8 MB) each time a student tried a new seed.
PRETRAINED_SEED = 0
N_EVALS = 6
# The model whose decoding is timed: long enough a context for the cache to matter.
TIMING = dict(n_layer=2, n_head=4, n_embd=64, block_size=128)


def card_corpus() -> str:
    """The speakable sections of every card, in slug order: plain prose, no math."""
    from mlinterview.topics import all_topics

    parts = []
    for _, topic in sorted(all_topics().items()):
        parts += [topic.sections.get(name, "").strip() for name in SECTIONS]
    return "\n\n".join(p for p in parts if p) + "\n"


@dataclass
class Corpus:
    """The tokenizer and the token streams (train, held out)."""

    tokenizer: CharTokenizer
    train: np.ndarray
    val: np.ndarray
    text: str


def load_corpus() -> Corpus:
    text = card_corpus()
    tok = CharTokenizer().fit(text)
    ids = tok.encode(text)
    cut = int(len(ids) * (1 - HELD_OUT))
    return Corpus(tok, ids[:cut], ids[cut:], text)


def ngram_baselines(train: np.ndarray, val: np.ndarray, vocab: int) -> dict[str, float]:
    """Held-out cross-entropy (nats per character) of three models without any learning
    beyond counting: uniform, unigram and bigram (add-one smoothed counts from train)."""
    uni = np.bincount(train, minlength=vocab) + 1.0
    uni /= uni.sum()
    pairs = np.ones((vocab, vocab))
    np.add.at(pairs, (train[:-1], train[1:]), 1.0)
    pairs /= pairs.sum(axis=1, keepdims=True)
    return {"uniform": math.log(vocab),
            "unigram": float(-np.log(uni[val]).mean()),
            "bigram": float(-np.log(pairs[val[:-1], val[1:]]).mean())}


def _eval_steps(steps: int) -> set[int]:
    return {int(s) for s in np.linspace(0, steps - 1, N_EVALS).round()}


def train_model(config: GPTConfig, corpus: Corpus, *, steps: int, batch_size: int,
                lr: float, seed: int, progress=None):
    """Train a GPT; return (model, training losses, [(step, held-out loss), ...])."""
    model = GPT(config, generator=np.random.default_rng(seed))
    evals = _eval_steps(steps)
    curve: list[tuple[int, float]] = []

    def callback(step: int, loss: float) -> None:
        if step in evals:
            curve.append((step + 1, perplexity(model, corpus.val, batch_size=64)[0]))
        if progress is not None:
            progress(step, loss)

    losses = train_gpt(model, corpus.train, steps=steps, batch_size=batch_size, lr=lr,
                       generator=np.random.default_rng(seed + 1), callback=callback)
    return model, losses, curve


# -- the model kept in the data folder ----------------------------------------------------
def checkpoint_path(corpus: Corpus, seed: int, folder: Path | None = None) -> Path:
    """Where the larger model lives: named by a hash of everything that determines its
    weights (configuration, training settings, seed and corpus), so a changed corpus or
    setting trains a new one instead of loading a stale one."""
    if folder is None:
        from mlinterview.study.store import data_dir

        folder = data_dir() / "models"
    key = json.dumps({"config": LARGE, "train": LARGE_TRAIN, "seed": seed,
                      "corpus": hashlib.sha256(corpus.text.encode()).hexdigest()},
                     sort_keys=True)
    return folder / f"language-model-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"


def save_checkpoint(path: Path, model: GPT, vocab: str, losses, curve) -> None:
    """The weights and what the demo shows about their training, written atomically."""
    from mlinterview.study.atomic import atomic_write

    meta = {"config": model.config.to_dict(), "vocab": vocab, "losses": losses,
            "curve": curve}
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {f"param/{k}": v for k, v in model.state_dict().items()}
    with atomic_write(path, "wb") as fh:
        np.savez(fh, meta=np.array(json.dumps(meta)), **arrays)


def load_checkpoint(path: Path):
    """(model, vocab, losses, curve) from a checkpoint, or None if it is missing or
    unreadable (then it is trained again)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            state = {k.removeprefix("param/"): z[k] for k in z.files if k.startswith("param/")}
        model = GPT(GPTConfig(**meta["config"]), generator=np.random.default_rng(0))
        model.load_state_dict(state)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return None
    return model, meta["vocab"], meta["losses"], [tuple(c) for c in meta["curve"]]


def pretrained_model(corpus: Corpus, seed: int, folder: Path | None = None, *,
                     stream=None):
    """The larger model: loaded from the data folder, or trained now (progress on
    ``stream``, stderr by default) and saved there. Returns (model, losses, curve, path,
    trained_now)."""
    path = checkpoint_path(corpus, seed, folder)
    loaded = load_checkpoint(path) if path.exists() else None
    if loaded is not None and loaded[1] == corpus.tokenizer.vocab:
        model, _, losses, curve = loaded
        return model, losses, curve, path, False
    stream = sys.stderr if stream is None else stream
    steps = LARGE_TRAIN["steps"]
    start = time.perf_counter()

    def progress(step: int, loss: float) -> None:
        if (step + 1) % 100 == 0 or step == 0 or step + 1 == steps:
            print(f"language-model: training the larger model (once; kept in {path.parent})"
                  f" step {step + 1}/{steps}, loss {loss:.3f}, "
                  f"{time.perf_counter() - start:.0f} s", file=stream, flush=True)

    config = GPTConfig(corpus.tokenizer.vocab_size, **LARGE)
    model, losses, curve = train_model(config, corpus, seed=seed, progress=progress,
                                       **LARGE_TRAIN)
    save_checkpoint(path, model, corpus.tokenizer.vocab, losses, curve)
    print(f"language-model: saved {path}", file=stream, flush=True)
    return model, losses, curve, path, True


# -- decoding -----------------------------------------------------------------------------
def mean_surprise(model: GPT, prompt: np.ndarray, tokens: np.ndarray) -> float:
    """The model's own mean -log p of the continuation ``tokens`` after ``prompt``, nats
    per character. Token t is predicted from the block_size tokens before it, as
    :meth:`GPT.generate` saw it: one pass over the first block, then one window per later
    token, all windows in one batch."""
    seq = np.concatenate([prompt, tokens])
    block = model.config.block_size
    with no_grad():
        first = min(len(seq) - 1, block)
        rows = [model(seq[None, :first])[0].data[0]]              # predict seq[1..first]
        if len(seq) - 1 > block:
            starts = np.arange(1, len(seq) - block)                 # window s predicts s+block
            rows.append(model(seq[starts[:, None] + np.arange(block)])[0].data[:, -1])
    z = np.concatenate(rows).astype(np.float64)                   # predicts seq[1:]
    top = z.max(axis=1, keepdims=True)
    logp = z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
    picked = logp[np.arange(len(seq) - 1), seq[1:]]
    return float(-picked[len(prompt) - 1:].mean())


def cache_timing(model: GPT, prompt: np.ndarray, repeats: int = 3):
    """Greedy decoding up to block_size tokens, with and without the cache, one step at a
    time: per-step CPU seconds of each (best of ``repeats``; CPU time, not wall time, so
    other programs on the machine do not show up as spikes), the largest logit difference
    and whether the tokens agree."""
    block = model.config.block_size
    n = block - len(prompt)
    best = {True: np.full(n, np.inf), False: np.full(n, np.inf)}
    logits = {}
    tokens = {}
    with no_grad():
        for _ in range(repeats):
            for use_cache in (True, False):
                seq = prompt[None].copy()
                cache = KVCache.for_model(model, 1) if use_cache else None
                rows = []
                for i in range(n):
                    start = time.process_time()
                    new = seq[:, cache.length:] if use_cache else seq
                    out = model.lm_head(model.hidden_states(new, cache)[:, -1]).data
                    best[use_cache][i] = min(best[use_cache][i], time.process_time() - start)
                    rows.append(out[0])
                    seq = np.concatenate([seq, out.argmax(-1)[:, None]], axis=1)
                logits[use_cache], tokens[use_cache] = np.array(rows), seq[0]
    diff = float(np.abs(logits[True] - logits[False]).max())
    return best[True], best[False], diff, bool((tokens[True] == tokens[False]).all())


def _label(ch: str) -> str:
    return {" ": "␣", "\n": "⏎"}.get(ch, ch)


@demo("language-model", title="A small GPT trained on the cards: loss, decoding, KV cache")
def train_and_decode(
    steps: Param(int, lo=20, hi=2000, help="Training steps of the small model (batches "
                 "of 16 windows of 32 characters).") = 400,
    tie_weights: Param(bool, help="Tie the output layer to the token embedding "
                       "(the small model only).") = False,
    temperature: Param(float, lo=0.0, hi=2.0, help="Temperature of the sampled "
                       "continuation (0 = greedy).") = 0.8,
    top_p: Param(float, lo=0.05, hi=1.0, help="Nucleus of the sampled continuation "
                 "(1 = no filter).") = 0.9,
    pretrained: Param(bool, help="Use the larger model kept in your data folder, trained "
                      "by this demo on first use (a minute or two; progress on the "
                      "terminal). steps and tie_weights then do not apply, and seed "
                      "only draws the sampled continuation.") = False,
    seed: int = 0,
) -> DemoResult:
    """Train a character-level GPT on the cards' short answers, compare its held-out
    perplexity with counting baselines, decode a prompt greedily, by sampling and by beam
    search, and time decoding with and without a KV cache (same tokens)."""
    corpus = load_corpus()
    tok = corpus.tokenizer
    if pretrained:
        model, losses, curve, path, trained_now = pretrained_model(corpus, PRETRAINED_SEED)
        name = f"GPT {LARGE['n_layer']}×{LARGE['n_embd']}, kept in the data folder"
    else:
        config = GPTConfig(tok.vocab_size, tie_weights=tie_weights, **SMALL)
        model, losses, curve = train_model(config, corpus, steps=steps, seed=seed,
                                           **SMALL_TRAIN)
        name = f"GPT {SMALL['n_layer']}×{SMALL['n_embd']}, {steps} steps"
    model.eval()
    base = ngram_baselines(corpus.train, corpus.val, tok.vocab_size)
    val_loss, val_ppl = perplexity(model, corpus.val, batch_size=64)

    table = Table(["row", "loss (nats/char)", "perplexity", "text", "ms/token"],
                  measured=("ms/token",))
    for label, key in (("uniform guess", "uniform"), ("unigram (character counts)",
                                                      "unigram"),
                       ("bigram (previous character)", "bigram")):
        table.add(f"baseline: {label}", round(base[key], 3), round(math.exp(base[key]), 2),
                  "held-out text", "")
    table.add(name, round(val_loss, 3), round(val_ppl, 2),
              f"held-out text; {model.num_parameters():,} parameters", "")

    prompt = tok.encode(PROMPT)
    rng = np.random.default_rng(seed + 2)
    continuations = {
        "greedy": model.generate(prompt[None], CONTINUATION, temperature=0)[0],
        f"sample: temperature {temperature:g}, top-p {top_p:g}": model.generate(
            prompt[None], CONTINUATION, temperature=temperature, top_p=top_p,
            generator=rng)[0],
        "beam search, 4 beams": model.generate(prompt[None], CONTINUATION // 2,
                                               num_beams=4)[0],
    }
    for label, seq in continuations.items():
        new = seq[len(prompt):]
        surprise = mean_surprise(model, prompt, new)
        table.add(label, round(float(surprise), 3), round(math.exp(surprise), 2),
                  repr(PROMPT + tok.decode(new)), "")

    # The cache on the model just trained: the same tokens as recomputing the prefix.
    _, _, diff, same = cache_timing(model, prompt, repeats=1)
    table.add("KV cache on this model", "", "",
              f"{model.config.block_size - len(prompt)} greedy tokens, the same as "
              f"recomputing: {same}; largest logit difference {diff:.1e}", "")
    # Its speed on a longer context: a GPT of the same kind with 128 positions (random
    # weights: the time per token does not depend on them).
    timing_model = GPT(GPTConfig(tok.vocab_size, **TIMING), generator=np.random.default_rng(0))
    cached, recomputed, _, _ = cache_timing(timing_model, prompt, repeats=2)
    timing_name = f"GPT {TIMING['n_layer']}×{TIMING['n_embd']}, {TIMING['block_size']} positions"
    table.add(f"decoding with a KV cache ({timing_name})", "", "",
              f"{len(cached)} greedy tokens after the prompt", round(float(1e3 * cached.mean()), 3))
    table.add(f"decoding by recomputing the prefix ({timing_name})", "", "",
              f"{len(cached)} greedy tokens after the prompt",
              round(float(1e3 * recomputed.mean()), 3))

    # Figure 1: the loss curve against the baselines.
    fig_loss, ax = new_figure(width=6.4)
    ax.plot(np.arange(1, len(losses) + 1), losses, color="0.75", lw=0.8,
            label="training batches")
    smooth = np.convolve(losses, np.ones(20) / 20, mode="valid") if len(losses) >= 20 \
        else np.array(losses)
    ax.plot(np.arange(len(losses) - len(smooth) + 1, len(losses) + 1), smooth, color="C0",
            label="training (mean of 20 steps)")
    steps_c, vals = zip(*curve, strict=True)
    ax.plot(steps_c, vals, "o-", color="C1", label="held-out text")
    for (key, label), style in zip((("uniform", "uniform"), ("unigram", "unigram"),
                                    ("bigram", "bigram")), (":", "--", "-."), strict=True):
        ax.axhline(base[key], color="0.35", ls=style, lw=1,
                   label=f"{label} baseline ({base[key]:.2f})")
    ax.set(xlabel="training step", ylabel="cross-entropy (nats per character)",
           title=f"{name}: held-out perplexity {val_ppl:.1f}")
    secondary = ax.secondary_yaxis(
        "right", functions=(np.exp, lambda y: np.log(np.maximum(y, 1e-300))))
    secondary.set_ylabel("perplexity = e^loss")
    ax.legend(fontsize=8, loc="upper right")

    # Figure 2: how temperature, top-k and top-p reshape one next-character distribution.
    with no_grad():
        logits, _ = model(prompt[None])
    z = logits.data[0, -1].astype(np.float64)
    settings = {"T = 1": dict(), "T = 0.5": dict(temperature=0.5),
                "T = 1.5": dict(temperature=1.5), "top-k = 5": dict(top_k=5),
                f"top-p = {top_p:g}": dict(top_p=top_p)}
    shown = np.argsort(-z, kind="stable")[:12]
    fig_dec, ax2 = new_figure(width=6.4)
    width = 0.8 / len(settings)
    for i, (label, kw) in enumerate(settings.items()):
        p = sampling_probs(z, **kw)
        ax2.bar(np.arange(len(shown)) + (i - len(settings) / 2 + 0.5) * width, p[shown],
                width=width, label=label)
    ax2.set_xticks(np.arange(len(shown)), [_label(tok.vocab[i]) for i in shown])
    ax2.set(xlabel=f"next character after {PROMPT!r} (the 12 most likely)",
            ylabel="probability", title="One distribution, five decoding rules")
    ax2.legend(fontsize=8)

    # Figure 3: time per generated token with and without the cache.
    fig_kv, ax3 = new_figure(width=6.4)
    positions = np.arange(len(prompt), len(prompt) + len(cached))
    ax3.plot(positions, 1e3 * recomputed, label="recompute the prefix (O(t) per step)")
    ax3.plot(positions, 1e3 * cached, label="KV cache (one new position per step)")
    ax3.set(xlabel="length of the sequence so far", ylabel="CPU ms per generated token (measured)",
            title=f"{timing_name}: time per token")
    ax3.set_ylim(bottom=0)
    ax3.legend(fontsize=8)

    beats = "beats" if val_loss < base["bigram"] else "does not yet beat"
    summary = (
        f"{name}: held-out cross-entropy {val_loss:.3f} nats per character, perplexity "
        f"{val_ppl:.1f} (uniform {tok.vocab_size}, character counts "
        f"{math.exp(base['unigram']):.1f}, previous character "
        f"{math.exp(base['bigram']):.1f}): it {beats} the bigram baseline. Perplexity is "
        "e to the cross-entropy: the number of equally likely characters the model is "
        "choosing among. Greedy and beam search pick high-probability continuations (low "
        "surprise) that tend to repeat; sampling is more varied and more surprising. "
        f"The KV cache gives the same tokens as recomputing the prefix (logits differ by "
        f"at most {diff:.0e}, rounding) and, over a context of {TIMING['block_size']}, its "
        f"cost per token grows slowly while recomputation grows with the length: "
        f"{1e3 * cached.mean():.2f} against {1e3 * recomputed.mean():.2f} ms per token on "
        "average here.")
    if pretrained:
        summary += (f" The model was {'trained now and saved' if trained_now else 'loaded'}"
                    f" ({path}).")
    return DemoResult(figures={"loss": fig_loss, "decoding": fig_dec, "kv-cache": fig_kv},
                      table=table, summary=summary)
