"""Byte-level BPE: ours (pure Python) vs Hugging Face tokenizers (Rust), one thread.

The corpora: the project's cards (``content/*/*.md``, about 0.9 MB of English Markdown
with formulas and code, 13,000 distinct words); the same cards four times over (the same
distinct words, four times the text to pre-tokenise and count); and a made-up Zipf text
with 55,000 distinct words (:func:`zipf_texts`), where the merges, not the
pre-tokenisation, are most of the work. Both sides start from the raw texts and use the
same GPT-2 pre-tokenizer and learn the same merges (tie_break="tokenizers", checked in
tests/parity/test_tokenization.py).

Two tables:

1. Against tokenizers: training to 2,000 and 8,000 tokens (pre-tokenising, counting the
   words, then the merges), encoding the cards with a cold cache (each distinct word
   BPE'd once; tokenizers' word cache cleared too) and with a warm one (every word
   cached), and decoding. tokenizers encodes with ``encode_batch_fast`` (ids without
   offsets, its quickest path) and runs with TOKENIZERS_PARALLELISM=false and
   RAYON_NUM_THREADS=1.
2. Our incremental trainer (pair counts updated only in the words a merge touches, a heap
   with lazy deletion) against the textbook one that recounts every pair after each
   merge, on the word counts of the cards.

Where pure Python is slower, and where it is not: the merge loop is a handful of dict,
set and list operations per touched word in the interpreter (tens of nanoseconds each in
Rust, about a microsecond in Python), so training on many distinct words (the Zipf text)
is several times slower than tokenizers. Pre-tokenising and counting, on the other hand,
run in C here (``re.findall`` and ``Counter``), while tokenizers' pre-tokenizer keeps
offsets and alignments for every piece; on the cards, where there are few distinct
words, that part dominates and the two are close. Encoding is a cache lookup per word
once the cache is warm. The naive trainer's ratio grows with the number of merges.

Run: ``python benchmarks/run.py tokenization`` (calls :func:`main`; best of 3 runs).
"""

from __future__ import annotations

import os

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")   # before tokenizers is imported
os.environ.setdefault("RAYON_NUM_THREADS", "1")

import numpy as np
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from _harness import print_table, time_cases
from mlinterview.ml.text.bpe import ByteLevelBPE, count_words, train_bpe, train_bpe_naive
from mlinterview.topics import CONTENT_DIR

TITLE = "Byte-level BPE: ours (pure Python) vs tokenizers (Rust), one thread"
REFERENCE = "tokenizers"


def card_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CONTENT_DIR.glob("*/*.md"))]


def hf_train(texts, vocab_size):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    return tok


def ours_train(texts, vocab_size):
    return ByteLevelBPE(vocab_size, tie_break="tokenizers").train(texts)


def zipf_texts(n_words: int = 400_000, seed: int = 0) -> list[str]:
    """Made-up text with a large vocabulary: words of 1-4 random syllables drawn with
    Zipf frequencies (rank^-1), about 55,000 distinct words in 3.3 MB, in lines of 1,000
    words. Real corpora grow their vocabulary the same way; the cards have only 13,000."""
    rng = np.random.default_rng(seed)
    syllables = [c + v + e for c, v, e in zip(
        rng.choice(list("bcdfghjklmnprstvwz"), 300), rng.choice(list("aeiou"), 300),
        rng.choice(["", "", "n", "r", "s", "t"], 300), strict=True)]
    lengths = rng.integers(1, 5, size=150_000)
    parts = np.split(rng.integers(0, 300, size=int(lengths.sum())), np.cumsum(lengths)[:-1])
    vocab = sorted({"".join(syllables[j] for j in part) for part in parts})
    p = 1.0 / np.arange(1, len(vocab) + 1)
    drawn = rng.choice(len(vocab), size=n_words, p=p / p.sum())
    return [" ".join(vocab[i] for i in drawn[k:k + 1000]) for k in range(0, n_words, 1000)]


def reference_cases():
    texts = card_texts()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    for corpus, label, vocab in ((texts, f"cards, {mb:.1f} MB", 2000),
                                 (texts, f"cards, {mb:.1f} MB", 8000),
                                 (texts * 4, f"cards x 4, {4 * mb:.1f} MB", 8000)):
        yield (f"train to {vocab} tokens", label,
               lambda c=corpus, v=vocab: ours_train(c, v),
               lambda c=corpus, v=vocab: hf_train(c, v))
    zipf = zipf_texts()
    label = f"Zipf text, {sum(len(t) for t in zipf) / 1e6:.1f} MB"
    yield ("train to 30000 tokens", label, lambda: ours_train(zipf, 30000),
           lambda: hf_train(zipf, 30000))

    ours, theirs = ours_train(texts, 8000), hf_train(texts, 8000)

    def ours_cold():
        ours._cache.clear()
        return ours.encode_batch(texts)

    def theirs_cold():
        theirs.model._clear_cache()
        return theirs.encode_batch_fast(texts)

    yield ("encode the cards, cold cache", f"{mb:.1f} MB", ours_cold, theirs_cold)
    ours.encode_batch(texts)
    yield ("encode the cards, warm cache", f"{mb:.1f} MB",
           lambda: ours.encode_batch(texts), lambda: theirs.encode_batch_fast(texts))
    ids = ours.encode("\n".join(texts))
    their_ids = theirs.encode("\n".join(texts)).ids
    yield (f"decode {len(ids):,} ids", f"{mb:.1f} MB",
           lambda: ours.decode(ids), lambda: theirs.decode(their_ids))


def naive_cases():
    words = count_words(card_texts())
    for merges in (50, 200):
        yield (f"{merges} merges on the cards' word counts", f"{len(words):,} words",
               lambda m=merges: train_bpe(words, 256 + m),
               lambda m=merges: train_bpe_naive(words, 256 + m))


def main(repeats: int = 3) -> None:
    print_table(TITLE, REFERENCE, time_cases(reference_cases(), repeats))
    print_table("BPE training: incremental pair counts vs recounting after each merge (ours)",
                "recount", time_cases(naive_cases(), repeats))


if __name__ == "__main__":
    main()
