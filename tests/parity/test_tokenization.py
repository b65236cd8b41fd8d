"""Byte-level BPE against Hugging Face ``tokenizers`` (its Rust ``BpeTrainer``, ``BPE`` model,
``ByteLevel`` pre-tokenizer and decoder).

What must agree, exactly (tokens are discrete: there is no tolerance):

- the pre-tokenizer's pieces, on every assigned code point of the running Python's Unicode
  database (characters it does not know may be letters in the newer Unicode of
  ``tokenizers``), and on random text;
- the merges, in order, on the project's cards and on random corpora, with
  ``tie_break="tokenizers"`` (its order of equally frequent pairs) on any corpus, and with
  our default ``tie_break="byte"`` on corpora whose bytes are all printable in GPT-2's
  table, where the two orders cannot differ; the documented difference where they do;
- the tokens of an encoded text, and the text of decoded ids (invalid UTF-8 included).

The trainer is given ``initial_alphabet=ByteLevel.alphabet()`` so that its vocabulary, like
ours, holds all 256 bytes and ``vocab_size`` means the same on both sides.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")   # before tokenizers is imported
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

import mlinterview
from mlinterview.ml.text.bpe import (
    TIE_BREAKS,
    ByteLevelBPE,
    count_words,
    train_bpe,
)
from mlinterview.ml.text.pretokenize import bytes_to_unicode, pretokenize

CARDS = sorted((Path(mlinterview.__file__).parent / "content").glob("*/*.md"))
TABLE = bytes_to_unicode()
# Characters whose UTF-8 bytes are all printable in GPT-2's table (no space, no control,
# no byte 0x80..0xA0 or 0xAD): on such text the two tie orders are the same order.
PRINTABLE = "".join(c for c in map(chr, range(0x250))
                    if c.isprintable() and all(not 0 <= b <= 32 and not 127 <= b <= 160
                                               and b != 173 for b in c.encode()))
# The cl100k-style split, written with \p classes for the Rust regex engine.
GPT4_PCRE = (r"'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+"
             r"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")


def shown(piece: str) -> str:
    """A piece of text as tokenizers shows it: its UTF-8 bytes through GPT-2's table."""
    return "".join(TABLE[b] for b in piece.encode())


def hf_tokenizer(texts, vocab_size, *, add_prefix_space=False, min_frequency=0):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=add_prefix_space)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                  show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    return tok


def hf_merges(tok) -> list[tuple[str, str]]:
    merges = json.loads(tok.to_str())["model"]["merges"]
    return [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in merges]


def our_merges(tok: ByteLevelBPE) -> list[tuple[str, str]]:
    return [(tok.id_to_token(a), tok.id_to_token(b)) for a, b in tok.merges]


def assigned(cp: int) -> bool:
    return unicodedata.category(chr(cp)) not in ("Cn", "Cs")


# ----------------------------------------------------------------------------- pre-tokenizer
def in_context(code_points) -> list[str]:
    """Each code point after a letter, a digit, a symbol, a space and a line break, in
    chunks of 2,000 code points (the Rust side is quicker on short strings): a character
    put in the wrong class changes at least one of these splits."""
    cps = list(code_points)
    return ["".join(f"a{c}1{c}!{c} {c}\n{c}" for c in map(chr, cps[i:i + 2000]))
            for i in range(0, len(cps), 2000)]


def boundaries() -> list[int]:
    """Every assigned code point below U+3400, each one whose neighbour has another
    category (where a class could start or end), and every 61st: about 18,000."""
    cat = unicodedata.category
    def keep(cp):
        c = cat(chr(cp))
        return (c not in ("Cn", "Cs") and (cp < 0x3400 or cp % 61 == 0 or cat(chr(cp - 1)) != c
                or cat(chr(min(cp + 1, 0x10FFFF))) != c))
    return [cp for cp in range(1, 0x110000) if keep(cp)]


def split_both(chunks, ours, theirs, *, show=True):
    for chunk in chunks:
        got = [shown(p) if show else p for p in ours(chunk)]
        assert got == [p for p, _ in theirs.pre_tokenize_str(chunk)], chunk[:40]


def test_gpt2_split_matches_bytelevel_at_class_boundaries():
    split_both(in_context(boundaries()), pretokenize,
               pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True))


def test_gpt4_split_matches_the_same_regex_in_rust():
    split_both(in_context(boundaries()), lambda t: pretokenize(t, pattern="gpt4"),
               pre_tokenizers.Split(Regex(GPT4_PCRE), behavior="isolated"), show=False)


@pytest.mark.slow
def test_gpt2_split_matches_bytelevel_on_every_code_point():
    """All 282,000 assigned code points (about 12 s, most of it in tokenizers)."""
    split_both(in_context(cp for cp in range(0x110000) if assigned(cp)), pretokenize,
               pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True))


@given(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=60),
       st.booleans())
def test_split_matches_on_random_text(text, add_prefix_space):
    ref = pre_tokenizers.ByteLevel(add_prefix_space=add_prefix_space, use_regex=True)
    theirs = [p for p, _ in ref.pre_tokenize_str(text)]
    ours = [shown(p) for p in pretokenize(text, add_prefix_space=add_prefix_space)]
    assert ours == theirs


# ----------------------------------------------------------------------------- training
@pytest.fixture(scope="module")
def cards_pair():
    """Both tokenizers trained on the cards to 3,000 tokens (about 0.5 s each)."""
    texts = [p.read_text(encoding="utf-8") for p in CARDS]
    return texts, ByteLevelBPE(3000, tie_break="tokenizers").train(texts), hf_tokenizer(texts, 3000)


def test_merges_match_on_the_cards(cards_pair):
    _, ours, theirs = cards_pair
    assert len(ours.merges) == 3000 - 256
    assert our_merges(ours) == hf_merges(theirs)
    assert ours.get_vocab_size() == theirs.get_vocab_size()


def test_sennrich_example_matches():
    """The hand-worked corpus of tests/ml/text/test_bpe.py: tokenizers learns the same."""
    texts = ["low"] * 5 + ["lower"] * 2 + ["newest"] * 6 + ["widest"] * 3
    theirs = hf_merges(hf_tokenizer(texts, 1000))
    assert our_merges(ByteLevelBPE(1000).train(texts)) == theirs
    assert theirs[:5] == [("e", "s"), ("es", "t"), ("l", "o"), ("lo", "w"), ("e", "w")]


corpora = st.lists(st.text(st.sampled_from("ab c\n\té€1."), max_size=25), min_size=1,
                   max_size=8)


@given(corpora, st.integers(257, 300), st.integers(0, 3), st.booleans())
def test_merges_match_on_random_corpora_with_its_tie_order(texts, vocab_size, min_frequency,
                                                          add_prefix_space):
    """Small alphabets, many ties, spaces, line breaks and multi-byte characters."""
    ours = ByteLevelBPE(vocab_size, min_frequency=min_frequency, tie_break="tokenizers",
                        add_prefix_space=add_prefix_space).train(texts)
    theirs = hf_tokenizer(texts, vocab_size, min_frequency=min_frequency,
                          add_prefix_space=add_prefix_space)
    assert our_merges(ours) == hf_merges(theirs)


@given(st.lists(st.text(st.sampled_from("ab1!éȽ"), max_size=25), min_size=1, max_size=8),
       st.integers(257, 300))
def test_default_tie_rule_matches_where_the_orders_agree(texts, vocab_size):
    """Printable bytes only: byte order and tokenizers' order are the same order, so even
    with ties everywhere our default rule learns tokenizers' merges."""
    assert set("ab1!éȽ") <= set(PRINTABLE)
    ours = ByteLevelBPE(vocab_size).train(texts)
    assert our_merges(ours) == hf_merges(hf_tokenizer(texts, vocab_size))


def test_the_tie_rules_differ_where_documented():
    """(space, t) and (h, e) tie at one occurrence each: byte order takes " t" (32 < 104),
    tokenizers takes "he" ('h' before 'Ġ' = U+0120)."""
    texts = ["he", " t"]
    assert our_merges(ByteLevelBPE(257).train(texts)) == [("Ġ", "t")]
    assert hf_merges(hf_tokenizer(texts, 257)) == [("h", "e")]
    assert our_merges(ByteLevelBPE(257, tie_break="tokenizers").train(texts)) == [("h", "e")]


def test_on_the_cards_the_rules_part_at_a_tie(cards_pair):
    """The default rule follows tokenizers until two pairs tie that the orders rank apart:
    the first merge that differs is such a tie."""
    texts, _, theirs = cards_pair
    ref = hf_merges(theirs)
    ours = our_merges(ByteLevelBPE(1000).train(texts))
    k = next(i for i, (a, b) in enumerate(zip(ours, ref, strict=False)) if a != b)
    # The counts of the two pairs after the k common merges are equal.
    prefix = ByteLevelBPE(256 + k, tie_break="tokenizers").train(texts)
    pairs: Counter[tuple[str, str]] = Counter()
    for word, n in count_words(texts).items():
        ids = prefix.encode(word.decode())
        for a, b in pairwise(ids):
            pairs[prefix.id_to_token(a), prefix.id_to_token(b)] += n
    assert pairs[ours[k]] == pairs[ref[k]] == max(pairs.values())
    # ... and the two orders rank them apart.
    def key(pair, rule):
        rank = TIE_BREAKS[rule]
        ids = [prefix.token_to_id(t) for t in pair]
        return [rank[i] if i < 256 else i for i in ids]
    assert key(ours[k], "byte") < key(ref[k], "byte")
    assert key(ref[k], "tokenizers") < key(ours[k], "tokenizers")


# ----------------------------------------------------------------------------- encode, decode
@given(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=80))
def test_encode_gives_the_same_tokens(cards_pair, text):
    _, ours, theirs = cards_pair
    assert [ours.id_to_token(i) for i in ours.encode(text)] == theirs.encode(text).tokens


def test_encode_of_the_cards_gives_the_same_tokens(cards_pair):
    texts, ours, theirs = cards_pair
    for text in texts[:10]:
        assert [ours.id_to_token(i) for i in ours.encode(text)] == theirs.encode(text).tokens


@given(st.lists(st.integers(0, 2999), max_size=40))
def test_decode_matches_on_any_ids(cards_pair, ids):
    """Random ids cut UTF-8 characters anywhere: both replace the invalid bytes by U+FFFD
    the same way (maximal invalid subsequences, as Unicode recommends)."""
    _, ours, theirs = cards_pair
    their_ids = [theirs.token_to_id(ours.id_to_token(i)) for i in ids]
    assert ours.decode(ids) == theirs.decode(their_ids)


def test_train_bpe_on_word_counts_learns_the_trainers_merges(cards_pair):
    """The functional core: count_words then train_bpe, as the class does."""
    texts, _, _ = cards_pair
    merges, _, vocab, _, _ = train_bpe(count_words(texts[:3]), 300, tie_break="tokenizers")
    ours = [("".join(TABLE[x] for x in vocab[a]), "".join(TABLE[x] for x in vocab[b]))
            for a, b in merges]
    assert ours == hf_merges(hf_tokenizer(texts[:3], 300))
