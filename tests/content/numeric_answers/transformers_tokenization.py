"""The numeric quick-check answers of the tokenization card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.text`` on the situation the prompt
describes.
"""

from __future__ import annotations

from mlinterview.ml.text.bpe import ByteLevelBPE
from mlinterview.ml.text.pretokenize import bytes_to_unicode

SENNRICH = ["low"] * 5 + ["lower"] * 2 + ["newest"] * 6 + ["widest"] * 3


def _first_merge_count() -> int:
    return ByteLevelBPE(1000).train(SENNRICH).training_.counts[0]


def _replay_not_longest() -> int:
    b, c, a = ord("b"), ord("c"), ord("a")
    tok = ByteLevelBPE.from_merges([(b, c), (a, b), (257, c)], pattern=None)
    assert tok.token_bytes(258) == b"abc"          # 'abc' is in the vocabulary ...
    return len(tok.encode("abc"))                  # ... and encoding does not produce it


def _gpt2_merges() -> int:
    """Room for merges in a 50,257-token vocabulary: untrained, the tokenizer has the 256
    bytes and its special token; each merge adds one token."""
    tok = ByteLevelBPE(50257, special_tokens=["<|endoftext|>"])
    assert len(tok) == len(bytes_to_unicode()) + 1
    return tok.vocab_size - len(tok)


ANSWERS = {
    "tokenization/first-merge-count": _first_merge_count,
    "tokenization/replay-not-longest": _replay_not_longest,
    "tokenization/emoji-bytes": lambda: len(ByteLevelBPE().encode("🙂")),
    "tokenization/gpt2-merges": _gpt2_merges,
}
