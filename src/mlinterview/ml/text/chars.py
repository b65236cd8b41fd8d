"""A character-level tokenizer: one token per distinct character of the training text.

The simplest vocabulary a language model can have: no merges, no unknown words, and a
sequence as long as the text. Byte-pair encoding (:mod:`mlinterview.ml.text.bpe`) trades a
larger vocabulary for sequences several times shorter.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CharTokenizer"]


class CharTokenizer:
    """Maps each character seen in ``fit`` to an id (in sorted order) and back.

    >>> tok = CharTokenizer().fit("hello")
    >>> tok.vocab, tok.encode("hole").tolist()
    ('ehlo', [2, 3, 1, 0])

    Attributes:
        vocab: the characters, sorted; character ``vocab[i]`` has id ``i``.
        vocab_size: ``len(vocab)``.
    """

    def __init__(self, vocab: str | None = None):
        self.vocab = "" if vocab is None else self._check_vocab(vocab)
        self._ids = {c: i for i, c in enumerate(self.vocab)}

    @staticmethod
    def _check_vocab(vocab) -> str:
        if not isinstance(vocab, str) or not vocab:
            raise TypeError(f"vocab: expected a non-empty str of characters, got {vocab!r}")
        if len(set(vocab)) != len(vocab):
            raise ValueError("vocab: every character must appear once")
        return vocab

    def fit(self, text: str) -> CharTokenizer:
        """Build the vocabulary from the distinct characters of ``text``."""
        if not isinstance(text, str) or not text:
            raise ValueError(f"text: expected a non-empty str, got {text!r:.40}")
        self.vocab = "".join(sorted(set(text)))
        self._ids = {c: i for i, c in enumerate(self.vocab)}
        return self

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> np.ndarray:
        """The ids of the characters of ``text``, int64 array (len(text),)."""
        if not isinstance(text, str):
            raise TypeError(f"text: expected a str, got {type(text).__name__}")
        unknown = set(text) - self._ids.keys()
        if unknown:
            raise ValueError(f"text: characters not in the vocabulary: "
                             f"{''.join(sorted(unknown))[:20]!r}")
        return np.fromiter((self._ids[c] for c in text), dtype=np.int64, count=len(text))

    def decode(self, ids) -> str:
        """The text of a sequence of ids (any int array-like of shape (n,))."""
        arr = np.asarray(ids)
        if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu"):
            raise ValueError(f"ids: expected a 1-D integer array, got shape {arr.shape}, "
                             f"dtype {arr.dtype}")
        if arr.size and (arr.min() < 0 or arr.max() >= self.vocab_size):
            raise ValueError(f"ids: expected ids in [0, {self.vocab_size}), got min "
                             f"{arr.min()} and max {arr.max()}")
        return "".join(self.vocab[i] for i in arr.tolist())

    def __repr__(self) -> str:
        return f"CharTokenizer(vocab_size={self.vocab_size})"
