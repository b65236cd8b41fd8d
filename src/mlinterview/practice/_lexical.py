"""The lexical machinery of suggested ticks: how much of a key point an answer states.

:func:`coverage` scores one (answer, key point) pair from 0 to 1 by matching words;
:func:`suggest_rule` ticks the points whose score reaches ``THRESHOLD`` (the suggester
before the learned model, kept as its baseline). The learned model
(:mod:`~mlinterview.practice.suggest`) reads the same machinery through
:mod:`~mlinterview.practice._features`.

The method is lexical:

1. **Normalise.** Lower case; Unicode and LaTeX symbols spelled out ("σ²" and
   ``\\sigma^2`` become "sigma^2"); British spellings made American; common words
   dropped; the rest stemmed (:mod:`~mlinterview.practice._stem`, Porter's algorithm);
   synonyms and abbreviations merged into one term ("true positives" and "TP", "ridge"
   and "L2", :mod:`~mlinterview.practice._synonyms`). A formula such as
   ``TP / (TP + FP)`` is also a term of its own, spacing aside.
2. **Split the point into claims** (at ";"), and weigh each claim's words by their
   rarity among all key points (IDF), so "precision" counts more than "model". Words in
   parentheses are asides and count half; the first claim, the point's main one, counts
   1.5 times the others.
3. **Match each claim twice**: in the answer's best sentence and in the whole answer,
   and average the two shares. A claim stated in one sentence scores highest; the same
   words scattered over a rambling answer count half. A word under a negation ("not",
   "never", "n't", "without", up to three words on) only matches the same word negated:
   "never on the test set" does not match "on the test set", and in the sentence that
   states the claim it counts against it.
4. **Veto contradictions.** A name defined by another formula than the point's
   ("precision = TP / (TP + FN)") and parallel claims swapped ("bagging reduces bias and
   boosting reduces variance" against "bagging ... reduces variance; boosting ... reduces
   bias") cover nothing.
5. **Threshold.** A point is suggested when its weighted share reaches ``THRESHOLD``.

Precision and recall are measured on a labelled set of answers (good, partial, wrong,
terse, verbose, paraphrased, and the seed's own) in ``make bench`` (``bench_practice``);
the constants below were chosen on its ``tune`` split only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from mlinterview.practice._stem import americanize, stem
from mlinterview.practice._synonyms import GROUPS

# The trained artefact of the suggester (tools/train_suggester.py): the learned model's
# weights and threshold, and the IDF table of the key points (see term_idf).
ARTEFACT = "suggest_model.json"

THRESHOLD = 0.5       # weighted share of a point the answer must state
ASIDE = 0.5           # weight of a word in parentheses, relative to the others
MAIN_CLAIM = 1.5      # weight of a point's first claim, relative to the others
NEGATION_SCOPE = 3    # informative words a negation reaches

_STOPWORDS = """
a about again also am an and any are as at be because been
being between but by can could did do does doing during each for from
further had has have having here how i if in into is it its itself just me my
of off on once or other our out own she should so some such than that the
their them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your one two use used
uses using get gets eg ie etc thing things like way ways well really
every per mostly usually much must need needs needed make makes made give gives given go
goes come comes mean means always often even still many lot lots kind sort basically
"""
_STOP = frozenset(_STOPWORDS.split())
_NEGATIONS = frozenset({"not", "no", "never", "without", "cannot", "neither", "nor",
                        "none", "nothing", "nobody", "nowhere"})
# Words that end a negation's reach: "not X, but Y" / "not X and Y" negate X only.
_SCOPE_ENDS = frozenset({"and", "but", "while", "whereas", "so", "because", "since",
                         "although", "though", "yet", "which", "that", "then"})

# Symbols spelled out, so that "σ²" and "sigma^2" meet.
_SYMBOLS = {
    "’": "'", "‘": "'", "“": '"', "”": '"', "−": "-", "–": "-", "—": ", ", "×": " x ",
    "·": " * ", "⋅": " * ", "÷": "/", "≈": " approx ", "≃": " approx ", "±": " +- ",
    "→": " -> ", "←": " <- ", "↔": " <-> ", "⇒": " -> ", "≤": " <= ", "≥": " >= ",
    "≠": " != ", "∝": " proportional ", "∞": " infinity ", "²": "^2", "³": "^3", "ᵀ": "^t",
    "⁻¹": "^-1", "√": " sqrt ", "∑": " sum ", "Σ": " sum ", "∏": " prod ", "∇": " grad ",
    "∂": " d ", "∈": " in ", "∩": " intersection ", "∪": " union ", "‖": "|", "…": " ",
    "σ": " sigma ", "μ": " mu ", "α": " alpha ", "β": " beta ", "γ": " gamma ",
    "δ": " delta ", "ε": " epsilon ", "η": " eta ", "θ": " theta ", "κ": " kappa ",
    "λ": " lambda ", "π": " pi ", "ρ": " rho ", "τ": " tau ", "φ": " phi ", "ψ": " psi ",
    "ω": " omega ", "ᾱ": " alpha_bar ", "é": "e", "è": "e", "ö": "o", "ü": "u",
}
_SYMBOL = re.compile("|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)))
_LATEX_FRAC = re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_LATEX_CMD = re.compile(r"\\([a-z]+)")
# LaTeX commands that stand for a symbol rather than a word.
_LATEX_SYMBOLS = {
    "top": "t", "times": " x ", "cdot": " * ", "mid": " | ", "lvert": "|", "rvert": "|",
    "le": " <= ", "leq": " <= ", "ge": " >= ", "geq": " >= ",
    "neq": " != ", "leftarrow": " <- ", "rightarrow": " -> ", "to": " -> ", "approx": " approx ",
    "varepsilon": "epsilon", "nabla": "grad", "partial": "d", "hat": "", "text": "",
    "mathrm": "", "operatorname": "", "lfloor": "", "rfloor": "", "left": "", "right": "",
    "ldots": " ", "cdots": " ", "quad": " ", "infty": "infinity", "propto": " proportional ",
}
_ABBREVIATIONS = ((re.compile(r"\be\.g\.?"), "eg"), (re.compile(r"\bi\.e\.?"), "ie"),
                  (re.compile(r"\bw\.r\.t\.?"), "wrt"), (re.compile(r"\bvs\."), "vs"),
                  (re.compile(r"\betc\."), "etc"), (re.compile(r"\bcf\."), "cf"))

# A sentence ends at . ! ? followed by a space (not in "0.5"), at a ";", at a newline and
# at a bullet.
_SENTENCE_END = re.compile(r"(?<=[^\s.])[.!?]+(?=\s|$)|;|\n+\s*(?:[-*•◦]|\d+\.)?\s*|\n")
# A formula: operands joined by + - * / ^ = once the spaces around them are gone.
_OPERATOR_SPACE = re.compile(r"\s*([+*/^=])\s*")
_FORMULA = re.compile(r"[a-z0-9_.()\[\]|']*[a-z0-9)\]|'][+*/^=][a-z0-9_.()\[\]|'+*/^=-]*")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")
_A_STAR = re.compile(r"\ba\*")     # the search algorithm, not a product
# Operands a formula may have: short symbols (x, tp, c_fp), numbers and math words;
# "16-bit compute + float32" and "sigmoid + BCE" are prose, not formulas.
_MATH = """log log10 log2 exp sqrt sum max min argmax argmin sigma mu theta alpha beta gamma
delta epsilon lambda eta kappa psi pi rho tau phi omega mse psnr ssim dssim var cov det grad
prod binom alpha_bar"""
_MATH_WORDS = frozenset(_MATH.split())
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z0-9]+(?:'[a-z]+)?|[,:()]")


def normalize(text: str) -> str:
    """Lower case, symbols and LaTeX spelled out, British spellings made American."""
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(0)], text.lower())
    text = _LATEX_FRAC.sub(r"(\1)/(\2)", text.replace("$", " "))
    text = text.replace("\\|", "|")
    text = _LATEX_CMD.sub(lambda m: _LATEX_SYMBOLS.get(m.group(1), " " + m.group(1) + " "),
                          text).replace("{", "(").replace("}", ")")
    text = _THOUSANDS.sub(r"\1\2", text)
    text = _A_STAR.sub("astar", text)
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return americanize(text)


def find_formulas(sentence: str) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The sentence with each formula replaced by its words, the formulas (spacing
    removed, outer parentheses stripped) and the definitions ``name = formula`` /
    ``name is formula`` it states (``name`` stemmed)."""
    tight = _OPERATOR_SPACE.sub(r"\1", sentence)
    found: list[str] = []
    bindings: list[tuple[str, str]] = []

    def replace(m: re.Match) -> str:
        run = m.group(0).strip(".,'")
        name, _, expr = run.rpartition("=")
        if name and re.fullmatch(r"[a-z][a-z0-9]{2,}", name) and _is_formula(expr):
            bindings.append((stem(name.split("(")[0]), _canon(expr)))
        elif not name:
            before = tight[:m.start()].split()
            if (_is_formula(expr) and len(before) >= 2 and before[-1] in ("is", "equals")
                    and re.fullmatch(r"[a-z][a-z0-9]{2,}", before[-2])):
                bindings.append((stem(before[-2]), _canon(expr)))
        for part in run.split("="):
            if _is_formula(part):
                found.append(_canon(part))
        return " " + re.sub(r"[^a-z0-9.]+", " ", run) + " "

    words = _FORMULA.sub(replace, tight)
    return words, found, bindings


def _is_formula(expr: str) -> bool:
    if not (re.search(r"[+*/^]", expr) and re.search(r"[a-z0-9]", expr)):
        return False
    operands = [o for o in re.split(r"[-+*/^=()\[\]|',]+", expr) if o]
    return all(len(o) <= 3 or o.replace(".", "").isdigit() or o in _MATH_WORDS
               or o.split("_")[0] in _MATH_WORDS for o in operands)


def _canon(expr: str) -> str:
    expr = expr.strip(".,")
    while expr.startswith("(") and expr.endswith(")") and _balanced(expr[1:-1]):
        expr = expr[1:-1]
    return expr


def _balanced(expr: str) -> bool:
    depth = 0
    for ch in expr:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


class Token(NamedTuple):
    """An informative word of a sentence: its stem (or synonym group), whether a negation
    reaches it, whether it sits in parentheses, and which segment of the sentence (a run
    between commas and conjunctions) it belongs to."""

    term: str
    negated: bool
    aside: bool
    segment: int


def word_tokens(words: str) -> list[Token]:
    """The informative words of one sentence, in order, synonyms merged."""
    out: list[Token] = []
    reach, depth, segment = 0, 0, 0
    for tok in _TOKEN.findall(words):
        if tok in ",:":
            reach, segment = 0, segment + 1
            continue
        if tok == "(":
            depth += 1
            continue
        if tok == ")":
            depth = max(0, depth - 1)
            continue
        if tok in _NEGATIONS or tok.endswith("n't"):
            reach = NEGATION_SCOPE
            continue
        if tok in _SCOPE_ENDS:
            reach, segment = 0, segment + 1
            continue
        if tok in _STOP or (len(tok) == 1 and not tok.isdigit()):
            continue
        out.append(Token(stem(tok), reach > 0, depth > 0, segment))
        reach = max(0, reach - 1)
    return _merge_synonyms(out)


def _merge_synonyms(tokens: list[Token]) -> list[Token]:
    """Replace each synonym phrase by its group's name, longest phrase first."""
    table, longest = synonym_table()
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            run = tokens[i:i + n]
            name = table.get(tuple(t.term for t in run))
            if name is not None:
                out.append(Token(name, any(t.negated for t in run), all(t.aside for t in run),
                                  run[0].segment))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@functools.cache
def synonym_table() -> tuple[dict[tuple[str, ...], str], int]:
    """Each synonym phrase (its stems, in order) mapped to its group's name, and the
    length of the longest phrase."""
    table: dict[tuple[str, ...], str] = {}
    for name, *phrases in GROUPS:
        for phrase in (name, *phrases):
            words = normalize(phrase)
            key = tuple(stem(t) for t in _TOKEN.findall(words)
                        if t not in _STOP and t not in ",:()")
            if key:
                table[key] = name
    return table, max(len(k) for k in table)


def split_sentences(text: str) -> list[str]:
    """The normalised sentences of ``text`` (see ``_SENTENCE_END``), empty ones dropped."""
    return [s for s in _SENTENCE_END.split(normalize(text)) if s and s.strip()]


@dataclass(frozen=True)
class Text:
    """An answer as the suggester sees it: its sentences (the informative words of each,
    in order, and the same as a set of ``(term, negated)``), and the definitions it
    states, ``(name, formula)`` such as ``("precis", "tp/(tp+fp)")``."""

    sentences: tuple[tuple[Token, ...], ...]
    sets: tuple[frozenset[tuple[str, bool]], ...]
    bindings: frozenset[tuple[str, str]]

    @functools.cached_property
    def everything(self) -> frozenset[tuple[str, bool]]:
        """Every ``(term, negated)`` of the answer."""
        return frozenset().union(*self.sets)


@functools.lru_cache(maxsize=64)
def analyse(text: str) -> Text:
    """The answer ``text`` as the suggester sees it (cached: the card's points are all
    matched against the same answer)."""
    sentences, sets = [], []
    bindings: set[tuple[str, str]] = set()
    for sentence in split_sentences(text):
        words, formulas, found = find_formulas(sentence)
        bindings.update(found)
        tokens = tuple(word_tokens(words))
        sentences.append(tokens)
        sets.append(frozenset({(t.term, t.negated) for t in tokens}
                              | {(f, False) for f in formulas}))
    return Text(tuple(sentences), tuple(sets), frozenset(bindings))


@dataclass(frozen=True)
class Claim:
    """One claim of a key point: its weighted terms ``((term, negated), weight)``, its
    formulas, the definitions it states, and, when the point has several claims, its
    subject (its first word that no other claim has) and its other such words."""

    terms: tuple[tuple[tuple[str, bool], float], ...]
    formulas: frozenset[str]
    bindings: frozenset[tuple[str, str]]
    subject: str | None = None
    distinctive: frozenset[str] = frozenset()

    @property
    def weight(self) -> float:
        return sum(w for _, w in self.terms)


@functools.lru_cache(maxsize=4096)
def point_claims(point: str) -> tuple[Claim, ...]:
    """The claims of a key point (split at top-level ";"), with weighted terms; words in
    parentheses are asides and are not required."""
    idf = term_idf()
    default = max(idf.values(), default=1.0)
    parsed = []
    for part in split_claims(normalize(point)):
        words, formulas, bindings = find_formulas(part)
        tokens = word_tokens(words)
        if tokens or formulas:
            parsed.append((tokens, frozenset(formulas), frozenset(bindings)))
    claims = []
    for tokens, formulas, bindings in parsed:
        weights: dict[tuple[str, bool], float] = {}
        for t in tokens:
            w = idf.get(t.term, default) * (ASIDE if t.aside else 1.0)
            weights[(t.term, t.negated)] = max(weights.get((t.term, t.negated), 0.0), w)
        claims.append(Claim(tuple(weights.items()), formulas, bindings))
    return _with_subjects(claims, [[t.term for t in tokens] for tokens, _, _ in parsed])


def _with_subjects(claims: list[Claim], words: list[list[str]]) -> tuple[Claim, ...]:
    """Give parallel claims their subjects. Claims are parallel when each starts with a
    word the others lack (its subject) and they share another word ("bagging ...
    reduces variance; boosting ... reduces bias") or their subjects are both known names
    of :mod:`~mlinterview.practice._synonyms` ("L2 shrinks ...; L1 sets ...")."""
    if len(claims) < 2:
        return tuple(claims)
    names = set(synonym_table()[0].values())
    # Claims that open with the same word ("clip by norm ...; clip by value ...") are
    # told apart by their second.
    start = 1 if words[0] and all(ws and ws[0] == words[0][0] for ws in words) else 0
    subjects = []
    for i, own in enumerate(words):
        others = {w for j, ws in enumerate(words) if j != i for w in ws}
        first = own[start] if len(own) > start else None
        subjects.append(first if first is not None and first not in others else None)
    out = []
    for i, claim in enumerate(claims):
        subject = subjects[i]
        rivals = [j for j, s in enumerate(subjects) if s and j != i]
        parallel = subject is not None and any(
            (set(words[i]) - {subject}) & (set(words[j]) - {subjects[j]})
            or {subject, subjects[j]} <= names
            for j in rivals)
        if not parallel:
            out.append(claim)
            continue
        others = {w for j, ws in enumerate(words) if j != i for w in ws}
        distinctive = frozenset(w for w in words[i][start + 1:] if w not in others)
        out.append(Claim(claim.terms, claim.formulas, claim.bindings, subject, distinctive))
    return tuple(out)


def split_claims(text: str) -> list[str]:
    """The claims of a normalised key point: its parts between ";" outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def terms(text: str) -> list[str]:
    """The informative, stemmed words of ``text``, in order (synonyms merged)."""
    out = []
    for sentence in split_sentences(text):
        words, _, _ = find_formulas(sentence)
        out.extend(t.term for t in word_tokens(words))
    return out


@functools.cache
def term_idf() -> dict[str, float]:
    """Inverse document frequency of each term over every card's key points.

    Computing it tokenises every key point (tens of milliseconds), so the table also
    ships in ``ARTEFACT``, written with the model by ``tools/train_suggester.py``; it is
    used only when its fingerprint (:func:`idf_key`) matches the cards and code of now,
    and computed afresh otherwise, so it is never stale.
    """
    from mlinterview.topics import all_topics

    points = [p for t in all_topics().values() for p in t.key_points]
    shipped = json.loads(resources.files(__package__).joinpath(ARTEFACT)
                         .read_text(encoding="utf-8")).get("idf", {})
    if shipped.get("key") == idf_key(points):
        return shipped["table"]
    return compute_idf(points)


def compute_idf(points: Sequence[str]) -> dict[str, float]:
    """``log((n + 1) / (df + 0.5))`` for each term of ``points``, where ``df`` counts the
    points that contain it and ``n`` is the number of points."""
    sets = [set(terms(p)) for p in points]
    df = Counter(term for p in sets for term in p)
    n = len(sets)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in sorted(df.items())}


def idf_key(points: Sequence[str]) -> str:
    """Fingerprint of what the IDF table depends on: the key points, and the code that
    turns them into terms (this module, the stemmer and the synonyms)."""
    digest = hashlib.sha256()
    for point in points:
        digest.update(point.encode("utf-8") + b"\0")
    for module in ("_lexical.py", "_stem.py", "_synonyms.py"):
        digest.update(resources.files(__package__).joinpath(module).read_bytes())
    return digest.hexdigest()


def contradicted(claims: tuple[Claim, ...], answer: Text) -> bool:
    """Whether the answer contradicts the point: a name defined by another formula than
    the point's ("precision = TP / (TP + FN)"), or parallel claims swapped.

    In "bagging reduces variance; boosting reduces bias", "variance" is said about
    bagging. An answer where "variance" is said about boosting and never about bagging
    ("bagging reduces bias and boosting reduces variance") swaps the claims; it takes
    two such words, since one can be an object rather than a claim ("the loss has to
    push the energy of wrong configurations up").
    """
    for claim in claims:
        for name, formula in claim.bindings:
            said = {f for n, f in answer.bindings if n == name}
            if said and formula not in said:
                return True
    subjects = {c.subject for c in claims if c.subject}
    if len(subjects) < 2:
        return False
    present = {t.term for sentence in answer.sentences for t in sentence}
    swapped = 0
    for claim in claims:
        if claim.subject is None or claim.subject not in present:
            continue
        for word in claim.distinctive:
            owners = {_owner(sentence, i, subjects)
                      for sentence in answer.sentences
                      for i, tok in enumerate(sentence) if tok.term == word}
            owners.discard(None)
            swapped += bool(owners) and claim.subject not in owners
    return swapped >= 2


def _owner(sentence: tuple[Token, ...], i: int, subjects: set[str]) -> str | None:
    """The subject a word at position ``i`` of a sentence is said about: the last subject
    before it in the sentence ("bagging ... reduces variance"), else the first after it
    in its segment ("high bias means underfitting")."""
    before = [t.term for t in sentence[:i] if t.term in subjects]
    if before:
        return before[-1]
    segment = sentence[i].segment
    after = [t.term for t in sentence[i + 1:] if t.segment == segment and t.term in subjects]
    return after[0] if after else None


def claim_share(claim: Claim, answer: Text) -> float:
    """How much of the claim the answer states, from 0 to 1: the mean of the share of its
    weight found in the answer's best sentence and the share found in the whole answer."""
    if not answer.sets:
        return 0.0
    local = max(share(claim, s, sentence=True) for s in answer.sets)
    return (local + share(claim, answer.everything)) / 2


def share(claim: Claim, said: frozenset[tuple[str, bool]], *, sentence: bool = False
           ) -> float:
    """Share of the claim's weight among ``said``; a formula of the claim found counts
    as much as the claim's rarest word. In one ``sentence``, a word of the claim said
    with the opposite polarity ("on the test set, not on validation data" against "on
    validation data, never on the test set") counts against it."""
    found = sum(w for key, w in claim.terms if key in said)
    if sentence:
        found -= sum(w for (t, neg), w in claim.terms
                     if (t, not neg) in said and (t, neg) not in said)
    found += max((w for _, w in claim.terms), default=1.0) * sum(
        (f, False) in said for f in claim.formulas)
    if claim.weight <= 0:
        return float(found > 0)
    return max(0.0, min(1.0, found / claim.weight))


def coverage(answer: str, point: str) -> float:
    """How much of the key point ``point`` the text ``answer`` states, from 0 to 1: the
    weighted mean of its claims' shares (:func:`claim_share`), the first claim counting
    ``MAIN_CLAIM`` times, or 0 when the answer contradicts the point."""
    if not isinstance(answer, str):
        raise TypeError(f"answer: expected text, got {type(answer).__name__}")
    if not isinstance(point, str):
        raise TypeError(f"point: expected text, got {type(point).__name__}")
    claims = point_claims(point)
    if not claims or not answer.strip():
        return 0.0
    said = analyse(answer)
    if contradicted(claims, said):
        return 0.0
    weights = [max(c.weight, 1e-9) * (MAIN_CLAIM if i == 0 else 1.0)
               for i, c in enumerate(claims)]
    shares = [claim_share(c, said) for c in claims]
    return sum(s * w for s, w in zip(shares, weights, strict=True)) / sum(weights)


def check_points(answer: object, points: object) -> None:
    """Raise ``TypeError`` naming the argument when ``answer`` is not text or ``points``
    is not a sequence of texts."""
    if not isinstance(answer, str):
        raise TypeError(f"answer: expected text, got {type(answer).__name__}")
    if isinstance(points, str) or not isinstance(points, Sequence):
        raise TypeError(f"points: expected a sequence of key points (texts), got "
                        f"{type(points).__name__}")
    for i, p in enumerate(points):
        if not isinstance(p, str):
            raise TypeError(f"points: expected texts, got {type(p).__name__} at index {i}")


def suggest_rule(answer: str, points: Sequence[str], *, threshold: float = THRESHOLD
                 ) -> list[int]:
    """The lexical rule: indices of ``points`` whose :func:`coverage` by ``answer``
    reaches ``threshold``, in order. Raises ``TypeError`` as :func:`check_points`."""
    check_points(answer, points)
    if not answer.strip():
        return []
    return [i for i, point in enumerate(points) if coverage(answer, point) >= threshold]
