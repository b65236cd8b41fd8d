"""Suggested ticks: hand-worked answers, the stemmer, and a quality floor over the
labelled set (the measured figures, per split and kind, are in make bench)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mlinterview.practice._lexical import suggest_rule
from mlinterview.practice._stem import americanize, porter, stem
from mlinterview.practice._suggest_eval import load, score
from mlinterview.practice.suggest import coverage, suggest, terms
from mlinterview.topics import all_topics, get_topic

POINTS = get_topic("classification-metrics").key_points
PRECISION_RECALL = 1    # "Precision = TP / (TP + FP) (...); recall = TP / (TP + FN) (...)."
DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


# --- hand-worked answers ----------------------------------------------------------------

def test_a_correct_definition_ticks_its_point_in_other_spacing_and_words():
    answer = ("Precision is TP/(TP+FP), how many of the alarms are right, and recall is "
              "TP/(TP+FN), how many of the actual positives we found.")
    assert PRECISION_RECALL in suggest(answer, POINTS)
    spelled = ("Precision: true positives over true positives plus false positives. "
               "Recall: true positives over true positives plus false negatives.")
    assert PRECISION_RECALL in suggest(spelled, POINTS)


def test_swapped_definitions_do_not_tick():
    swapped = "Precision is TP/(TP+FN) and recall is TP/(TP+FP)."
    assert PRECISION_RECALL not in suggest(swapped, POINTS)
    assert coverage(swapped, POINTS[PRECISION_RECALL]) == 0.0
    # Swapped claims with no formula: which method reduces what.
    point = ("Bagging is parallel and reduces variance; boosting is sequential and reduces "
             "bias.")
    assert suggest("Bagging runs in parallel and reduces variance, while boosting is "
                   "sequential and reduces bias.", [point]) == [0]
    assert suggest("Bagging runs in parallel and reduces bias, while boosting is "
                   "sequential and reduces variance.", [point]) == []
    l1_l2 = "L2 shrinks all weights; L1 sets some exactly to zero (feature selection)."
    assert suggest("Ridge (L2) shrinks all the weights, while lasso (L1) sets some of "
                   "them exactly to zero.", [l1_l2]) == [0]
    assert suggest("L2 sets some weights exactly to zero, while L1 shrinks all the "
                   "weights.", [l1_l2]) == []


def test_a_negated_claim_does_not_tick():
    point = "Tune thresholds per label on validation data, never on the test set."
    assert suggest("Tune the thresholds per label on validation data, never on the test "
                   "set.", [point]) == [0]
    assert suggest("Tune the thresholds per label on the test set, not on validation "
                   "data.", [point]) == []
    kl = "KL is non-negative, zero only for equal distributions, not symmetric."
    assert suggest("KL is never negative, it is zero only for equal distributions and "
                   "it is not symmetric.", [kl]) == [0]
    assert suggest("KL is symmetric and it can be negative.", [kl]) == []


def test_an_empty_or_unrelated_answer_ticks_nothing():
    assert suggest("", POINTS) == []
    assert suggest("   \n\t  ", POINTS) == []
    assert suggest("I would bake a cake with flour and eggs.", POINTS) == []
    assert coverage("", POINTS[0]) == 0.0


def test_british_and_american_spellings_and_word_forms_meet():
    assert terms("Regularisation normalises the behaviour of centred features") == \
        terms("regularization normalizes the behavior of centered feature")
    assert terms("overfitting") == terms("overfits")
    assert terms("modelling") == terms("modeling")


def test_synonyms_and_abbreviations_are_one_term():
    assert terms("true positives") == terms("TP")
    assert terms("ridge") == terms("L2")
    assert terms("learning rate") == terms("lr")
    assert terms("cross-validation") == terms("CV") == terms("cross validation")


def test_every_point_ticks_itself():
    """A key point restated word for word covers itself (and is the one ticked)."""
    for topic in all_topics().values():
        for i, point in enumerate(topic.key_points):
            assert i in suggest(point, topic.key_points), (topic.slug, i, point)


def test_suggestions_are_sorted_indices_in_range():
    answer = get_topic("classification-metrics").short_answer
    ticked = suggest(answer, POINTS)
    assert ticked == sorted(set(ticked))
    assert all(0 <= i < len(POINTS) for i in ticked)
    assert suggest(answer, []) == []


@pytest.mark.parametrize("answer, points, name", [
    (None, POINTS, "answer"),
    (b"precision", POINTS, "answer"),
    (42, POINTS, "answer"),
    ("precision", None, "points"),
    ("precision", "Precision = TP / (TP + FP)", "points"),
    ("precision", ["a point", 3], "points"),
])
def test_bad_types_raise_type_error_naming_the_argument(answer, points, name):
    with pytest.raises(TypeError, match=rf"^{name}: expected"):
        suggest(answer, points)


def test_coverage_checks_its_arguments_too():
    with pytest.raises(TypeError, match=r"^answer: expected"):
        coverage(None, "a point")
    with pytest.raises(TypeError, match=r"^point: expected"):
        coverage("an answer", ["a point"])


# --- the stemmer ------------------------------------------------------------------------

# Examples from Porter's paper (1980), one or two per rule.
PORTER_EXAMPLES = {
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
    "feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled",
    "motoring": "motor", "sing": "sing", "conflated": "conflat", "troubled": "troubl",
    "sized": "size", "hopping": "hop", "tanned": "tan", "falling": "fall",
    "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
    "happy": "happi", "sky": "sky", "relational": "relat", "conditional": "condit",
    "rational": "ration", "valenci": "valenc", "digitizer": "digit", "operator": "oper",
    "feudalism": "feudal", "decisiveness": "decis", "hopefulness": "hope",
    "callousness": "callous", "formaliti": "formal", "sensitiviti": "sensit",
    "sensibiliti": "sensibl", "triplicate": "triplic", "formative": "form",
    "formalize": "formal", "electriciti": "electr", "electrical": "electr",
    "hopeful": "hope", "goodness": "good", "revival": "reviv", "allowance": "allow",
    "inference": "infer", "airliner": "airlin", "gyroscopic": "gyroscop",
    "adjustable": "adjust", "defensible": "defens", "irritant": "irrit",
    "replacement": "replac", "adjustment": "adjust", "dependent": "depend",
    "adoption": "adopt", "homologou": "homolog", "communism": "commun",
    "activate": "activ", "angulariti": "angular", "homologous": "homolog",
    "effective": "effect", "bowdlerize": "bowdler", "probate": "probat", "rate": "rate",
    "cease": "ceas", "controll": "control", "roll": "roll",
    "generalizations": "gener", "oscillators": "oscil",
}


@pytest.mark.parametrize("word, expected", sorted(PORTER_EXAMPLES.items()))
def test_porter_stems_the_papers_examples(word, expected):
    assert porter(word) == expected


def test_stem_brings_adverbs_comparatives_and_possessives_to_their_word():
    assert stem("exactly") == stem("exact")
    assert stem("smaller") == stem("small")
    assert stem("tree's") == stem("tree")
    assert stem("only") == "onli"        # not an -ly adverb of "on"
    assert stem("at") == "at"            # two letters: unchanged


def test_americanize_maps_british_spellings_and_leaves_other_words():
    assert americanize("regularisation colour centre modelling analyse") == \
        "regularization color center modeling analyze"
    assert americanize("our hour four course") == "our hour four course"


# --- the labelled set and quality floors over it ----------------------------------------

@pytest.fixture(scope="module")
def labelled():
    """Every labelled answer: tune, test (the first held-out set) and heldout2."""
    return load(DATA)


def test_the_labelled_set_is_large_varied_and_matches_the_cards(labelled):
    topics = all_topics()
    assert len({a.id for a in labelled}) == len(labelled)
    assert {a.area for a in labelled} == {t.area for t in topics.values()}
    for a in labelled:
        assert a.points == topics[a.slug].key_points, (
            f"{a.id}: the card's key points changed since it was labelled; label again")
    first = [a for a in labelled if a.split != "heldout2"]
    assert sum(len(a.points) for a in first) >= 400
    assert len({a.slug for a in first}) >= 25
    assert {a.kind for a in first} >= {"good", "partial", "wrong", "terse", "verbose",
                                        "seed"}
    # The first set is split by answer (an id is in one split only) and per topic: every
    # topic with two answers or more has some in each split, and about a third is held
    # out.
    for slug in {a.slug for a in first}:
        splits = [a.split for a in first if a.slug == slug]
        assert len(splits) < 2 or set(splits) == {"tune", "test"}, slug
    held_out = sum(len(a.points) for a in first if a.split == "test")
    assert 0.25 <= held_out / sum(len(a.points) for a in first) <= 0.45
    assert held_out >= 300


def test_the_second_held_out_set_is_large_varied_and_apart(labelled):
    """heldout2: at least 70 answers and 450 judgements over 30 topics, in users' own
    kinds of answers, every one in the heldout2 files and nowhere else."""
    second = [a for a in labelled if a.split == "heldout2"]
    assert len(second) >= 70
    assert sum(len(a.points) for a in second) >= 450
    assert len({a.slug for a in second}) >= 30
    assert {a.kind for a in second} >= {"paraphrase", "terse", "rambling", "partial",
                                         "wrong", "typos"}
    in_files = load(DATA, "answer_judgements_heldout2_*.yaml")
    assert {a.id for a in second} == {a.id for a in in_files}
    assert not {a.id for a in second} & {a.id for a in labelled if a.split != "heldout2"}


# Measured after issue 14 rewrote the cards' key points (longer points, with more clauses
# to cover), the answers were labelled again and area H's answers joined the tune split;
# before issue 14 the model measured 0.889 / 0.543, 0.886 / 0.650 and 0.772 / 0.279.
@pytest.mark.parametrize("split, precision, recall", [
    (None, 0.82, 0.5),          # everything (measured in make bench: 0.867 / 0.571)
    ("test", 0.82, 0.6),        # the first held-out set: the goal (0.864 / 0.709)
    ("heldout2", 0.7, 0.22),    # answers in users' own words (0.747 / 0.276)
])
def test_quality_floor_of_the_learned_model(labelled, split, precision, recall):
    """A regression in the suggester fails here; the floors sit below what make bench
    measures."""
    s = score([a for a in labelled if split in (None, a.split)], suggest)
    assert s.precision >= precision, f"precision {s.precision:.3f}"
    assert s.recall >= recall, f"recall {s.recall:.3f}"


def test_quality_floor_of_the_lexical_rule(labelled):
    """The rule the model replaced, kept as its baseline (make bench: 0.880 / 0.523)."""
    s = score(labelled, suggest_rule)
    assert s.precision >= 0.8, f"precision {s.precision:.3f}"
    assert s.recall >= 0.45, f"recall {s.recall:.3f}"


def test_wrong_answers_tick_few_points(labelled):
    """Answers that state the opposite of the points, with their words, tick at most one
    point in ten (make bench: 31 wrong ticks in 644 judgements)."""
    wrong = [a for a in labelled if a.kind in ("wrong", "verbose")]
    s = score(wrong, suggest)
    assert s.tp == 0    # they were labelled as covering nothing
    assert s.fp <= 0.1 * sum(len(a.points) for a in wrong), f"{s.fp} wrong ticks"


@pytest.mark.parametrize("change, message", [
    ({"split": "validation"}, "split 'validation'"),
    ({"kind": "excellent"}, "kind 'excellent'"),
    ({"covered": [0, 9]}, r"covered \[0, 9\] is out of range for 2 points"),
])
def test_the_loader_refuses_bad_labels(tmp_path, change, message):
    answer = {"id": "t/a", "kind": "good", "split": "tune", "covered": [0], "text": "x"}
    data = {"area": "evaluation",
            "topics": {"t": {"points": ["one", "two"], "answers": [answer | change]}}}
    (tmp_path / "answer_judgements_evaluation.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match=rf"'t/a'.*{message}"):
        load(tmp_path)


def test_the_loader_refuses_a_repeated_id_and_an_empty_folder(tmp_path):
    with pytest.raises(ValueError, match=r"^folder: no answer_judgements_\*\.yaml"):
        load(tmp_path)
    answer = {"id": "t/a", "kind": "good", "split": "tune", "covered": [], "text": "x"}
    data = {"area": "evaluation",
            "topics": {"t": {"points": ["one"], "answers": [answer, answer]}}}
    (tmp_path / "answer_judgements_evaluation.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match="the id repeats"):
        load(tmp_path)
