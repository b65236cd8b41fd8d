"""Byte-level BPE: a corpus worked by hand, the incremental trainer against the textbook
one, round trips on any Unicode text, special tokens, and input errors.

The comparison with Hugging Face ``tokenizers`` is in tests/parity/test_tokenization.py.
"""

from __future__ import annotations

import doctest
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlinterview.ml.text import bpe, pretokenize
from mlinterview.ml.text.bpe import (
    ByteLevelBPE,
    count_words,
    merge_pair,
    train_bpe,
    train_bpe_naive,
)
from mlinterview.ml.text.pretokenize import bytes_to_unicode, unicode_to_bytes

SENNRICH = ["low"] * 5 + ["lower"] * 2 + ["newest"] * 6 + ["widest"] * 3


def merged_strings(tok):
    return [(tok.token_bytes(a).decode(), tok.token_bytes(b).decode()) for a, b in tok.merges]


def test_hand_worked_corpus():
    """low x5, lower x2, newest x6, widest x3 (Sennrich et al.'s words, no end-of-word mark).

    Pairs at the start: e-s 9, s-t 9, w-e 8, l-o 7, o-w 7, n-e 6, e-w 6, w-i 3, i-d 3,
    d-e 3, e-r 2. e-s and s-t tie at 9: 'e' (101) < 's' (115), so "es" first; then es-t 9
    -> "est"; l-o and o-w tie at 7 -> "lo" ('l' < 'o'), then "low"; n-e, e-w and w-est tie
    at 6 -> "ew" (e = 101 is the smallest left id), then n-ew (110 < 260) -> "new", then
    "newest"; at 3, d-est, i-d and w-i -> "dest", "idest", "widest"; at 2, low-e and e-r ->
    "er" (101 < 259), then "lower". Twelve merges, and no pair is left.
    """
    tok = ByteLevelBPE(1000).train(SENNRICH)
    assert merged_strings(tok) == [
        ("e", "s"), ("es", "t"), ("l", "o"), ("lo", "w"), ("e", "w"), ("n", "ew"),
        ("new", "est"), ("d", "est"), ("i", "dest"), ("w", "idest"), ("e", "r"), ("low", "er")]
    assert tok.get_vocab_size() == len(tok) == 256 + 12
    assert tok.training_.counts == [9, 9, 7, 7, 6, 6, 6, 3, 3, 3, 2, 2]
    assert tok.training_.saved == tok.training_.counts     # no run of one token
    assert tok.tokenize("lowest") == ["low", "est"]
    assert tok.tokenize("newer") == ["new", "er"]
    assert tok.encode("widest") == [256 + 9]


def test_vocab_size_stops_training():
    tok = ByteLevelBPE(256 + 3).train(SENNRICH)
    assert merged_strings(tok) == [("e", "s"), ("es", "t"), ("l", "o")]


def test_min_frequency_stops_at_a_rarer_pair():
    """With min_frequency=4 the merges stop before the first pair seen 3 times."""
    tok = ByteLevelBPE(1000, min_frequency=4).train(SENNRICH)
    assert [a + b for a, b in merged_strings(tok)] == ["es", "est", "lo", "low", "ew", "new",
                                                        "newest"]


def test_merge_pair_is_left_to_right_and_does_not_overlap():
    assert merge_pair([1, 1, 1], 1, 1, 9) == [9, 1]
    assert merge_pair([1, 1, 1, 1], 1, 1, 9) == [9, 9]
    assert merge_pair([1, 2, 1, 2, 3], 1, 2, 9) == [9, 9, 3]
    assert merge_pair([2, 1], 1, 2, 9) == [2, 1]
    assert merge_pair([], 1, 2, 9) == []


def test_runs_of_one_byte():
    """'aaaa' x1 and 'aaa' x1: a-a counts 3 + 2 = 5; after "aa" the words are [aa, aa] and
    [aa, a], so aa-aa and aa-a tie at 1 and the smaller ids (aa, a) win. Encoding replays
    the merges in order, which is not the longest match: "aaaaa" -> [aa, aa, a] -> the
    first merge of rank 1 is at the end -> [aa, aaa], although "aaaa" is a token."""
    tok = ByteLevelBPE(1000).train(["aaaa", "aaa"])
    assert [a + b for a, b in merged_strings(tok)] == ["aa", "aaa", "aaaa"]
    assert tok.tokenize("aaaaa") == ["aa", "aaa"]


words = st.dictionaries(st.binary(min_size=1, max_size=12), st.integers(1, 5), max_size=12)
small_words = st.dictionaries(st.text("abc d", min_size=1, max_size=10).map(str.encode),
                              st.integers(1, 6), max_size=12)


@given(st.one_of(words, small_words), st.integers(256, 320), st.integers(0, 3),
       st.sampled_from(sorted(bpe.TIE_BREAKS)))
def test_incremental_trainer_equals_the_naive_one(counts, max_tokens, min_frequency, tie):
    """The heap and the per-pair word sets give the same merges as recounting everything
    after each merge, ties included."""
    fast = train_bpe(counts, max_tokens, min_frequency=min_frequency, tie_break=tie)
    slow = train_bpe_naive(counts, max_tokens, min_frequency=min_frequency, tie_break=tie)
    assert fast == slow


@given(small_words, st.integers(256, 300))
def test_each_merge_is_the_most_frequent_pair(counts, max_tokens):
    """Replay the merges: at each step the merged pair has the highest count, and among
    the pairs with that count the smallest ids (the default tie rule)."""
    merges, merged, _, got_counts, _ = train_bpe(counts, max_tokens)
    seqs = {w: list(w) for w in counts}
    for (a, b), new in zip(merges, merged, strict=True):
        pairs: Counter[tuple[int, int]] = Counter()
        for w, s in seqs.items():
            for p in pairwise(s):
                pairs[p] += counts[w]
        best = max(pairs.values())
        assert pairs[a, b] == best == got_counts.pop(0)
        assert (a, b) == min(p for p, c in pairs.items() if c == best)
        seqs = {w: merge_pair(s, a, b, new) for w, s in seqs.items()}


@given(small_words, st.integers(256, 300))
def test_saved_tokens_give_the_encoded_length(counts, max_tokens):
    """The corpus shortens by `saved` tokens at each merge: after training, the encoded
    corpus has (bytes - sum(saved)) tokens; a merge saves at most its pair count, less only
    for runs of one token ("aaa" has two (a, a) pairs and merges once)."""
    run = train_bpe(counts, max_tokens)
    tok = ByteLevelBPE(max_tokens)
    tok._set_merges(run.merges, run.merged, run.vocab)   # words as given: no pre-tokenizer
    total_bytes = sum(len(w) * c for w, c in counts.items())
    encoded = sum(len(tok._bpe(w)) * c for w, c in counts.items())
    assert total_bytes - sum(run.saved) == encoded
    for (a, b), count, saved in zip(run.merges, run.counts, run.saved, strict=True):
        assert 0 < saved <= count
        assert saved == count or a == b


@pytest.fixture(scope="module")
def trained():
    corpus = ["The year 2024 was hot; 100°C, naïve café, Ünïcödé, 日本語のテキスト, 🙂🙂!"] * 5
    corpus += ["  indented\n\tcode = f(x) + 12345 # comment"] * 5
    return {pattern: ByteLevelBPE(400, pattern=pattern).train(corpus) for pattern in
            ("gpt2", "gpt4")}


@given(st.text())
def test_round_trip_on_any_unicode_text(trained, text):
    """Any str without lone surrogates (hypothesis' default alphabet: every code point but
    the surrogates, unassigned ones included) comes back unchanged."""
    for tok in trained.values():
        ids = tok.encode(text)
        assert all(0 <= i < len(tok) for i in ids)
        assert tok.decode(ids) == text


@given(st.text())
def test_tokens_concatenate_to_the_utf8_bytes(trained, text):
    tok = trained["gpt2"]
    assert b"".join(tok.token_bytes(i) for i in tok.encode(text)) == text.encode()


@given(st.text(max_size=40))
def test_untrained_tokenizer_encodes_bytes(text):
    tok = ByteLevelBPE()
    assert tok.encode(text) == list(text.encode())
    assert tok.decode(tok.encode(text)) == text


def test_add_prefix_space_gives_the_first_word_its_mid_sentence_token():
    tok = ByteLevelBPE(300, add_prefix_space=True).train(["hello hello hello"] * 4)
    assert tok.tokenize("hello") == tok.tokenize(" hello") == [" hello"]
    assert tok.decode(tok.encode("hello")) == " hello"
    assert tok.encode("") == []


def test_special_tokens_are_single_ids_and_never_merged():
    eot, pad = "<|endoftext|>", "<|pad|>"
    tok = ByteLevelBPE(400, special_tokens=[eot, pad]).train([f"hello{eot}world{eot}"] * 10)
    n = len(tok.merges)
    assert n > 0 and len(tok) == 256 + n + 2
    assert tok.token_to_id(eot) == 256 + n and tok.token_to_id(pad) == 257 + n
    # Cut out before pre-tokenisation: no merge learned "<|", "endoftext" or "|>".
    assert all(set(tok.token_bytes(i)) <= set(b"helowrd") for i in range(256, 256 + n))
    ids = tok.encode(f"hello{eot}x{pad}")
    assert ids.count(256 + n) == 1 and ids[-1] == 257 + n
    assert tok.decode(ids) == f"hello{eot}x{pad}"
    assert tok.decode(ids, skip_special_tokens=True) == "hellox"
    assert tok.id_to_token(257 + n) == pad
    assert tok.encode("<|endoftext") == list(b"<|endoftext")          # not a special token


@given(st.text(max_size=60))
def test_from_merges_encodes_as_the_trained_tokenizer(trained, text):
    tok = trained["gpt2"]
    again = ByteLevelBPE.from_merges(tok.merges)
    assert again.encode(text) == tok.encode(text)
    assert again.get_vocab() == tok.get_vocab()


def test_no_pre_tokenizer_lets_merges_cross_spaces():
    tok = ByteLevelBPE(258, pattern=None).train(["a b a b a b"])
    assert [a + b for a, b in merged_strings(tok)] == [" b", "a b"]   # (32, 98) < (97, 32)
    assert tok.tokenize("a b a") == ["a b", " ", "a"]
    assert ByteLevelBPE(258).train(["a b a b a b"]).tokenize("a b a") != tok.tokenize("a b a")


@pytest.mark.parametrize("merges", [[(1, 256)], [(1, 2, 3)], [(-1, 2)], [("a", "b")],
                                    [(1, 2), (257, 1)]])
def test_from_merges_refuses_ids_not_made_yet(merges):
    with pytest.raises(ValueError, match="merges: item"):
        ByteLevelBPE.from_merges(merges)


def test_vocabulary_strings():
    tok = ByteLevelBPE(1000).train(["hello world"] * 3)
    vocab = tok.get_vocab()
    assert len(vocab) == len(tok)
    assert vocab["Ġ"] == 32 and vocab["!"] == 33 and vocab["Ċ"] == 10
    assert tok.token_to_id("Ġworld") == tok.encode(" world")[0]
    assert tok.token_to_id("missing") is None


def test_same_input_same_tokenizer():
    corpus = ["the cat sat on the mat, the end"] * 3 + ["a b c d e f g"]
    a, b = ByteLevelBPE(300).train(corpus), ByteLevelBPE(300).train(iter(corpus))
    assert a.merges == b.merges and a.get_vocab() == b.get_vocab()


def test_a_str_is_one_text():
    one = ByteLevelBPE(300).train("ab ab ab")
    assert one.merges == ByteLevelBPE(300).train(["ab ab ab"]).merges


def test_bytes_to_unicode_is_gpt2s_table():
    table = bytes_to_unicode()
    assert len(set(table.values())) == 256
    assert table[32] == "Ġ" and table[10] == "Ċ" and table[ord("a")] == "a"
    assert table[0] == "Ā" and table[173] == "Ń"     # the 68 shifted bytes: U+0100..U+0143
    assert all(unicode_to_bytes()[c] == b for b, c in table.items())


def test_pretokenize_examples():
    assert pretokenize.pretokenize("Hello  world's 123!") == [
        "Hello", " ", " world", "'s", " 123", "!"]
    assert pretokenize.pretokenize("x\n\n  y") == ["x", "\n\n ", " y"]
    assert pretokenize.pretokenize("I'VE 1234567", pattern="gpt4") == [
        "I", "'VE", " ", "123", "456", "7"]
    assert pretokenize.pretokenize("x\x1cy") == ["x", "\x1c", "y"]   # not Unicode White_Space


@given(st.text(), st.sampled_from(sorted(pretokenize.PATTERNS)))
def test_pretokenize_covers_the_text(text, pattern):
    assert "".join(pretokenize.pretokenize(text, pattern=pattern)) == text


def test_docstring_examples_run():
    for module in (bpe, pretokenize):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("kwargs, match", [
    (dict(vocab_size=255), "vocab_size"),
    (dict(vocab_size=256, special_tokens=["<s>"]), "vocab_size"),
    (dict(vocab_size=300.0), "vocab_size"),
    (dict(tie_break="random"), "tie_break"),
    (dict(pattern="bert"), "pattern"),
    (dict(special_tokens=[""]), "special_tokens"),
    (dict(special_tokens=["<s>", "<s>"]), "special_tokens"),
])
def test_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ByteLevelBPE(**kwargs)


def test_bad_inputs():
    tok = ByteLevelBPE(300)
    with pytest.raises(TypeError, match="texts"):
        tok.train(42)
    with pytest.raises(TypeError, match="texts: item 1"):
        tok.train(["ok", b"bytes"])
    with pytest.raises(ValueError, match="surrogate"):
        tok.train(["a\ud800b"])
    with pytest.raises(TypeError, match="text"):
        tok.encode(b"bytes")
    with pytest.raises(ValueError, match="surrogate"):
        tok.encode("\udfff")
    with pytest.raises(ValueError, match="ids: item 1 is 256"):
        tok.decode([1, 256])
    with pytest.raises(TypeError, match="ids: item 0"):
        tok.decode(["a"])
    with pytest.raises(ValueError, match="token_id"):
        tok.token_bytes(-1)
    with pytest.raises(TypeError, match="word_counts"):
        train_bpe([b"ab"], 300)
    with pytest.raises(ValueError, match="word_counts"):
        train_bpe({"ab": 1}, 300)
    with pytest.raises(ValueError, match="max_tokens"):
        train_bpe({b"ab": 1}, 100)
    with pytest.raises(ValueError, match="min_frequency"):
        train_bpe({b"ab": 1}, 300, min_frequency=-1)


def test_count_words_counts_pieces():
    assert count_words(["a b a", "b"]) == Counter({b"a": 1, b" b": 1, b" a": 1, b"b": 1})
