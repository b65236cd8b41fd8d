"""Demo for tokenization: byte-level BPE trained on this project's own cards, and why
numbers, spaces and rare words come out oddly.

The corpus is every card (``content/**/*.md``, front matter included) that ships with the
package. One training run gives the whole compression curve: each merge shortens the
corpus by the number of places it applies (``BPETraining.saved``), so the tokens per word
after k merges is a cumulative sum. The figures:

- ``compression``: tokens per word against vocabulary size;
- ``merge-counts``: how often each merged pair occurred when it was chosen, by rank (the
  first merges cover thousands of places, the last ones a handful: memorised strings);
- ``rare-words``: tokens per word against how often the word occurs in the corpus;
- ``numbers``: tokens for each integer 0..9999 with GPT-2's split, where a digit run is left
  to the merges, and with the cl100k-style split, which cuts it into groups of three first;
- ``digit-layouts``: where the token boundaries fall inside the 4-digit numbers.

The table tokenises a few strings that show the usual surprises.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.text.bpe import ByteLevelBPE, count_words
from mlinterview.topics import CONTENT_DIR

# Strings whose tokens tell a story; each (label, text) becomes a table row.
EXAMPLES = (
    ("a common word, mid-sentence", " model"),
    ("the same word, first in the text", "model"),
    ("capitalised", " Model"),
    ("upper case", " MODEL"),
    ("two spaces before it", "  model"),
    ("British spelling", " tokenisation"),
    ("a year", " 2024"),
    ("the next year", " 2025"),
    ("a long number", " 1234567"),
    ("a decimal", " 3.14159"),
    ("arithmetic", " 12+34=46"),
    ("indentation", "        return x"),
    ("a rare word", " Kullback-Leibler"),
    ("a made-up word", " floccinaucinihilipilification"),
    ("Japanese", " 日本語"),
    ("an emoji", " 🙂"),
)


def card_texts() -> list[str]:
    """The text of every card shipped with the package, in path order."""
    return [p.read_text(encoding="utf-8") for p in sorted(CONTENT_DIR.glob("*/*.md"))]


def shown(token: bytes) -> str:
    """A token for display: spaces as '␣', line breaks as '⏎', tabs as '⇥'; bytes that
    are not whole UTF-8 characters as <xx>."""
    try:
        text = token.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(f"<{b:02x}>" for b in token)
    return text.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥")


def compression_curve(training, total_bytes: int, n_words: int) -> tuple[np.ndarray, np.ndarray]:
    """(vocabulary sizes 256..V, corpus tokens per word at each): one point per merge."""
    tokens = total_bytes - np.concatenate([[0], np.cumsum(training.saved)])
    sizes = 256 + np.arange(tokens.size)
    return sizes, tokens / n_words


def digit_layout(tok: ByteLevelBPE, digits: str) -> str:
    """How ``tok`` cuts a string of digits: the lengths of its tokens, "3+1" for 123|4."""
    return "+".join(str(len(tok.token_bytes(i))) for i in tok.encode(digits))


def tokens_by_frequency(tok: ByteLevelBPE, words) -> tuple[np.ndarray, np.ndarray]:
    """Mean tokens per word for words seen 1, 2-3, 4-7, ... times (bins of powers of two):
    (lower bound of each bin, mean tokens). Only words with a letter count."""
    freq, n_tok = [], []
    for word, count in words.items():
        text = word.decode("utf-8")
        if any(c.isalpha() for c in text):
            freq.append(count)
            n_tok.append(len(tok.encode(text)))
    freq, n_tok = np.asarray(freq), np.asarray(n_tok, dtype=float)
    bins = np.floor(np.log2(freq)).astype(int)
    lows = np.unique(bins)
    means = np.array([n_tok[bins == b].mean() for b in lows])
    return 2.0 ** lows, means


@demo("tokenization", title="Byte-level BPE trained on the cards")
def bpe_on_cards(
    vocab_size: Param(int, lo=300, hi=8000,
                      help="Vocabulary to train: 256 bytes + merges.") = 2000,
    pattern: Param(str, choices=("gpt2", "gpt4"),
                   help="Pre-tokenizer: GPT-2's split or the cl100k-style one.") = "gpt2",
) -> DemoResult:
    """Merges learned on the cards; tokens per word; numbers, spaces and rare words."""
    texts = card_texts()
    words = count_words(texts, pattern=pattern)
    tok = ByteLevelBPE(vocab_size, pattern=pattern).train(texts)
    other = "gpt4" if pattern == "gpt2" else "gpt2"
    tok_other = ByteLevelBPE(vocab_size, pattern=other).train(texts)
    training = tok.training_

    total_bytes = sum(len(w) * c for w, c in words.items())
    n_words = sum(len(t.split()) for t in texts)          # white-space separated words
    n_tokens = total_bytes - sum(training.saved)
    sizes, per_word = compression_curve(training, total_bytes, n_words)

    fig_c, ax = new_figure()
    ax.plot(sizes, per_word)
    ax.axhline(1.0, color="k", lw=0.8, ls=":")
    ax.set(xscale="log", xlabel="vocabulary size (256 bytes + merges)",
           ylabel="tokens per word", title=f"Cards compressed by BPE ({pattern} split)")
    for v in (256, 512, 1024, vocab_size):
        if v <= sizes[-1]:
            y = per_word[v - 256]
            ax.annotate(f"{y:.2f}", (v, y), textcoords="offset points", xytext=(4, 4),
                        fontsize=8)

    fig_m, ax = new_figure()
    rank = np.arange(1, len(training.counts) + 1)
    ax.loglog(rank, training.counts)
    for r in (1, 2, 3, 10, 100, 1000):
        if r <= len(rank):
            a, b = training.merges[r - 1]
            ax.annotate(shown(tok.token_bytes(a) + tok.token_bytes(b)), (r, training.counts[r - 1]),
                        textcoords="offset points", xytext=(3, 3), fontsize=8)
    ax.set(xlabel="merge rank", ylabel="occurrences of the merged pair",
           title="Each merge covers fewer places than the last")

    lows, means = tokens_by_frequency(tok, words)
    fig_r, ax = new_figure()
    ax.plot(lows, means, "o-")
    ax.set(xscale="log", xlabel="occurrences of the word in the cards (bin lower bound)",
           ylabel="mean tokens per word", title="Frequent words are one token, rare ones many")

    # Numbers as they start a text (no space before them), so both splits see digits only.
    numbers = np.arange(10_000)
    by_pattern = {name: np.array([len(t.encode(str(n))) for n in numbers])
                  for name, t in ((pattern, tok), (other, tok_other))}
    top = max(int(v.max()) for v in by_pattern.values())
    fig_n, axes = new_figure(ncols=2, width=3.6, height=3.6)
    for ax, name in zip(axes, ("gpt2", "gpt4"), strict=True):
        image = ax.imshow(by_pattern[name].reshape(100, 100), cmap="viridis", vmin=1,
                          vmax=top, interpolation="nearest", origin="lower")
        ax.set(xlabel="n mod 100", ylabel="n // 100", title=f"{name} split", xticks=[0, 50, 99],
               yticks=[0, 20, 50, 99])
        ax.grid(False)
    fig_n.colorbar(image, ax=axes, shrink=0.8, label="tokens for the integer n",
                   ticks=range(1, top + 1))
    fig_n.suptitle("0..9999: merges decide (gpt2), groups of three digits (gpt4)")

    # Where the token boundaries fall inside 4-digit numbers: "2+2" is 12|34.
    layouts = {name: Counter(digit_layout(t, str(n)) for n in range(1000, 10_000))
               for name, t in ((pattern, tok), (other, tok_other))}
    shown_layouts = sorted(set().union(*layouts.values()),
                           key=lambda k: -(layouts["gpt2"][k] + layouts["gpt4"][k]))[:10]
    fig_d, ax = new_figure(width=6.0)
    x = np.arange(len(shown_layouts))
    for offset, name in ((-0.2, "gpt2"), (0.2, "gpt4")):
        ax.bar(x + offset, [layouts[name][k] / 9000 for k in shown_layouts], width=0.4,
               label=f"{name} split ({len(layouts[name])} layouts)")
    ax.set_xticks(x, shown_layouts, rotation=45)
    ax.set(xlabel="digits per token, left to right", ylabel="share of 1000..9999",
           title="Where the token boundaries fall in 4-digit numbers")
    ax.legend()

    table = Table(["example", "text", "tokens", "n tokens", "n bytes"])
    for label, text in EXAMPLES:
        ids = tok.encode(text)
        table.add(label, text, " | ".join(shown(tok.token_bytes(i)) for i in ids), len(ids),
                  len(text.encode("utf-8")))

    first = ", ".join(shown(tok.token_bytes(a) + tok.token_bytes(b))
                      for a, b in training.merges[:8])
    g2 = by_pattern["gpt2"]
    summary = (
        f"Trained on {len(texts)} cards ({total_bytes:,} bytes, {n_words:,} words): "
        f"{len(training.merges)} merges, the first ones {first}. At {len(tok)} tokens the "
        f"cards take {n_tokens:,} tokens, {n_tokens / n_words:.2f} per word and "
        f"{total_bytes / n_tokens:.2f} bytes per token (bytes alone: "
        f"{total_bytes / n_words:.2f} per word). A word seen once costs "
        f"{means[0]:.1f} tokens on average, a frequent one about one. With GPT-2's split "
        f"the integers 0..9999 take {g2.min()} to {g2.max()} tokens and the 4-digit ones are "
        f"cut in {len(layouts['gpt2'])} ways, as the digit strings of the cards happened to "
        f"merge; the cl100k-style split never lets a token cross the boundary after the "
        f"third digit ({len(layouts['gpt4'])} ways). A space belongs to the "
        f"word after it, so 'model' and ' model' are different tokens."
    )
    return DemoResult(figures={"compression": fig_c, "merge-counts": fig_m,
                               "rare-words": fig_r, "numbers": fig_n, "digit-layouts": fig_d},
                      table=table, summary=summary)

