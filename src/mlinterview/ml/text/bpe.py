"""Byte-level byte-pair encoding (BPE): train a vocabulary, encode text to ids and back.

Byte-level BPE (GPT-2, Radford et al. 2019; BPE for words: Sennrich et al. 2016) starts from
the 256 byte values, so every text, in any script, encodes without an unknown token.
Training repeats one step: count every adjacent pair of tokens in the corpus (inside the
pre-tokenised words, weighted by how often each word occurs), and merge the most frequent
pair into a new token. Encoding replays the merges on each word in the order they were
learned.

The tie rule. When several pairs share the highest count, the trainer takes the pair with
the smallest (left id, right id): the 256 bytes have their byte values as ids, and merged
tokens get 256, 257, ... in the order they were made, so among equally frequent pairs the
older, shorter tokens merge first, and among bytes the lower byte value first
(``tie_break="byte"``).

Hugging Face ``tokenizers`` (``BpeTrainer`` with the ``ByteLevel`` pre-tokenizer) uses the
same rule on *its* ids, which order the bytes by GPT-2's printable character
(:func:`~mlinterview.ml.text.pretokenize.bytes_to_unicode`) instead of by byte value: the
188 printable bytes (``!``..``~``, ``¡``..``¬``, ``®``..``ÿ``) come first, then the other 68
(space, newline, tab, the controls, 0x7F..0xA0, 0xAD). The two orders differ only between a
byte of the first group and one of the second: a tie between the pairs (space, ``t``) and
(``h``, ``e``) merges " t" first here and "he" first in ``tokenizers``. ``tie_break=
"tokenizers"`` takes its order; then the merges are the same as its trainer's, given the
same corpus, vocabulary size and ``initial_alphabet=ByteLevel.alphabet()`` (all 256 bytes).
A merge whose bytes already form a token (``ab + c`` after ``a + bc``) would reuse
that token's id, as ``tokenizers`` does; no corpus we tried produced one.

Training cost. Recounting every pair after every merge costs O(merges x corpus)
(:func:`train_bpe_naive`, kept as the reference). :func:`train_bpe` counts the pairs once,
keeps for each pair the set of words it occurs in, and after a merge updates the counts of
those words only; a heap with lazy deletion finds the most frequent pair (stale entries are
re-pushed with their current count when they surface, as in ``tokenizers``).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import NamedTuple

from mlinterview.ml.text.pretokenize import PATTERNS, bytes_to_unicode, pretokenize

__all__ = ["TIE_BREAKS", "BPETraining", "ByteLevelBPE", "count_words", "merge_pair",
           "train_bpe", "train_bpe_naive"]

N_BYTES = 256


def _tokenizers_byte_order() -> list[int]:
    """Rank of each byte in ``tokenizers``' order: by its GPT-2 printable character."""
    table = bytes_to_unicode()
    order = sorted(range(N_BYTES), key=lambda b: ord(table[b]))
    rank = [0] * N_BYTES
    for r, b in enumerate(order):
        rank[b] = r
    return rank


# How each tie rule ranks the 256 byte tokens (merged tokens rank by their id, above all
# bytes): the pair with the smallest (rank of left, rank of right) wins a tie.
TIE_BREAKS = {
    "byte": list(range(N_BYTES)),
    "tokenizers": _tokenizers_byte_order(),
}


def merge_pair(word: list[int], a: int, b: int, new: int) -> list[int]:
    """``word`` with every occurrence of the pair (a, b) replaced by ``new``.

    Scans left to right and never reuses a token: merging (a, a) in ``[a, a, a]`` gives
    ``[new, a]``.
    """
    out = []
    i, n = 0, len(word)
    while i < n:
        if i + 1 < n and word[i] == a and word[i + 1] == b:
            out.append(new)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def count_words(texts: str | Iterable[str], *, pattern: str | None = "gpt2",
                add_prefix_space: bool = False) -> Counter[bytes]:
    """How often each pre-tokenised word occurs in ``texts``, words as UTF-8 bytes."""
    if isinstance(texts, str):
        texts = [texts]
    try:
        iterator = iter(texts)
    except TypeError:
        raise TypeError(f"texts: expected a str or an iterable of str, "
                        f"got {type(texts).__name__}") from None
    counts: Counter[str] = Counter()
    for k, text in enumerate(iterator):
        if not isinstance(text, str):
            raise TypeError(f"texts: item {k} is a {type(text).__name__}, expected str")
        counts.update(pretokenize(text, pattern=pattern, add_prefix_space=add_prefix_space))
    return Counter({_utf8(w, "texts"): c for w, c in counts.items()})


def _utf8(text: str, name: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:   # a lone surrogate: not text UTF-8 can carry
        raise ValueError(f"{name}: contains {text[err.start]!r} at {err.start}, a lone "
                         "surrogate that has no UTF-8 encoding") from None


def _check_train_args(word_counts, max_tokens, min_frequency, tie_break):
    if not isinstance(word_counts, Mapping):
        raise TypeError(f"word_counts: expected a mapping bytes -> count, "
                        f"got {type(word_counts).__name__}")
    for w, c in word_counts.items():
        if not isinstance(w, bytes) or isinstance(c, bool) or not isinstance(c, int) or c < 0:
            raise ValueError(f"word_counts: expected bytes -> count >= 0, got {w!r}: {c!r}")
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < N_BYTES:
        raise ValueError(f"max_tokens: expected an int >= {N_BYTES}, got {max_tokens!r}")
    if isinstance(min_frequency, bool) or not isinstance(min_frequency, int) or min_frequency < 0:
        raise ValueError(f"min_frequency: expected an int >= 0, got {min_frequency!r}")
    if tie_break not in TIE_BREAKS:
        raise ValueError(f"tie_break: expected one of {sorted(TIE_BREAKS)}, got {tie_break!r}")


class _Tokens:
    """The growing vocabulary of a trainer: id -> bytes, bytes -> id, tie ranks."""

    def __init__(self, tie_break: str):
        self.bytes = [bytes([b]) for b in range(N_BYTES)]
        self.ids = {t: i for i, t in enumerate(self.bytes)}
        self.rank = list(TIE_BREAKS[tie_break])

    def add(self, a: int, b: int) -> int:
        """The id of the token a + b: a new one, or the existing one with those bytes."""
        joined = self.bytes[a] + self.bytes[b]
        new = self.ids.get(joined)
        if new is None:
            new = len(self.bytes)
            self.bytes.append(joined)
            self.ids[joined] = new
            self.rank.append(new)       # merged tokens rank by id, after every byte
        return new


class BPETraining(NamedTuple):
    """What :func:`train_bpe` learned, merge by merge.

    merges : list of (int, int)
        The merged pairs of ids, in the order learned (the rank used by encoding).
    merged : list of int
        The id each merge produces (a new id, or an existing token's with the same bytes).
    vocab : list of bytes
        The bytes of each token id: the 256 bytes, then the merged tokens.
    counts : list of int
        How often each merged pair occurred when it was chosen (overlapping runs such as
        "aaa" count (a, a) twice, as every trainer counts pairs).
    saved : list of int
        By how many tokens the merge shortened the corpus (at most its count: "aaa" merges
        once). ``total bytes - cumsum(saved)`` is the corpus length in tokens after each
        merge, so one training run gives the whole compression curve.
    """

    merges: list[tuple[int, int]]
    merged: list[int]
    vocab: list[bytes]
    counts: list[int]
    saved: list[int]


def train_bpe(word_counts: Mapping[bytes, int], max_tokens: int, *, min_frequency: int = 0,
              tie_break: str = "byte") -> BPETraining:
    """Learn BPE merges from word counts until the vocabulary has ``max_tokens`` tokens.

    Parameters
    ----------
    word_counts : mapping bytes -> int
        Each pre-tokenised word (UTF-8 bytes) and how often it occurs (:func:`count_words`).
    max_tokens : int >= 256
        Size of the vocabulary to reach: the 256 bytes plus the merged tokens.
    min_frequency : int
        Stop when the most frequent pair occurs fewer times than this (and always at 0).
    tie_break : {"byte", "tokenizers"}
        Which pair wins among equally frequent ones (see the module docstring).

    Returns
    -------
    BPETraining
        merges, merged ids, vocabulary bytes (``max_tokens`` long unless training ran out
        of pairs), and each merge's pair count and tokens saved.
    """
    _check_train_args(word_counts, max_tokens, min_frequency, tie_break)
    tokens = _Tokens(tie_break)
    words = [list(w) for w, c in word_counts.items() if c > 0 and len(w) > 1]
    freq = [c for w, c in word_counts.items() if c > 0 and len(w) > 1]

    # Pair counts and, for each pair, the words it occurs in (a superset: a word whose
    # occurrences of the pair were merged away stays listed, and merging it is a no-op).
    counts: dict[tuple[int, int], int] = {}
    where: dict[tuple[int, int], set[int]] = {}
    for i, w in enumerate(words):
        f = freq[i]
        for pair in pairwise(w):
            counts[pair] = counts.get(pair, 0) + f
            where.setdefault(pair, set()).add(i)
    rank = tokens.rank
    # Max-heap by count, then smallest (rank of left, rank of right), through negation.
    heap = [(-c, rank[a], rank[b], a, b) for (a, b), c in counts.items()]
    heapq.heapify(heap)

    out = BPETraining([], [], tokens.bytes, [], [])
    while len(tokens.bytes) < max_tokens and heap:
        neg, ra, rb, a, b = heapq.heappop(heap)
        current = counts.get((a, b), 0)
        if current != -neg:                  # stale entry: its count fell since the push
            if current > 0:
                heapq.heappush(heap, (-current, ra, rb, a, b))
            continue
        if current < max(1, min_frequency):
            break
        new = tokens.add(a, b)
        saved = 0
        created = set()
        for i in where.pop((a, b)):
            w = words[i]
            if a not in w:                   # listed, but merged away by an earlier merge
                continue
            f = freq[i]
            out_w: list[int] = []
            j, n = 0, len(w)
            # Merge left to right and count only the pairs around each merged place, as
            # tokenizers does: (left, a) and (b, right) go, (left, new) and (new, right)
            # come. When two merges are adjacent ("abab"), the second takes back the
            # (new, a) that the first added, so the sums come out right.
            while j < n:
                if w[j] == a and j + 1 < n and w[j + 1] == b:
                    if out_w:
                        left = out_w[-1]
                        counts[left, a] -= f
                        pair = (left, new)
                        counts[pair] = counts.get(pair, 0) + f
                        created.add(pair)
                        where.setdefault(pair, set()).add(i)
                    if j + 2 < n:
                        right = w[j + 2]
                        counts[b, right] -= f
                        pair = (new, right)
                        counts[pair] = counts.get(pair, 0) + f
                        created.add(pair)
                        where.setdefault(pair, set()).add(i)
                    out_w.append(new)
                    j += 2
                else:
                    out_w.append(w[j])
                    j += 1
            saved += (n - len(out_w)) * f
            words[i] = out_w
        del counts[(a, b)]
        for pair in sorted(created):         # sorted: the same heap whatever the set order
            c = counts[pair]
            if c > 0:
                heapq.heappush(heap, (-c, rank[pair[0]], rank[pair[1]], *pair))
        _record(out, (a, b), new, current, saved)
    return out


def _record(out: BPETraining, pair, new, count, saved) -> None:
    out.merges.append(pair)
    out.merged.append(new)
    out.counts.append(count)
    out.saved.append(saved)


def train_bpe_naive(word_counts: Mapping[bytes, int], max_tokens: int, *,
                    min_frequency: int = 0, tie_break: str = "byte") -> BPETraining:
    """The textbook trainer, same arguments and results as :func:`train_bpe`: after each
    merge, recount every pair of every word. O(merges x corpus): the reference that the
    incremental trainer is tested and timed against."""
    _check_train_args(word_counts, max_tokens, min_frequency, tie_break)
    tokens = _Tokens(tie_break)
    items = [(list(w), c) for w, c in word_counts.items() if c > 0]
    out = BPETraining([], [], tokens.bytes, [], [])
    while len(tokens.bytes) < max_tokens:
        counts: Counter[tuple[int, int]] = Counter()
        for w, c in items:
            for pair in pairwise(w):
                counts[pair] += c
        if not counts:
            break
        rank = tokens.rank
        a, b = min(counts, key=lambda p: (-counts[p], rank[p[0]], rank[p[1]]))
        if counts[a, b] < max(1, min_frequency):
            break
        new = tokens.add(a, b)
        before = sum(len(w) * c for w, c in items)
        items = [(merge_pair(w, a, b, new), c) for w, c in items]
        _record(out, (a, b), new, counts[a, b], before - sum(len(w) * c for w, c in items))
    return out


class ByteLevelBPE:
    """A byte-level BPE tokenizer: ``train`` on texts, then ``encode`` and ``decode``.

    Parameters
    ----------
    vocab_size : int
        Tokens to reach in training: 256 bytes + merges + special tokens.
    min_frequency : int, default 0
        A pair seen fewer times than this is never merged (training stops there).
    special_tokens : sequence of str
        Strings that always encode to one id of their own (e.g. ``"<|endoftext|>"``),
        given the ids after the merged tokens; they are cut out of the text before it is
        pre-tokenised.
    pattern : {"gpt2", "gpt4"} or None
        The pre-tokenizer's split (:mod:`mlinterview.ml.text.pretokenize`); None: no split,
        the whole text (between special tokens) is one word.
    add_prefix_space : bool, default False
        Put a space before a text that does not start with one (then ``decode`` returns it).
    tie_break : {"byte", "tokenizers"}
        How equally frequent pairs are ordered (module docstring).

    Ids 0..255 are the bytes, 256.. the merged tokens in the order learned, then the special
    tokens. Untrained, the tokenizer encodes every text as its UTF-8 bytes.

    >>> corpus = ["low"] * 5 + ["lower"] * 2 + ["newest"] * 6 + ["widest"] * 3
    >>> tok = ByteLevelBPE(vocab_size=1000).train(corpus)
    >>> [tok.id_to_token(i) for i in range(256, 261)]     # the first five merges
    ['es', 'est', 'lo', 'low', 'ew']
    >>> tok.tokenize("lowest")
    ['low', 'est']
    >>> tok.decode(tok.encode("lowest ünïcödé")) == "lowest ünïcödé"
    True
    """

    def __init__(self, vocab_size: int = 1000, *, min_frequency: int = 0,
                 special_tokens: Iterable[str] = (), pattern: str | None = "gpt2",
                 add_prefix_space: bool = False, tie_break: str = "byte"):
        self.vocab_size = vocab_size
        self.min_frequency = min_frequency
        self.special_tokens = tuple(special_tokens)
        self.pattern = pattern
        self.add_prefix_space = add_prefix_space
        self.tie_break = tie_break
        self._check_params()
        self._set_merges([], [], [bytes([b]) for b in range(N_BYTES)])

    def _check_params(self) -> None:
        for k, s in enumerate(self.special_tokens):
            if not isinstance(s, str) or not s:
                raise ValueError(f"special_tokens: item {k} must be a non-empty str, got {s!r}")
        if len(set(self.special_tokens)) != len(self.special_tokens):
            raise ValueError("special_tokens: each must appear once")
        low = N_BYTES + len(self.special_tokens)
        if isinstance(self.vocab_size, bool) or not isinstance(self.vocab_size, int) \
                or self.vocab_size < low:
            raise ValueError(f"vocab_size: expected an int >= {low} (256 bytes + "
                             f"{len(self.special_tokens)} special tokens), "
                             f"got {self.vocab_size!r}")
        if self.pattern is not None and self.pattern not in PATTERNS:
            raise ValueError(f"pattern: expected one of {sorted(PATTERNS)}, got {self.pattern!r}")
        if self.tie_break not in TIE_BREAKS:
            raise ValueError(f"tie_break: expected one of {sorted(TIE_BREAKS)}, "
                             f"got {self.tie_break!r}")

    # ------------------------------------------------------------------ training
    def train(self, texts: str | Iterable[str]) -> ByteLevelBPE:
        """Learn the merges from ``texts`` (a str or an iterable of str); returns self.

        Special tokens are cut out of the texts first, so no merge crosses or forms one.
        """
        if isinstance(texts, str):
            texts = [texts]
        words = count_words(self._without_specials(texts), pattern=self.pattern,
                            add_prefix_space=self.add_prefix_space)
        max_tokens = self.vocab_size - len(self.special_tokens)
        self.training_ = train_bpe(words, max_tokens, min_frequency=self.min_frequency,
                                   tie_break=self.tie_break)
        self._set_merges(self.training_.merges, self.training_.merged, self.training_.vocab)
        return self

    @classmethod
    def from_merges(cls, merges: Iterable[tuple[int, int]], *, special_tokens: Iterable[str] = (),
                    pattern: str | None = "gpt2", add_prefix_space: bool = False) -> ByteLevelBPE:
        """A tokenizer that encodes with given merges, as saved from :attr:`merges`.

        ``merges`` are pairs of ids in rank order: merge ``r`` makes the token with the bytes
        of both (id ``256 + r`` unless those bytes are already a token), so a pair may only
        use ids made before it.

        >>> ByteLevelBPE.from_merges([(104, 105), (256, 33)], pattern=None).encode("hi! hi")
        [257, 32, 256]
        """
        tokens = _Tokens("byte")
        run = BPETraining([], [], tokens.bytes, [], [])
        for r, pair in enumerate(merges):
            ok = (isinstance(pair, (tuple, list)) and len(pair) == 2
                  and all(isinstance(i, int) and not isinstance(i, bool)
                          and 0 <= i < len(tokens.bytes) for i in pair))
            if not ok:
                raise ValueError(f"merges: item {r} must be a pair of ids below "
                                 f"{len(tokens.bytes)} (the tokens made so far), got {pair!r}")
            a, b = pair
            _record(run, (a, b), tokens.add(a, b), 0, 0)
        special_tokens = tuple(special_tokens)
        tok = cls(len(tokens.bytes) + len(special_tokens), special_tokens=special_tokens,
                  pattern=pattern, add_prefix_space=add_prefix_space)
        tok._set_merges(run.merges, run.merged, run.vocab)
        return tok

    def _without_specials(self, texts):
        try:
            iterator = iter(texts)
        except TypeError:
            raise TypeError(f"texts: expected a str or an iterable of str, "
                            f"got {type(texts).__name__}") from None
        for k, text in enumerate(iterator):
            if not isinstance(text, str):
                raise TypeError(f"texts: item {k} is a {type(text).__name__}, expected str")
            if self._special_re is None:
                yield text
            else:
                yield from (p for p in self._special_re.split(text) if p not in self._special_ids)

    def _set_merges(self, merges, merged, vocab) -> None:
        self.merges: list[tuple[int, int]] = list(merges)
        self._merged = list(merged)
        self._ranks = {pair: r for r, pair in enumerate(self.merges)}
        self._bytes: list[bytes] = list(vocab)
        self._special_ids = {s: len(vocab) + k for k, s in enumerate(self.special_tokens)}
        self._bytes += [s.encode("utf-8") for s in self.special_tokens]
        # Longest first, so "<|end|>" is not cut by a shorter special token inside it.
        self._special_re = (re.compile("(" + "|".join(
            re.escape(s) for s in sorted(self.special_tokens, key=len, reverse=True)) + ")")
            if self.special_tokens else None)
        self._cache: dict[str, tuple[int, ...]] = {}

    # ------------------------------------------------------------------ vocabulary
    def get_vocab_size(self) -> int:
        """Number of token ids: bytes + merged tokens + special tokens."""
        return len(self._bytes)

    def __len__(self) -> int:
        return len(self._bytes)

    def token_bytes(self, token_id: int) -> bytes:
        """The bytes that token ``token_id`` stands for."""
        return self._bytes[self._check_id(token_id)]

    def id_to_token(self, token_id: int) -> str:
        """Token ``token_id`` as GPT-2 shows it (a space as ``Ġ``); a special token as is."""
        self._check_id(token_id)
        if token_id >= len(self._bytes) - len(self.special_tokens):
            return self.special_tokens[token_id - (len(self._bytes) - len(self.special_tokens))]
        table = bytes_to_unicode()
        return "".join(table[b] for b in self._bytes[token_id])

    def token_to_id(self, token: str) -> int | None:
        """The id of a token written as :meth:`id_to_token` writes it, or None."""
        return self.get_vocab().get(token)

    def get_vocab(self) -> dict[str, int]:
        """Every token, as :meth:`id_to_token` writes it, with its id."""
        return {self.id_to_token(i): i for i in range(len(self._bytes))}

    def _check_id(self, token_id) -> int:
        if isinstance(token_id, bool) or not hasattr(token_id, "__index__"):
            raise TypeError(f"token_id: expected an int, got {type(token_id).__name__}")
        if not 0 <= token_id < len(self._bytes):
            raise ValueError(f"token_id: expected 0 <= id < {len(self._bytes)}, got {token_id}")
        return int(token_id)

    # ------------------------------------------------------------------ encoding
    def _bpe(self, word: bytes) -> tuple[int, ...]:
        """The ids of one pre-tokenised word: replay the merges, lowest rank first."""
        ids = list(word)
        ranks, inf = self._ranks, len(self.merges)
        while len(ids) > 1:
            best = min(pairwise(ids), key=lambda p: ranks.get(p, inf))
            r = ranks.get(best, inf)
            if r == inf:
                break
            ids = merge_pair(ids, best[0], best[1], self._merged[r])
        return tuple(ids)

    def encode(self, text: str) -> list[int]:
        """The token ids of ``text``: pre-tokenise, then BPE each word (memoised)."""
        if not isinstance(text, str):
            raise TypeError(f"text: expected a str, got {type(text).__name__}")
        chunks = [text] if self._special_re is None else self._special_re.split(text)
        ids: list[int] = []
        cache = self._cache
        for chunk in chunks:
            if chunk in self._special_ids:
                ids.append(self._special_ids[chunk])
                continue
            if not chunk:
                continue
            # As in tokenizers, the prefix space goes before each piece between specials.
            pieces = pretokenize(chunk, pattern=self.pattern,
                                 add_prefix_space=self.add_prefix_space)
            for piece in pieces:
                got = cache.get(piece)
                if got is None:
                    got = cache[piece] = self._bpe(_utf8(piece, "text"))
                ids.extend(got)
        return ids

    def encode_batch(self, texts: Iterable[str]) -> list[list[int]]:
        """:meth:`encode` of each text."""
        return [self.encode(t) for t in texts]

    def tokenize(self, text: str) -> list[str]:
        """The tokens of ``text`` as strings (bytes decoded, invalid UTF-8 shown as ``�``)."""
        return [self.token_bytes(i).decode("utf-8", errors="replace") for i in self.encode(text)]

    def decode(self, ids: Iterable[int], *, skip_special_tokens: bool = False) -> str:
        """The text of a sequence of ids; bytes that are not valid UTF-8 become U+FFFD."""
        try:
            seq = list(ids)
        except TypeError:
            raise TypeError(f"ids: expected an iterable of int, got {type(ids).__name__}") from None
        n = len(self._bytes)
        first_special = n - len(self.special_tokens)
        parts = []
        for k, i in enumerate(seq):
            if isinstance(i, bool) or not hasattr(i, "__index__"):
                raise TypeError(f"ids: item {k} is a {type(i).__name__}, expected int")
            if not 0 <= i < n:
                raise ValueError(f"ids: item {k} is {i}, expected 0 <= id < {n}")
            if skip_special_tokens and i >= first_special:
                continue
            parts.append(self._bytes[i])
        return b"".join(parts).decode("utf-8", errors="replace")

    def __repr__(self) -> str:
        return (f"ByteLevelBPE(vocab_size={self.vocab_size}, merges={len(self.merges)}, "
                f"pattern={self.pattern!r}, tie_break={self.tie_break!r})")
