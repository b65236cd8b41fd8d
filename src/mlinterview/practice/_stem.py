"""The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3),
1980), written out from the paper, and British-to-American spelling for the suggester.

A stemmer maps the forms of a word to one key so that "regularised", "regularization"
and "regularizing" meet. Porter's algorithm strips suffixes in five steps, each guarded
by the *measure* m of what would remain: writing a word as [C](VC)^m[V], with C a run of
consonants and V a run of vowels, m counts the vowel-consonant pairs ("tree" m=0,
"trouble" m=1, "private" m=2). A suffix is removed only when enough word remains, so
"relational" -> "relate" -> "relat" but "rate" stays "rate".

This is the original 1980 algorithm (step 2 maps "abli" to "able", not the later
"bli" -> "ble"), without the departures of later implementations such as NLTK's.
"""

from __future__ import annotations

import functools
import re

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    """Porter's consonant: not a vowel, and "y" only after a vowel (so "y" in "toy" is a
    consonant and in "syzygy" a vowel)."""
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def measure(stem: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel runs followed by a consonant run."""
    m, previous_vowel = 0, False
    for i in range(len(stem)):
        consonant = _is_consonant(stem, i)
        if consonant and previous_vowel:
            m += 1
        previous_vowel = not consonant
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow")."""
    return (len(word) >= 3 and _is_consonant(word, len(word) - 3)
            and not _is_consonant(word, len(word) - 2)
            and _is_consonant(word, len(word) - 1) and word[-1] not in "wxy")


def _step1a(w: str) -> str:
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("ies"):
        return w[:-2]
    if w.endswith("ss"):
        return w
    if w.endswith("s"):
        return w[:-1]
    return w


def _step1b(w: str) -> str:
    if w.endswith("eed"):
        return w[:-1] if measure(w[:-3]) > 0 else w
    for suffix in ("ed", "ing"):
        if w.endswith(suffix) and _has_vowel(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            # Tidy the stem so that "hopping" -> "hop", "hoping" -> "hope", "sized" -> "size".
            if w.endswith(("at", "bl", "iz")):
                return w + "e"
            if _double_consonant(w) and w[-1] not in "lsz":
                return w[:-1]
            if measure(w) == 1 and _cvc(w):
                return w + "e"
            return w
    return w


def _step1c(w: str) -> str:
    if w.endswith("y") and _has_vowel(w[:-1]):
        return w[:-1] + "i"
    return w


# Steps 2 to 4: the longest matching suffix is replaced when the stem's measure allows it;
# if it does not, no shorter suffix is tried (as in the paper).
_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _replace_longest(w: str, rules: tuple[tuple[str, str], ...], min_measure: int) -> str:
    for suffix, replacement in sorted(rules, key=lambda r: -len(r[0])):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            return stem + replacement if measure(stem) > min_measure else w
    return w


def _step4(w: str) -> str:
    for suffix in sorted(_STEP4, key=len, reverse=True):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                return stem
            return w
    return w


def _step5(w: str) -> str:
    if w.endswith("e"):
        stem = w[:-1]
        m = measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            w = stem
    if w.endswith("ll") and measure(w) > 1:
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=65536)
def porter(word: str) -> str:
    """The Porter stem of a lower-case ``word`` ("generalizations" -> "gener",
    "hopping" -> "hop"); words of one or two letters are returned unchanged."""
    if len(word) <= 2:
        return word
    w = _step1c(_step1b(_step1a(word)))
    w = _replace_longest(w, _STEP2, 0)
    w = _replace_longest(w, _STEP3, 0)
    return _step5(_step4(w))


# British spellings that a suffix stripper would not bring together with American ones.
# -ise/-isation need care: "noise", "precise", "wise" are not -ize words, but mapping
# them too is harmless because the same rule runs on answers and on key points.
_BRITISH = (
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|er|ers|ation|ations)\b"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)\b"), r"yz\1"),   # analyse
    (re.compile(r"\b(col|behavi|neighb|fav|lab|hon|flav|hum|vap|rum|endeav)our"), r"\1or"),
    (re.compile(r"\b(cent|met|fib|lit)re(s?)\b"), r"\1er\2"),          # centre, metre
    (re.compile(r"\b(cent|met|fib|lit)r(ed|ing)\b"), r"\1er\2"),       # centred
    (re.compile(r"\b(model|label|travel|cancel|signal)l(ed|ing|er)\b"), r"\1\2"),
    (re.compile(r"\bartefact"), "artifact"),
    (re.compile(r"\b(defen|licen|offen)ce\b"), r"\1se"),
)


def americanize(text: str) -> str:
    """``text`` (lower case) with British spellings mapped to American ones:
    "regularisation" -> "regularization", "colour" -> "color", "centred" -> "centered"."""
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return text


# Adverbs in -ly that Porter leaves apart from their adjective ("exactly" -> "exactli",
# "exact" -> "exact"); "-bly"/"-ply" words ("probably", "simply") lose more than "ly".
_LY_KEEP = frozenset({"only", "early", "family", "anomaly", "italy", "supply", "reply",
                      "rely", "assembly", "monopoly", "daily", "likely", "apply", "ally",
                      "belly", "fully", "jelly", "holy", "ugly"})
# Comparatives and superlatives a suffix stripper does not know.
_COMPARATIVES = {
    "larger": "large", "largest": "large", "smaller": "small", "smallest": "small",
    "faster": "fast", "fastest": "fast", "slower": "slow", "slowest": "slow",
    "higher": "high", "highest": "high", "lower": "low", "lowest": "low",
    "deeper": "deep", "deepest": "deep", "wider": "wide", "widest": "wide",
    "narrower": "narrow", "narrowest": "narrow", "bigger": "big", "biggest": "big",
    "fewer": "few", "fewest": "few", "greater": "great", "greatest": "great",
    "sharper": "sharp", "sharpest": "sharp", "simpler": "simple", "simplest": "simple",
    "cheaper": "cheap", "cheapest": "cheap", "shorter": "short", "longer": "long",
    "longest": "long", "stronger": "strong", "weaker": "weak", "easier": "easy",
    "harder": "hard", "richer": "rich", "flatter": "flat", "steeper": "steep",
    "children": "child",
}


def stem(word: str) -> str:
    """The key a lower-case ``word`` is matched by: possessive dropped, comparatives and
    -ly adverbs brought to their adjective, then :func:`porter`
    ("tree's" -> "tree", "exactly" -> "exact", "smaller" -> "small")."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'")
    word = _COMPARATIVES.get(word, word)
    if (len(word) >= 6 and word.endswith("ly") and not word.endswith(("bly", "ply"))
            and word not in _LY_KEEP):
        word = word[:-2]
        if word.endswith("i"):        # easily -> easi, as porter("easy")
            word = word[:-1] + "y"
    return porter(word)
