"""Cases for language-model/beam-search.

Expected values come from mlinterview.ml.text.decoding.beam_search with the bigram table as
its model (next_log_probs = the rows of the beams' last tokens). That function is checked
against brute force over every sequence (a beam wide enough is exhaustive), against greedy
decoding (a beam of one) and on true log-probabilities in tests/ml/text/test_decoding.py.
The fixed cases are worked by hand: the statement's examples, ties broken by the stated
rules (probabilities 0.5 whose sums are exact in binary), impossible transitions.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.text.decoding import beam_search


def reference(log_probs, start, num_beams, max_new_tokens, eos, length_penalty):
    table = np.asarray(log_probs, dtype=float)
    best = beam_search(lambda seqs: table[seqs[:, -1]], np.array([start]),
                       num_beams=num_beams, max_new_tokens=max_new_tokens,
                       eos_token_id=eos, length_penalty=length_penalty)[0]
    return best.tokens, best.score


def _ln(*rows):
    with np.errstate(divide="ignore"):
        return np.log(np.array(rows, dtype=float))


TRAP = _ln([0.1, 0.5, 0.4], [0.4, 0.3, 0.3], [0.9, 0.05, 0.05])
EOS_TABLE = _ln([0.3, 0.3, 0.4], [0.8, 0.1, 0.1], [1 / 3, 1 / 3, 1 / 3])
FORBIDDEN = _ln([0.0, 0.5, 0.5], [0.2, 0.2, 0.6], [0.7, 0.3, 0.0])
COIN = _ln([0.5, 0.5], [0.5, 0.5])


def _tokens(*t):
    return np.array(t)


def fixed():
    ln = math.log
    return [
        Case((TRAP, 0, 1, 2, None, 0.0), note="the statement's example, greedy",
             expected=(_tokens(0, 1, 0), ln(0.5) + ln(0.4))),
        Case((TRAP, 0, 2, 2, None, 0.0), note="the statement's example, a beam of 2",
             expected=(_tokens(0, 2, 0), ln(0.4) + ln(0.9))),
        Case((TRAP, 0, 9, 2, None, 0.0), note="a beam of 9 holds all 9 sequences",
             expected=(_tokens(0, 2, 0), ln(0.4) + ln(0.9))),
        Case((TRAP, 0, 2, 1, None, 0.0), note="one new token: the best single step",
             expected=(_tokens(0, 1), ln(0.5))),
        Case((EOS_TABLE, 0, 2, 3, 2, 0.0), note="eos, alpha = 0: stopping at once wins",
             expected=(_tokens(0, 2), ln(0.4))),
        Case((EOS_TABLE, 0, 2, 3, 2, 1.0), note="eos, alpha = 1: the best mean per token",
             expected=(_tokens(0, 1, 0, 2), (ln(0.3) + ln(0.8) + ln(0.4)) / 3)),
        Case((EOS_TABLE, 1, 1, 3, 2, 1.0),
             note="greedy from token 1: 1 -> 0 -> eos, two tokens",
             expected=(_tokens(1, 0, 2), (ln(0.8) + ln(0.4)) / 2)),
        Case((FORBIDDEN, 0, 1, 2, None, 1.0),
             note="tokens 1 and 2 tie after 0: the lower token goes first",
             expected=(_tokens(0, 1, 2), (ln(0.5) + ln(0.6)) / 2)),
        Case((FORBIDDEN, 0, 2, 2, None, 0.0),
             note="-inf entries are impossible: 0 -> 0 and 2 -> 2 never appear",
             expected=(_tokens(0, 2, 0), ln(0.5) + ln(0.7))),
        Case((COIN, 0, 1, 2, 1, 0.0),
             note="eos ties with token 0 but ranks second: a beam of 1 never finishes it",
             expected=(_tokens(0, 0, 0), 2 * ln(0.5))),
        Case((COIN, 0, 2, 2, 1, 1.0),
             note="three hypotheses tie at ln 0.5 per token: the first finished wins",
             expected=(_tokens(0, 1), ln(0.5))),
        Case((COIN, 0, 2, 2, 1, 0.5),
             note="alpha = 0.5: ln 0.5 against 2 ln 0.5 / sqrt 2",
             expected=(_tokens(0, 1), ln(0.5))),
        Case((COIN, 0, 2, 2, None, -1.0),
             note="no eos: four sequences tie, the first live beam wins (alpha = -1: x 2)",
             expected=(_tokens(0, 0, 0), 2 * ln(0.5) * 2)),
    ]


def _table(rng, vocab):
    z = rng.normal(size=(vocab, vocab)) * float(rng.choice([0.5, 1.5, 4.0]))
    if rng.random() < 0.4:                         # some impossible transitions
        z[rng.random((vocab, vocab)) < 0.3] = -np.inf
        z[np.arange(vocab), rng.integers(0, vocab, vocab)] = 0.0   # each row keeps one
    top = z.max(axis=1, keepdims=True)
    return z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))


def generated(rng):
    cases = []
    for i in range(40):
        vocab = int(rng.integers(2, 9))
        beams = int(rng.integers(1, 7))
        steps = int(rng.integers(1, 7))
        eos = None if i % 4 == 0 else int(rng.integers(0, vocab))
        alpha = float(rng.choice([0.0, 0.5, 1.0, 1.5]))
        start = int(rng.integers(0, vocab))
        cases.append(Case((_table(rng, vocab), start, beams, steps, eos, alpha),
                          note=f"V = {vocab}, {beams} beams, {steps} steps, eos = {eos}, "
                               f"alpha = {alpha:g}",
                          size=vocab * vocab * beams * steps))
    return cases


SPEC = ExerciseSpec(
    function="beam_search",
    # Sums of at most 6 log-probabilities and one division: rounding ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
