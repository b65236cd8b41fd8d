"""The language-model demo: its baselines by hand, what it reports at its defaults, and the
checkpoint kept in the data folder (trained once, then loaded; a damaged file is trained
again)."""

import io
import math

import numpy as np
import pytest

from mlinterview.demos.transformers import language_model as lm
from mlinterview.topics import all_topics

from .._defaults import at_defaults


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("language-model")


def test_corpus_is_the_cards_speakable_sections():
    text = lm.card_corpus()
    entropy = all_topics()["entropy"].sections["In 30 seconds"].strip()
    assert entropy in text
    corpus = lm.load_corpus()
    assert len(corpus.train) > 9 * len(corpus.val) - 10
    assert corpus.tokenizer.decode(np.concatenate([corpus.train, corpus.val])) == text


def test_baselines_by_hand():
    train, val = np.array([0, 1, 0, 1]), np.array([0, 1])
    base = lm.ngram_baselines(train, val, 2)
    assert math.isclose(base["uniform"], math.log(2))
    # Unigram: counts (2, 2) + 1 each -> (1/2, 1/2).
    assert math.isclose(base["unigram"], math.log(2))
    # Bigram: 1 + counts; from 0: 0->1 seen twice -> (1/4, 3/4); val predicts 1 after 0.
    assert math.isclose(base["bigram"], -math.log(3 / 4))


def test_defaults_beat_the_counting_baselines(default_run):
    rows = {r[0]: r for r in default_run.table.rows}
    gpt = next(r for name, r in rows.items() if name.startswith("GPT"))
    bigram = rows["baseline: bigram (previous character)"]
    unigram = rows["baseline: unigram (character counts)"]
    assert gpt[1] < bigram[1] < unigram[1] < rows["baseline: uniform guess"][1]
    assert math.isclose(gpt[2], math.exp(gpt[1]), rel_tol=1e-2)   # perplexity = e^loss
    assert rows["baseline: uniform guess"][2] == lm.load_corpus().tokenizer.vocab_size


def test_defaults_decode_and_the_cache_agrees(default_run):
    rows = {r[0]: r for r in default_run.table.rows}
    greedy, beam = rows["greedy"], rows["beam search, 4 beams"]
    sampled = next(r for name, r in rows.items() if name.startswith("sample"))
    # The model finds its own greedy and beam continuations less surprising than samples.
    assert greedy[1] < sampled[1] and beam[1] < sampled[1]
    assert greedy[3].startswith(repr(lm.PROMPT)[:-1])
    assert "the same as recomputing: True" in rows["KV cache on this model"][3]
    cache_rows = [r for name, r in rows.items() if name.startswith("decoding")]
    assert len(cache_rows) == 2 and all(r[4] > 0 for r in cache_rows)
    assert set(default_run.figures) == {"loss", "decoding", "kv-cache"}


def test_tied_weights_option_runs():
    result = lm.train_and_decode(steps=20, tie_weights=True)
    gpt = next(r for r in result.table.rows if r[0].startswith("GPT"))
    untied = next(r for r in lm.train_and_decode(steps=20).table.rows
                  if r[0].startswith("GPT"))
    # Tying removes the output matrix: vocab × width parameters fewer.
    def count(row):
        return int(row[3].split("; ")[1].split()[0].replace(",", ""))

    assert count(untied) - count(gpt) == lm.load_corpus().tokenizer.vocab_size * 32


@pytest.fixture
def tiny_large(monkeypatch):
    """The 'larger' model shrunk so the checkpoint tests take a fraction of a second."""
    monkeypatch.setattr(lm, "LARGE", dict(n_layer=1, n_head=2, n_embd=8, block_size=16,
                                          tie_weights=False))
    monkeypatch.setattr(lm, "LARGE_TRAIN", dict(steps=12, batch_size=4, lr=3e-3))


def test_checkpoint_is_trained_once_then_loaded(tmp_path, tiny_large):
    corpus = lm.load_corpus()
    log = io.StringIO()
    model, losses, curve, path, trained = lm.pretrained_model(corpus, 0, tmp_path, stream=log)
    assert trained and path.exists() and path.parent == tmp_path
    assert len(losses) == 12 and curve[-1][0] == 12
    assert "step 1/12" in log.getvalue() and "step 12/12" in log.getvalue()
    assert "saved" in log.getvalue()
    again, losses2, curve2, path2, trained2 = lm.pretrained_model(corpus, 0, tmp_path,
                                                                  stream=log)
    assert not trained2 and path2 == path and losses2 == losses and curve2 == curve
    for (k, a), (_, b) in zip(model.state_dict().items(), again.state_dict().items(),
                              strict=True):
        np.testing.assert_array_equal(a, b, err_msg=k)
    # Another seed is another model, in another file.
    assert lm.checkpoint_path(corpus, 1, tmp_path) != path


def test_damaged_checkpoint_is_trained_again(tmp_path, tiny_large):
    corpus = lm.load_corpus()
    path = lm.checkpoint_path(corpus, 0, tmp_path)
    path.write_bytes(b"not a zip file")
    *_, trained = lm.pretrained_model(corpus, 0, tmp_path, stream=io.StringIO())
    assert trained
    assert lm.load_checkpoint(path) is not None


def test_pretrained_demo_uses_the_data_folder(tmp_path, tiny_large, monkeypatch, capsys):
    monkeypatch.setenv("MLINTERVIEW_HOME", str(tmp_path))
    first = lm.train_and_decode(pretrained=True)
    assert "trained now and saved" in first.summary
    assert list((tmp_path / "models").glob("language-model-*.npz"))
    assert "training the larger model" in capsys.readouterr().err
    second = lm.train_and_decode(pretrained=True)
    assert "loaded" in second.summary
    assert first.table.reproducible_rows() == second.table.reproducible_rows()


def test_the_pretrained_model_is_trained_once_whatever_the_seed(tmp_path, tiny_large,
                                                                monkeypatch):
    # The seed used to pick the larger model too: each new seed trained (a minute or two)
    # and kept another one. Now it only draws the sampled continuation.
    monkeypatch.setenv("MLINTERVIEW_HOME", str(tmp_path))
    first = lm.train_and_decode(pretrained=True, seed=0)
    other = lm.train_and_decode(pretrained=True, seed=7)
    assert "trained now and saved" in first.summary and "loaded" in other.summary
    assert len(list((tmp_path / "models").glob("language-model-*.npz"))) == 1
    model_row = [r for r in first.table.rows if r[0].startswith("GPT")]
    assert model_row == [r for r in other.table.rows if r[0].startswith("GPT")]
