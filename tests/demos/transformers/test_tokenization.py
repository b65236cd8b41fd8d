"""The tokenization demo: its helpers on hand-worked cases, and the default run shows what
its summary says (frequent words are one token, a space belongs to the next word, the
cl100k-style split never crosses the third digit)."""

import numpy as np
import pytest

from mlinterview.demos.transformers.tokenization import (
    EXAMPLES,
    compression_curve,
    digit_layout,
    shown,
    tokens_by_frequency,
)
from mlinterview.ml.text.bpe import ByteLevelBPE, train_bpe

from .._defaults import at_defaults


def test_compression_curve_hand_worked():
    """'abab' x2 and 'ab' x1: 10 bytes in 3 words. Merge (a, b) saves 2·2 + 1 = 5 tokens,
    then (ab, ab) saves 2: 10 -> 5 -> 3 tokens."""
    run = train_bpe({b"abab": 2, b"ab": 1}, 300)
    assert run.saved == [5, 2]
    sizes, per_word = compression_curve(run, 10, 3)
    assert sizes.tolist() == [256, 257, 258]
    np.testing.assert_allclose(per_word, [10 / 3, 5 / 3, 1.0])


def test_digit_layout():
    assert digit_layout(ByteLevelBPE(), "1234") == "1+1+1+1"
    tok = ByteLevelBPE(257).train(["12"] * 3)              # one merge: 1 + 2
    assert digit_layout(tok, "1234") == "2+1+1"
    assert digit_layout(tok, "3124") == "1+2+1"


def test_gpt4_split_keeps_a_boundary_after_the_third_digit():
    tok = ByteLevelBPE(400, pattern="gpt4").train(["1234 2345 12345 99999"] * 20)
    for n in (1234, 2345, 9999, 1000):
        layout = digit_layout(tok, str(n)).split("+")
        assert np.cumsum([int(k) for k in layout]).tolist().count(3) == 1


def test_tokens_by_frequency_bins_by_powers_of_two():
    tok = ByteLevelBPE()                                   # bytes: tokens = UTF-8 length
    words = {b"ab": 1, b"abcd": 1, b" x": 2, b"xyz": 3, b"12": 5, b"!!": 9}
    lows, means = tokens_by_frequency(tok, words)          # "12" and "!!" have no letter
    assert lows.tolist() == [1, 2]
    np.testing.assert_allclose(means, [3.0, 2.5])          # (2 + 4) / 2, (2 + 3) / 2


@pytest.mark.parametrize("token, text", [(b" a\n", "␣a⏎"), (b"\t", "⇥"),
                                         ("日".encode()[:2], "<e6><97>")])
def test_shown(token, text):
    assert shown(token) == text


def test_default_run():
    result = at_defaults("tokenization")
    assert set(result.figures) == {"compression", "merge-counts", "rare-words", "numbers",
                                   "digit-layouts"}
    rows = {row[0]: dict(zip(result.table.columns, row, strict=True))
            for row in result.table.rows}
    assert len(rows) == len(EXAMPLES)
    assert rows["a common word, mid-sentence"]["n tokens"] == 1
    assert rows["upper case"]["n tokens"] > 1
    assert rows["two spaces before it"]["tokens"].startswith("␣ | ")
    for row in rows.values():
        assert 1 <= row["n tokens"] <= row["n bytes"]
    assert "A space belongs to the word after it" in result.summary
