"""Each seed mistake listed in COVERAGE.md is corrected in the *Common mistakes* section of
the card it belongs to. The words checked are the ones a correction cannot do without."""

from __future__ import annotations

import pytest

from mlinterview import topics

SEED_MISTAKES = [
    # (card, what the seed got wrong, words the correction must contain)
    ("classification-metrics", "precision is not confidence",
     ["tp / (tp + fp)", "confidence", "calibration"]),
    ("logistic-regression", "the logistic function is the sigmoid, not BCE",
     ["sigmoid", "cross-entropy", "loss"]),
    ("multilabel", "Hamming loss normalises by samples x labels",
     ["hamming", "n_{\\text{samples}} \\times n_{\\text{labels}}"]),
    ("optimizers", "SGD update: sign and variable",
     ["sign", "w \\leftarrow w - \\eta", "weights"]),
    ("bias-variance", "bias is not being stuck in local minima",
     ["local minim", "assumption", "variance"]),
    ("l1-l2", "regularisation does not add noise",
     ["noise", "shrink", "exactly", "dropout"]),
    ("ensembles", "boosting overfitting needs nuance",
     ["adaboost", "noisy", "resistant"]),
    ("pseudoinverse-frobenius", "invertible: determinant non-zero, not positive",
     ["determinant", "non-zero"]),
]


@pytest.mark.parametrize(("slug", "mistake", "words"), SEED_MISTAKES,
                         ids=[m[0] for m in SEED_MISTAKES])
def test_the_card_corrects_the_seed(slug, mistake, words):
    section = topics.get_topic(slug).sections["Common mistakes"].lower()
    missing = [w for w in words if w.lower() not in section]
    assert not missing, f"{slug}: the correction of '{mistake}' lacks {missing}"
