"""Which topic a question asks about: a journal's ``# heading`` to a card.

A question written by a person (the seed's headings, a journal of one's own) rarely
repeats a card's question word for word. :func:`match_question` tries, in order:

1. **exact**: the card's question or title, or one of its follow-up questions, as
   written (case, spacing, quotes, Markdown escapes and the final punctuation aside);
2. **words**: the same informative words as a card's question, after stemming (a card's
   ``question`` is the seed's question, reworded: "How to deal with an imbalanced data
   set" and "How do you deal with an imbalanced data set?");
3. **fuzzy**: the IDF-weighted share of the heading's words found in a card's question,
   title and slug (:func:`fuzzy_scores`), typos tolerated ("precission"), words run
   together found ("RandomForests"); it must be high enough, lead the next topic clearly
   and rest on more than one word, else the heading maps to nothing.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Match:
    """Where a heading goes: the topic ``slug`` and the ``question`` its answers are
    stored under (the card's question or one of its follow-ups); ``method`` is how it
    was found (``exact``, ``words`` or ``fuzzy``) and ``score`` how well (1 unless
    fuzzy)."""

    slug: str
    question: str
    method: str
    score: float = 1.0


FUZZY_MIN = 0.5      # the least fuzzy score a mapping needs
FUZZY_MARGIN = 0.1   # ...and its lead over the second-best topic (else: ambiguous)
FUZZY_ONE_WORD = 0.8  # ...or this much, when a single word of the heading is shared
_TYPO_RATIO = 0.8    # difflib ratio at which two words of 5+ letters are one, misspelt
# Words that carry no topic: grammar, and the words that say "answer this" (explain,
# describe...), which must not decide between topics.
_STOPWORDS = """
a about above after again against all also an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having here how i if in into is it its itself just me more most my no
nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your one two use used
uses using get gets e g eg ie
explain describe tell discuss define say let know think really typical work etc
"""
_STOP = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_URL = re.compile(r"https?://\S+|www\.\S+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})


def _key(text: str) -> str:
    """``text`` for an exact comparison: Unicode-normalised, Markdown escapes and quotes
    around it removed, case and spacing ignored, without final punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"\\(.)", r"\1", text)
    text = " ".join(text.casefold().split())
    return text.strip(" \"'").rstrip(" .?!:;").strip(" \"'")


def _plain(text: str) -> str:
    """``text`` for word matching: accents and URLs removed, hyphens and slashes as
    spaces (``multi-label`` and ``multi label`` are the same words)."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _URL.sub(" ", text)
    return re.sub(r"[\\/\-]", " ", text).replace("\\", "")


def _stem(word: str) -> str:
    """A crude suffix stripper: enough for "convolutions" to meet "convolution" and
    "regularisation" "regularization"; kept here, not shared with the suggester, so that
    tuning one never moves the other."""
    word = word.replace("isation", "ization").replace("ise", "ize")
    for suffix in ("izations", "ization", "ations", "ation", "ings", "ing", "ness", "ities",
                   "ity", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            # "fitting" -> "fitt" -> "fit", as "fits" -> "fit"
            if suffix in ("ing", "ings", "ed") and len(word) > 3 and word[-1] == word[-2] \
                    and word[-1] not in "lsz":
                word = word[:-1]
            return word
    return word


def _words(text: str) -> list[str]:
    """The informative stemmed words of ``text``, in order."""
    return [_stem(w) for w in _WORD.findall(_plain(text).lower()) if w not in _STOP]


def _grams(words: Sequence[str]) -> set[str]:
    """Words and adjacent pairs run together (``random forest`` also as
    ``randomforest``, so ``RandomForests`` finds it)."""
    return set(words) | {a + b for a, b in itertools.pairwise(words)}


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, str]]      # key -> (slug, question)
    words: dict[frozenset, tuple[str, str]]
    docs: dict[str, set[str]]              # slug -> grams of question, title, slug
    questions: dict[str, set[str]]         # slug -> words of the card's question
    idf: dict[str, float] = field(hash=False)


@functools.cache
def _index() -> _Index:
    from mlinterview.topics import all_topics

    exact: dict[str, tuple[str, str]] = {}
    words: dict[frozenset, tuple[str, str]] = {}
    docs, questions = {}, {}
    for slug, topic in all_topics().items():
        for text in (topic.question, topic.title):
            exact.setdefault(_key(text), (slug, topic.question))
        for follow in topic.follow_ups:
            exact.setdefault(_key(follow.question), (slug, follow.question))
        words.setdefault(frozenset(_words(topic.question)), (slug, topic.question))
        docs[slug] = _grams(_words(f"{topic.question} {topic.title} {slug}"))
        questions[slug] = set(_words(topic.question))
    df = Counter(w for doc in docs.values() for w in doc)
    n = len(docs)
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    return _Index(exact, words, docs, questions, idf)


def _weighted_words(heading: str) -> dict[str, float]:
    """The heading's words with their weight: double in its first clause (the question
    proper), half inside parentheses (asides), else one."""
    weights: dict[str, float] = {}

    def add(text: str, weight: float) -> None:
        for w in _words(text):
            weights[w] = max(weights.get(w, 0.0), weight)

    first = True
    for text, aside in _parenthesised(heading):
        if aside:
            add(text, 0.5)
            continue
        if first and _words(text):
            clause = re.search(r"[?.;:!]", text)
            head, rest = (text[:clause.start()], text[clause.end():]) if clause else (text, "")
            add(head, 2.0)
            add(rest, 1.0)
            first = False
        else:
            add(text, 1.0)
    return weights


def _parenthesised(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces outside and inside parentheses (an unclosed one runs to
    the end)."""
    pieces, depth, buf = [], 0, []
    for ch in text:
        if ch in "()" and (ch == "(" or depth):
            pieces.append(("".join(buf), depth > 0))
            buf = []
            depth += 1 if ch == "(" else -1
        else:
            buf.append(ch)
    pieces.append(("".join(buf), depth > 0))
    return [(t, aside) for t, aside in pieces if t.strip()]


def _found(word: str, vocabulary: dict[str, float] | set[str]) -> float:
    """1 if ``word`` is in ``vocabulary``, the similarity of a near spelling for a word of
    five letters or more (``precission``), else 0; times the word's weight there, at most
    1, when ``vocabulary`` is a dict of weights."""
    weight = vocabulary.get if isinstance(vocabulary, dict) else (lambda _: 1.0)
    if word in vocabulary:
        return min(1.0, weight(word))
    if len(word) < 5:
        return 0.0
    best, near = max(((difflib.SequenceMatcher(None, word, v).ratio(), v) for v in vocabulary
                      if abs(len(v) - len(word)) <= 2), default=(0.0, ""))
    return best * min(1.0, weight(near)) if best >= _TYPO_RATIO else 0.0


@dataclass(frozen=True)
class FuzzyScore:
    """A topic's fuzzy score for a heading and how many of the heading's words it has."""

    score: float
    slug: str
    words: int


def fuzzy_scores(heading: str) -> list[FuzzyScore]:
    """Every topic's fuzzy score for ``heading``, best first.

    The score is the larger of two shares: of the heading's IDF weight whose words occur
    in the topic's question, title or slug (a heading that says more than the card), and
    the mean of that share with the share of the card question's own weight found in
    the heading (a long heading that contains the card's question; a word found only in
    an aside counts half). A word no card uses weighs as much as the rarest: a heading
    about something else scores low.
    """
    index = _index()
    weights = _weighted_words(heading)
    unknown = max(index.idf.values(), default=1.0)
    idf = {w: index.idf.get(w, unknown) for w in weights}
    total = sum(idf[w] * weight for w, weight in weights.items())
    words = _words(heading)
    # Each word of the heading with its weight; a pair run together weighs as its lighter.
    said = {**{a + b: min(weights[a], weights[b]) for a, b in itertools.pairwise(words)},
            **weights}
    scores = []
    for slug, doc in index.docs.items():
        found = {w: _found(w, doc) for w in weights}
        share = sum(idf[w] * weight * found[w] for w, weight in weights.items()) / total \
            if total else 0.0
        own = index.questions[slug]
        own_total = sum(index.idf.get(w, unknown) for w in own)
        covered = sum(index.idf.get(w, unknown) * _found(w, said) for w in own) / own_total \
            if own_total else 0.0
        scores.append(FuzzyScore(max(share, (share + covered) / 2), slug,
                                 sum(f > 0 for f in found.values())))
    scores.sort(key=lambda s: (-s.score, s.slug))
    return scores


def match_question(heading: str) -> Match | None:
    """The topic a journal heading asks about (see the module docstring), or None.

    A fuzzy match must score at least :data:`FUZZY_MIN`, lead the next topic by
    :data:`FUZZY_MARGIN`, and rest on two of the heading's words or more unless it scores
    :data:`FUZZY_ONE_WORD` (one shared word, "list", does not make "TODO list" a question
    about linked lists; "Explain XGBoost" is about boosting).
    """
    index = _index()
    key = _key(heading)
    if not key:
        return None
    if key in index.exact:
        return Match(*index.exact[key], method="exact")
    words = frozenset(_words(heading))
    if words and words in index.words:
        return Match(*index.words[words], method="words")
    scores = fuzzy_scores(heading)
    if not scores:
        return None
    best, second = scores[0], scores[1].score if len(scores) > 1 else 0.0
    if best.score < FUZZY_MIN or best.score - second < FUZZY_MARGIN or (
            best.words < 2 and best.score < FUZZY_ONE_WORD):
        return None
    from mlinterview.topics import get_topic

    return Match(best.slug, get_topic(best.slug).question, method="fuzzy",
                 score=round(best.score, 3))


__all__ = ["FuzzyScore", "Match", "fuzzy_scores", "match_question"]
