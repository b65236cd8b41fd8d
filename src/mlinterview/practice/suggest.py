"""Suggested ticks: which key points a written answer appears to cover.

After the user writes an answer, the app pre-ticks the key points the text seems to
cover; the user confirms or corrects. A wrong tick costs the user's trust more than a
missed one, so the suggestion aims at high precision first (a suggested tick is usually
right) and then at recall.

This first version is lexical: a key point is covered when most of its informative words
(weighted by how rare they are among all key points, IDF) occur in the answer, after
lower-casing, dropping common words and reducing words to a crude stem. Its precision and
recall are measured on a labelled set in ``make bench`` (``bench_practice``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

THRESHOLD = 0.6  # share of a point's weight the answer must contain

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOPWORDS = """
a about above after again against all also an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having here how i if in into is it its itself just me more most my no
nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your one two use used
uses using get gets also e g i e eg ie
"""
_STOP = frozenset(_STOPWORDS.split())


def _stem(word: str) -> str:
    """A crude suffix stripper: enough to match "overfitting" with "overfit" and
    "regularisation" with "regularization"; not a linguist's stemmer."""
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


def terms(text: str) -> list[str]:
    """The informative, stemmed words of ``text``, in order."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


@functools.cache
def _idf() -> dict[str, float]:
    """Inverse document frequency of each term over every card's key points."""
    from mlinterview.topics import all_topics

    points = [set(terms(p)) for t in all_topics().values() for p in t.key_points]
    df = Counter(term for p in points for term in p)
    n = len(points)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}


def coverage(answer: str, point: str) -> float:
    """Share (0 to 1) of ``point``'s IDF weight whose terms occur in ``answer``."""
    said = set(terms(answer))
    wanted = set(terms(point))
    if not wanted:
        return 0.0
    idf = _idf()
    default = max(idf.values(), default=1.0)  # a word no key point uses is rare
    total = sum(idf.get(t, default) for t in wanted)
    return sum(idf.get(t, default) for t in wanted if t in said) / total


def suggest(answer: str, points: Sequence[str], *, threshold: float = THRESHOLD) -> list[int]:
    """Indices of ``points`` that ``answer`` appears to cover, in order."""
    if not isinstance(answer, str):
        raise TypeError(f"answer: expected text, got {type(answer).__name__}")
    return [i for i, point in enumerate(points) if coverage(answer, point) >= threshold]
