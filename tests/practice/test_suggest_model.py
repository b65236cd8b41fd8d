"""The learned suggester: its features on a hand-worked answer, its training (the shipped
model is what the training script writes from the labelled data), the shipped artefact,
and bad input. The quality figures are in make bench; the floors in test_suggest.py."""

from __future__ import annotations

import importlib.util
import json
import math
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlinterview.practice import _lexical, suggest
from mlinterview.practice._features import FEATURES, SIGNS, features
from mlinterview.topics import all_topics, get_topic

ROOT = Path(__file__).resolve().parents[2]
POINTS = get_topic("classification-metrics").key_points


@pytest.fixture(scope="module")
def trainer():
    """``tools/train_suggester.py`` as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("train_suggester",
                                                  ROOT / "tools" / "train_suggester.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped() -> dict:
    return json.loads(resources.files("mlinterview.practice").joinpath(_lexical.ARTEFACT)
                      .read_text(encoding="utf-8"))


# --- features on a hand-worked answer ----------------------------------------------------

def test_features_of_a_hand_worked_answer():
    """One claim of three words; the answer says two of them, in different sentences,
    and two words of its own. Every column worked out from the IDF weights."""
    point, answer = "Dropout fights overfitting.", "Dropout helps. Overfitting is bad."
    assert _lexical.terms(point) == ["dropout", "fight", "overfit"]      # the premise
    assert _lexical.terms(answer) == ["dropout", "help", "overfit", "bad"]
    idf = _lexical.term_idf()
    w_drop, w_fight, w_over = (idf.get(t, max(idf.values()))
                               for t in ("dropout", "fight", "overfit"))
    total = w_drop + w_fight + w_over
    best_sentence = max(w_drop, w_over) / total      # one word per sentence at best
    whole = (w_drop + w_over) / total
    claim = (best_sentence + whole) / 2
    expected = {
        "coverage": claim, "best_sentence": best_sentence, "whole_answer": whole,
        "main_claim": claim, "weakest_claim": claim, "contradicted": 0.0,
        "idf_overlap": whole, "rare_terms": 2 / 3, "opposite": 0.0,
        "bigrams": 0.0,                  # neither (dropout, fight) nor (fight, overfit)
        "synonyms": 0.0, "formula": 0.0, "has_formula": 0.0,
        "point_terms": math.log(4), "answer_terms": math.log(5), "claims": 1.0,
        # Two sentences of two words: each key scores its weight, the best one wins.
        "bm25": best_sentence,
    }
    assert set(expected) == set(FEATURES)
    row = features(answer, [point])[0]
    for name, value in expected.items():
        assert row[FEATURES.index(name)] == pytest.approx(value, rel=1e-12), name
    # The rule's own score is the coverage column.
    assert row[FEATURES.index("coverage")] == pytest.approx(_lexical.coverage(answer, point))


def test_features_see_negation_swaps_and_formulas():
    point = "Tune thresholds per label on validation data, never on the test set."
    said = features("Tune thresholds per label on validation data, never on the test set.",
                    [point])[0]
    flipped = features("Tune thresholds per label on the test set, never on validation "
                       "data.", [point])[0]
    col = {name: i for i, name in enumerate(FEATURES)}
    assert said[col["idf_overlap"]] == pytest.approx(1.0)
    assert said[col["bigrams"]] == pytest.approx(1.0)
    assert said[col["opposite"]] == 0.0
    # "on the test set" said without its "never": those words do not count, and count
    # against the point.
    assert flipped[col["idf_overlap"]] < said[col["idf_overlap"]]
    assert flipped[col["opposite"]] > 0
    swapped = features("Precision is TP/(TP+FN).", POINTS)[1]
    assert swapped[col["contradicted"]] == 1.0 and swapped[col["coverage"]] == 0.0
    right = features("Precision is TP/(TP+FP) and recall is TP/(TP+FN).", POINTS)[1]
    assert right[col["has_formula"]] == 1.0 and right[col["formula"]] == 1.0


def test_an_empty_answer_has_only_the_points_own_columns():
    rows = features("", POINTS)
    own = [FEATURES.index(n) for n in ("has_formula", "point_terms", "claims")]
    others = [i for i in range(len(FEATURES)) if i not in own]
    assert rows.shape == (len(POINTS), len(FEATURES))
    assert not rows[:, others].any()
    assert (rows[:, FEATURES.index("claims")] >= 1).all()
    assert features("anything", []).shape == (0, len(FEATURES))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_text_gives_finite_features_and_valid_suggestions(text):
    rows = features(text, POINTS)
    assert rows.shape == (len(POINTS), len(FEATURES)) and np.isfinite(rows).all()
    ticked = suggest.suggest(text, POINTS)
    assert ticked == sorted(set(ticked)) and all(0 <= i < len(POINTS) for i in ticked)
    p = suggest.probabilities(text, POINTS)
    assert ((p >= 0) & (p <= 1)).all()


@pytest.mark.parametrize("text", [";", "\n-\n", "...", "—", "( )", "1.", "\n\n*\n"])
def test_answers_of_punctuation_only_tick_nothing(text):
    assert suggest.suggest(text, POINTS) == []
    assert _lexical.coverage(text, POINTS[0]) == 0.0


# --- the shipped model ------------------------------------------------------------------

def test_the_shipped_model_matches_its_features_and_signs():
    data = _shipped()
    assert data["features"] == list(FEATURES)
    model = suggest.model()
    assert model.coef.shape == (len(FEATURES),)
    assert model.threshold == data["threshold"] and 0.0 < model.threshold < 1.0
    for name, weight in zip(FEATURES, model.coef, strict=True):
        assert SIGNS[name] * weight >= 0, f"{name}: weight {weight} against its sign"
    assert data["trained_on"]["split"] == "tune"


def test_suggest_ticks_what_reaches_the_threshold():
    answer = ("Precision is TP/(TP+FP) and recall TP/(TP+FN); accuracy misleads when "
              "classes are imbalanced, use balanced accuracy or MCC.")
    p = suggest.probabilities(answer, POINTS)
    model = suggest.model()
    assert suggest.suggest(answer, POINTS) == [i for i, x in enumerate(p)
                                               if x >= model.threshold]
    # By hand: the model is sigma(features @ coef + intercept).
    logits = features(answer, POINTS) @ model.coef + model.intercept
    np.testing.assert_allclose(p, 1 / (1 + np.exp(-logits)), rtol=1e-12)
    assert suggest.suggest(answer, POINTS, threshold=0.0) == list(range(len(POINTS)))
    assert suggest.suggest(answer, POINTS, threshold=1.0) == [
        i for i, x in enumerate(p) if x >= 1.0]
    # A higher threshold ticks a subset.
    assert set(suggest.suggest(answer, POINTS, threshold=0.9)) <= set(
        suggest.suggest(answer, POINTS, threshold=0.5))
    assert suggest.suggest("", POINTS, threshold=0.0) == []


def test_a_model_file_for_other_features_is_refused():
    data = _shipped()
    other = dict(data, features=[*data["features"][:-1], "something else"])
    with pytest.raises(ValueError, match="trained on the features"):
        suggest.Model.from_json(json.dumps(other))
    with pytest.raises(ValueError, match="threshold must be in"):
        suggest.Model.from_json(json.dumps(dict(data, threshold=1.5)))
    assert suggest.Model.from_json(json.dumps(data)).threshold == data["threshold"]


def test_the_shipped_idf_table_is_used_only_when_it_fits(monkeypatch):
    points = [p for t in all_topics().values() for p in t.key_points]
    shipped = _shipped()["idf"]
    assert shipped["key"] == _lexical.idf_key(points)
    assert shipped["table"] == _lexical.compute_idf(points)
    _lexical.term_idf.cache_clear()
    try:
        # A changed card or tokenizer changes the key: the table is computed afresh.
        monkeypatch.setattr(_lexical, "idf_key", lambda points: "another fingerprint")
        monkeypatch.setattr(_lexical, "compute_idf", lambda points: {"marker": 1.0})
        assert _lexical.term_idf() == {"marker": 1.0}
    finally:
        _lexical.term_idf.cache_clear()
        monkeypatch.undo()
    assert _lexical.term_idf() == shipped["table"]


# --- training ----------------------------------------------------------------------------

def test_training_reproduces_the_shipped_model(trainer):
    """Re-running tools/train_suggester.py on the labelled data gives the shipped file
    (weights and threshold to 1e-6, everything else exactly): the model cannot drift from
    its data, features or cards without this failing."""
    trained = trainer.train()
    assert trainer.differences(_shipped(), trained) == []


def test_choose_threshold_by_hand(trainer):
    score = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    y = np.array([1, 1, 0, 1, 0])
    # Precision from the top: 1, 1, 2/3, 3/4, 3/5.
    assert trainer.choose_threshold(y, score, 0.6, min_support=1) == pytest.approx(0.4995)
    assert trainer.choose_threshold(y, score, 0.7, min_support=1) == pytest.approx(0.75)
    # Fewer than min_support ticks do not count as a failure.
    assert trainer.choose_threshold(y, score, 0.7, min_support=4) == pytest.approx(0.55)
    # Equal scores are ticked together.
    tied = np.array([0.9, 0.8, 0.8, 0.5])
    assert trainer.choose_threshold(np.array([1, 1, 0, 0]), tied, 0.9,
                                    min_support=1) == pytest.approx(0.85)
    with pytest.raises(ValueError, match="no threshold"):
        trainer.choose_threshold(np.array([0, 1]), np.array([0.9, 0.1]), 0.9,
                                 min_support=1)


def test_fit_keeps_every_weight_on_its_side(trainer):
    """Labels driven against a feature's sign: the fit drops that feature (weight 0)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, len(FEATURES)))
    against, along = FEATURES.index("coverage"), FEATURES.index("bm25")
    logit = -2.0 * X[:, against] + 2.0 * X[:, along]
    y = (rng.random(400) < 1 / (1 + np.exp(-logit))).astype(int)
    coef, _ = trainer.fit(X, y, C=1.0)
    assert coef[against] == 0.0
    assert coef[along] > 1.0
    signs = np.array([SIGNS[name] for name in FEATURES])
    assert (signs * coef >= 0).all()


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: features(None, POINTS),
    lambda: features(b"text", POINTS),
    lambda: suggest.probabilities(3, POINTS),
])
def test_a_bad_answer_raises_type_error_naming_it(call):
    with pytest.raises(TypeError, match=r"^answer: expected text"):
        call()


@pytest.mark.parametrize("call", [
    lambda: features("text", "a single point"),
    lambda: features("text", None),
    lambda: features("text", ["a point", 7]),
    lambda: suggest.probabilities("text", {"a point"}),
])
def test_bad_points_raise_type_error_naming_them(call):
    with pytest.raises(TypeError, match=r"^points: expected"):
        call()


@pytest.mark.parametrize("threshold, error", [
    (-0.1, ValueError), (1.01, ValueError), (float("nan"), ValueError),
    ("0.5", TypeError), (True, TypeError), ([0.5], TypeError),
])
def test_a_bad_threshold_is_refused(threshold, error):
    with pytest.raises(error, match=r"^threshold: expected a number in \[0, 1\]"):
        suggest.suggest("Precision is TP/(TP+FP).", POINTS, threshold=threshold)
