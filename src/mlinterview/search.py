"""Search: find the card, exercise or demo that answers a question.

A question such as "How should I pick the cut-off on predicted probabilities?" rarely
shares all its words with the card that answers it, so search is ranked retrieval, not
substring matching:

1. **Documents.** Every card, every exercise and every demo is a document with named
   fields (title, slug, seed question, key points, 30-second answer, body, follow-ups,
   exercise and demo text). A card also carries the text of its own exercises and demos,
   so a question about what an exercise does still finds the card.
2. **Index.** The documents go into an in-memory SQLite FTS5 table with the
   ``porter unicode61`` tokenizer: case and accents folded, English suffixes stemmed
   ("samples", "sampling" -> "sampl").
3. **Query.** The question is lower-cased, a few phrasings are rewritten (:data:`PHRASES`),
   stopwords are dropped (:data:`STOPWORDS`), a short synonym table adds the words the
   cards use (:data:`SYNONYMS`), and the terms are joined with ``OR``. Each term is quoted
   and holds only letters and digits, so FTS5 syntax typed by a user (``"AND (``,
   ``NEAR*``) is searched as words and can never make the query fail.
4. **Ranking.** BM25 (Robertson and Zaragoza, 2009), as FTS5 computes it, with a weight
   per field (:data:`FIELDS`: a term in the title counts more than one in the body), then a
   factor per kind (:data:`KIND_WEIGHT`) so a card comes before its own exercise.
5. **Snippets.** FTS5's ``snippet()`` picks the passage of the best field with the query's
   terms marked; :class:`Hit` carries it as ``(text, marked)`` parts, so the web page
   escapes the text and wraps the marked parts in ``<mark>``, and the terminal bolds them.
6. **No hit.** When no term of the query occurs anywhere (typos, unknown jargon),
   :func:`nearest_topics` ranks the topics by character-trigram similarity of their names
   and key terms to the query's words, so the user gets suggestions, not an empty page.

Extracting the documents imports every demo and exercise (about a second), so they are
cached in a JSON file keyed by a hash of the files they come from (:func:`content_hash`):
a process whose content is unchanged reads the file, and any change to a card, a statement,
a demo module or this module builds it again. The FTS5 table itself is built in memory once
per process (:func:`index`, a few milliseconds).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sqlite3
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

#: The kinds of document, in the order the pages list their filters.
KINDS = ("card", "exercise", "demo")

#: Longest query accepted (characters); the web app refuses longer ones, the CLI too.
MAX_QUERY = 200

#: The searchable fields, in the FTS5 table's column order, with their BM25 weights.
FIELDS: dict[str, float] = {
    "title": 4.0,
    "slug": 3.0,
    "question": 3.0,
    "key_points": 2.0,
    "short_answer": 2.0,
    "body": 1.0,
    "follow_ups": 1.0,
    "exercises": 1.0,
    "demos": 1.0,
}

#: The fields that name a document, scored again on their own (see :class:`Index`), and
#: how much that score counts next to the score over all fields.
NAME_FIELDS = ("title", "slug", "question")
NAME_BOOST = 0.5

#: Fields a snippet may come from, best first when two passages mark as many terms, in
#: two tiers: the second is read only for a document whose first tier marks nothing (a
#: snippet costs a pass over its field's text, and the body is most of a card). The title
#: and slug are left out: the result already shows them.
SNIPPET_FIELDS = (("short_answer", "key_points", "body"),
                  ("question", "follow_ups", "exercises", "demos"))

#: A card comes before its exercise or demo when both match about as well.
KIND_WEIGHT = {"card": 1.0, "exercise": 0.4, "demo": 0.4}

#: Words that say how a question is asked, not what it is about. Dropped from queries.
_STOPWORD_TEXT = """
a about above after again all also am an and any are as at be been before being below
between both but by can could did do does doing done during each either else ever every
few for from further get gets getting give had has have having he her here hers him his
how i if in into is it its itself just let lets like may me might more most much must my
no nor not now of off on once one only or other our ours out over own please rather really
same she should so some such than that the their theirs them then there these they this
those through to too under until up upon us very vs versus was we were what whats when
where which while who whom whose why will with within without would yes yet you your yours
explain describe tell walk difference differences different differ mean means meaning
use used using uses way ways work works working thing things something someone anyone
instead actually exactly usually typically always often good better best bad know
isnt arent wasnt werent dont doesnt didnt cant couldnt wont wouldnt shouldnt im ive id
youre theyre thats theres
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

#: Phrasings rewritten before the query is split into words (regex, replacement). They
#: join what the tokenizer would split ("cut-off") and name symbols it cannot read ("A*").
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bcut[- ]?offs?\b", "cutoff"),
    (r"\ba\s*\*", "astar"),
    (r"\bk[- ]means\b", "kmeans"),
    (r"\bp[- ]values?\b", "pvalue"),
    (r"\blog[- ]?loss\b", "logloss"),
)

#: Extra terms for a query word (also found for its plural): the words the cards use for
#: the same idea. Kept short and general: each entry is a paraphrase an interviewer might
#: use, not a patch for one question.
SYNONYMS: dict[str, str] = {
    "cutoff": "threshold",
    "skewed": "imbalanced imbalance",
    "imbalanced": "imbalance",
    "unbalanced": "imbalanced imbalance",
    "rare": "imbalance",
    "astar": "heuristic",
    "pvalue": "p value",
    "kmeans": "k means",
    "logloss": "log loss cross entropy",
    "measure": "metric",
    "evaluate": "metric",
    "assess": "metric",
    "tag": "label",
    "alarm": "positive",
    "invert": "inverse",
}

#: Abbreviations and what they stand for. A query with either gets the other: "VAE" finds
#: "variational autoencoder" and "multilayer perceptron" finds "MLP".
ABBREVIATIONS: dict[str, str] = {
    "ae": "autoencoder",
    "vae": "variational autoencoder",
    "gan": "generative adversarial",
    "cnn": "convolutional",
    "rnn": "recurrent",
    "lstm": "long short term memory",
    "mlp": "multilayer perceptron fully connected",
    "mle": "maximum likelihood",
    "em": "expectation maximization",
    "kl": "kullback leibler",
    "pca": "principal component",
    "svd": "singular value decomposition",
    "svm": "support vector",
    "sgd": "stochastic gradient descent",
    "bfs": "breadth first",
    "dfs": "depth first",
    "lcs": "longest common subsequence",
    "roc": "receiver operating characteristic",
    "auc": "area under curve",
    "nerf": "neural radiance field",
    "kan": "kolmogorov arnold",
    "fp16": "half precision",
}

# American spellings whose British form the cards use (the suffixes Porter keeps apart).
_AMERICAN = re.compile(r"^(\w+?)(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_OUR = frozenset({"behavior", "color", "neighbor", "favor", "flavor", "labor"})


@dataclass(frozen=True)
class Doc:
    """One searchable document: a card, an exercise or a demo, and where it leads."""

    kind: str  # one of KINDS
    id: str  # the card's slug, the exercise id or the demo id
    slug: str  # the topic it belongs to
    area: str
    title: str
    url: str  # the web page
    command: str  # the command that shows it in a terminal
    fields: dict[str, str]  # plain text per name of FIELDS


@dataclass(frozen=True)
class Hit:
    """A document that matches a query, best first in a result list.

    ``parts`` is the snippet as ``(text, marked)`` pairs: the marked texts are the query's
    terms as they occur in the passage. ``score`` is the weighted BM25 score (higher is
    better; comparable only within one query).
    """

    kind: str
    id: str
    slug: str
    title: str
    area: str
    score: float
    parts: tuple[tuple[str, bool], ...]
    url: str
    command: str

    @property
    def snippet(self) -> str:
        """The snippet as plain text."""
        return "".join(text for text, _ in self.parts)

    def to_json(self) -> dict:
        """A JSON-ready dict (the snippet both plain and as parts)."""
        data = asdict(self)
        data["snippet"] = self.snippet
        data["parts"] = [{"text": text, "marked": marked} for text, marked in self.parts]
        return data


@dataclass(frozen=True)
class Suggestion:
    """A topic whose name looks like the query, for a query without a hit."""

    slug: str
    title: str
    area: str
    similarity: float  # in [0, 1]: trigram similarity of the closest key terms

    @property
    def url(self) -> str:
        return f"/topics/{self.slug}"


@dataclass(frozen=True)
class Results:
    """What a query found: its terms as searched, the hits, and, when there is no hit,
    the nearest topics."""

    query: str
    terms: tuple[str, ...]
    hits: tuple[Hit, ...]
    nearest: tuple[Suggestion, ...]


# ---------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------

_PACKAGE = Path(__file__).parent
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Markdown's marks: emphasis and code (dropped), then headings, quotes, list bullets and
# table bars (a space). The cards write emphasis with asterisks; an underscore is text, as
# in n_new or c_(FP).
_INLINE_MARKS = re.compile(r"[*`~]+")
_BLOCK_MARKS = re.compile(r"\||^\s*(?:#+|>|[-+])\s+", re.M)
# The snippet markers: control characters no card contains (removed from the text first).
_OPEN, _CLOSE = "\x02", "\x03"


def _plain(markdown: str) -> str:
    """Card Markdown as one line of readable text: formulas in Unicode, no marks."""
    from mlinterview.render import latex_to_text

    text = _MATH.sub(lambda m: " " + latex_to_text(m.group(1) or m.group(2)) + " ", markdown)
    text = _LINK.sub(r"\1", text)
    text = _INLINE_MARKS.sub("", text.replace(_OPEN, "").replace(_CLOSE, ""))
    text = _BLOCK_MARKS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _exercise_text(exercise) -> str:
    body = exercise.statement.lstrip()
    if body.startswith("#"):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    return _plain(body)


def _card_doc(topic, exercises: list, demos: list) -> Doc:
    sections = topic.sections
    body = "\n".join(sections.get(name, "") for name in sections
                     if name not in ("In 30 seconds", "Key points", "Follow-up questions"))
    checks = " ".join(" ".join((q.prompt, *q.choices, q.explain)) for q in topic.quick_checks)
    fields = {
        "title": topic.title,
        "slug": topic.slug.replace("-", " "),
        "question": topic.question,
        "key_points": _plain("\n".join(topic.key_points)),
        "short_answer": _plain(topic.short_answer),
        "body": _plain(body + "\n" + checks),
        "follow_ups": _plain("\n".join(f"{f.question} {f.answer}" for f in topic.follow_ups)),
        "exercises": " ".join(f"{e.title}. {_exercise_text(e)}" for e in exercises),
        "demos": " ".join(f"{d.title}. {_plain(d.description)}" for d in demos),
    }
    return Doc("card", topic.slug, topic.slug, topic.area, topic.title, f"/topics/{topic.slug}",
               f"mlinterview show {topic.slug}", fields)


def _only(**given: str) -> dict[str, str]:
    return {name: given.get(name, "") for name in FIELDS}


def _exercise_doc(exercise, area: str) -> Doc:
    fields = _only(title=exercise.title, slug=exercise.id.replace("-", " ").replace("/", " "),
                   body=_exercise_text(exercise))
    return Doc("exercise", exercise.id, exercise.slug, area, exercise.title,
               f"/exercises/{exercise.id}", f"mlinterview exercise show {exercise.id}", fields)


def _demo_doc(spec, area: str) -> Doc:
    params = " ".join(f"{p.name.replace('_', ' ')} {p.param.help}" for p in spec.params)
    fields = _only(title=spec.title, slug=spec.id.replace("-", " ").replace("/", " "),
                   body=_plain(spec.description) + " " + params)
    return Doc("demo", spec.id, spec.slug, area, spec.title, f"/demos/{spec.id}",
               f"mlinterview demo {spec.id}", fields)


def build_documents() -> list[Doc]:
    """Every card, exercise and demo as a :class:`Doc`, cards in index order, then the
    exercises and demos by id (seconds: imports every demo and exercise)."""
    from mlinterview.demos import registry as demo_registry
    from mlinterview.exercises import registry as exercise_registry
    from mlinterview.topics import all_topics

    topics = all_topics()
    exercises = exercise_registry()
    demos = demo_registry()
    docs = [_card_doc(t, [exercises[e] for e in t.exercises if e in exercises],
                      [demos[d] for d in t.demos if d in demos]) for t in topics.values()]
    # An exercise or demo of a topic without a card has no page to belong to: left out.
    docs += [_exercise_doc(e, topics[e.slug].area)
             for _, e in sorted(exercises.items()) if e.slug in topics]
    docs += [_demo_doc(d, topics[d.slug].area) for _, d in sorted(demos.items())
             if d.slug in topics]
    return docs


# ---------------------------------------------------------------------------------------
# The document cache: a JSON file per content hash
# ---------------------------------------------------------------------------------------


def _inputs() -> list[Path]:
    """The files the documents are made from (and this module, which makes them)."""
    files = [p for p in (_PACKAGE / "content").rglob("*") if p.is_file()]
    files += (_PACKAGE / "exercises" / "bank").glob("*/*/*/statement.md")
    files += (_PACKAGE / "exercises" / "bank").glob("*/*/*/cases.py")  # registers an exercise
    files += (_PACKAGE / "demos").rglob("*.py")  # the framework and the area subpackages
    files.append(Path(__file__))
    return sorted(files)


def content_hash() -> str:
    """SHA-256 over the relative path and bytes of every input file: it changes when a
    card, an exercise statement, a demo module or this module changes."""
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where the document cache lives: ``$MLINTERVIEW_HOME/cache`` when set (so tests and
    a moved study folder keep everything together), else the platform's user cache folder
    (the cache can be deleted at any time; it is rebuilt)."""
    home = os.environ.get("MLINTERVIEW_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("mlinterview"))


def _read_cache(path: Path) -> list[Doc] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Doc(**d) for d in raw["docs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent, half-written by an older version, or foreign: rebuild


def _write_cache(path: Path, docs: list[Doc]) -> None:
    """Write the cache atomically and remove older versions; a folder that cannot be
    written only costs the next process the rebuild."""
    from mlinterview.study.atomic import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fh:
            json.dump({"docs": [asdict(d) for d in docs]}, fh, ensure_ascii=False)
        for old in path.parent.glob("search-*.json"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        pass


def documents() -> list[Doc]:
    """The documents of the current content: from the cache when its hash matches, else
    built (:func:`build_documents`) and cached."""
    path = cache_dir() / f"search-{content_hash()[:24]}.json"
    docs = _read_cache(path)
    if docs is None:
        docs = build_documents()
        _write_cache(path, docs)
    return docs


# ---------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------


class Index:
    """The FTS5 table over :class:`Doc` s, queried by :meth:`search`.

    One in-memory SQLite connection shared by the threads of a web server: a query takes
    well under a millisecond, so a lock around it costs nothing measurable.
    """

    def __init__(self, docs: list[Doc]):
        self.docs = list(docs)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        columns = ", ".join(FIELDS)
        self._db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({columns}, kind UNINDEXED, "
                         "tokenize = 'porter unicode61 remove_diacritics 2')")
        self._db.executemany(
            f"INSERT INTO docs (rowid, {columns}, kind) VALUES (?, "
            f"{', '.join('?' * len(FIELDS))}, ?)",
            [(i, *(d.fields[name] for name in FIELDS), d.kind) for i, d in enumerate(self.docs)])
        # The names of each document again, alone: BM25 saturates a term's weight, so a
        # title match in a long card counts little next to many body matches; scored in a
        # table of its own (short documents), a match in the name adds its own weight.
        self._db.execute(f"CREATE VIRTUAL TABLE names USING fts5({', '.join(NAME_FIELDS)}, "
                         "tokenize = 'porter unicode61 remove_diacritics 2')")
        self._db.executemany(
            f"INSERT INTO names (rowid, {', '.join(NAME_FIELDS)}) VALUES (?, "
            f"{', '.join('?' * len(NAME_FIELDS))})",
            [(i, *(d.fields[name] for name in NAME_FIELDS)) for i, d in enumerate(self.docs)])
        weights = ", ".join(str(w) for w in FIELDS.values())
        name_weights = ", ".join(str(FIELDS[name]) for name in NAME_FIELDS)
        kind_factor = " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHT.items())
        # bm25() is negative (lower is better), so the best rows sort first.
        self._rank_sql = (
            f"WITH body AS (SELECT rowid, kind, bm25(docs, {weights}) AS s FROM docs"
            " WHERE docs MATCH :match),"
            f" name AS (SELECT rowid, bm25(names, {name_weights}) AS s FROM names"
            " WHERE names MATCH :match)"
            f" SELECT body.rowid, (body.s + {NAME_BOOST} * coalesce(name.s, 0))"
            f" * (CASE body.kind {kind_factor} END) AS score"
            " FROM body LEFT JOIN name ON name.rowid = body.rowid{kind}"
            " ORDER BY score, body.rowid LIMIT :limit")
        columns_at = {name: i for i, name in enumerate(FIELDS)}
        self._snippet_sql = [
            "SELECT rowid, " + ", ".join(
                f"snippet(docs, {columns_at[name]}, '{_OPEN}', '{_CLOSE}', '…', 24)"
                for name in tier) + " FROM docs WHERE docs MATCH ? AND rowid IN ({ids})"
            for tier in SNIPPET_FIELDS]

    @functools.cached_property
    def key_terms(self) -> KeyTerms:
        """The cards' key terms for :func:`nearest_topics`, made when a query first
        matches nothing (a tenth of a second: most searches never need them)."""
        return KeyTerms.of(self.docs)

    def search(self, terms: tuple[str, ...], limit: int, kind: str | None = None) -> list[Hit]:
        """The best ``limit`` documents containing any of ``terms`` (letters and digits
        only), of one ``kind`` or all."""
        if not terms or limit <= 0:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        kind_filter = " WHERE body.kind = :kind" if kind else ""
        args = {"match": match, "kind": kind, "limit": limit}
        with self._lock:
            ranked = self._db.execute(self._rank_sql.format(kind=kind_filter), args).fetchall()
            if not ranked:
                return []
            snippets = self._snippets(match, [rowid for rowid, _ in ranked])
        hits = []
        for rowid, rank in ranked:
            doc = self.docs[rowid]
            hits.append(Hit(doc.kind, doc.id, doc.slug, doc.title, doc.area, -rank,
                            snippets[rowid], doc.url, doc.command))
        return hits

    def _snippets(self, match: str, ids: list[int]) -> dict[int, tuple[tuple[str, bool], ...]]:
        """The snippet of each row in ``ids``: the candidate that marks the most distinct
        terms, the earlier field on a tie, tier by tier (see :data:`SNIPPET_FIELDS`). A
        row with no marked candidate (matched by its title or slug only) gets the start of
        its first non-empty snippet field."""
        best: dict[int, tuple[tuple[str, bool], ...]] = {}
        todo = list(ids)
        for sql in self._snippet_sql:
            if not todo:
                break
            rows = self._db.execute(sql.format(ids=", ".join("?" * len(todo))), (match, *todo))
            for rowid, *candidates in rows:
                parts = max((_parts(c) for c in candidates), key=_marked_count)
                if _marked_count(parts):
                    best[rowid] = parts
            todo = [rowid for rowid in todo if rowid not in best]
        for rowid in todo:
            best[rowid] = _opening(self.docs[rowid])
        return best


def _parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split FTS5's marked snippet into ``(text, marked)`` parts."""
    parts = []
    for i, piece in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return tuple(parts)


def _marked_count(parts: tuple[tuple[str, bool], ...]) -> int:
    """How many distinct words a snippet marks."""
    return len({text.lower() for text, marked in parts if marked})


def _opening(doc: Doc, words: int = 24) -> tuple[tuple[str, bool], ...]:
    """The first ``words`` words of the document's first non-empty snippet field."""
    for tier in SNIPPET_FIELDS:
        for name in tier:
            found = doc.fields[name].split()
            if found:
                return ((" ".join(found[:words]) + (" …" if len(found) > words else ""),
                         False),)
    return ()


@functools.cache
def index() -> Index:
    """The index of the current content, built once per process."""
    return Index(documents())


# ---------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _variants(word: str) -> list[str]:
    """Other spellings of ``word`` the cards may use: the British one of an American
    "-ize"/"-yze" word ("regularization" -> "regularisation") or "-or" word ("neighbor")."""
    found = _AMERICAN.match(word)
    if found:
        stem, z, suffix = found.groups()
        return [stem + z.replace("z", "s") + suffix]
    singular = word[:-1] if word.endswith("s") else word
    if singular in _OUR:
        return [singular[:-2] + "our"]
    return []


def query_terms(query: str) -> tuple[str, ...]:
    """The words searched for ``query``, without repeats: lower-cased, apostrophes
    inside words dropped, rewritten by :data:`PHRASES`, without :data:`STOPWORDS`, each
    followed by its other spellings, its :data:`SYNONYMS` and what its
    :data:`ABBREVIATIONS` stand for; an abbreviation's
    expansion written out adds the abbreviation. Every term matches ``[^\\W_]+``, so it
    can be quoted into an FTS5 query safely."""
    # "isn't" -> "isnt" (a stopword), "model's" -> "models": one word, not "isn" and "t".
    text = re.sub(r"(?<=\w)['\u2019](?=\w)", "", query[:MAX_QUERY].lower())
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, f" {replacement} ", text)
    words = _WORD.findall(text)
    terms: dict[str, None] = {}
    for word in words:
        if word in STOPWORDS:
            continue
        terms[word] = None
        singular = word[:-1] if len(word) > 3 and word.endswith("s") else word
        extras = [*_variants(word), *SYNONYMS.get(word, SYNONYMS.get(singular, "")).split(),
                  *ABBREVIATIONS.get(word, ABBREVIATIONS.get(singular, "")).split()]
        for extra in extras:
            if extra not in STOPWORDS:
                terms[extra] = None
    spaced = f" {' '.join(words)} "
    for abbreviation, words_of in ABBREVIATIONS.items():
        if f" {words_of} " in spaced:
            terms[abbreviation] = None
    return tuple(terms)


def find(query: str, *, limit: int = 20, kind: str | None = None) -> Results:
    """Search ``query`` (natural language, any text) among the documents of one ``kind``
    (or all); when nothing matches, :func:`nearest_topics` fills ``nearest``.

    ``ValueError`` for a ``kind`` outside :data:`KINDS` or a negative ``limit``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    if limit < 0:
        raise ValueError(f"limit: expected a number >= 0, got {limit}")
    terms = query_terms(query)
    hits = tuple(index().search(terms, limit, kind))
    nearest = () if hits or not query.strip() else tuple(nearest_topics(query))
    return Results(query, terms, hits, nearest)


def search(query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
    """The documents that answer ``query``, best first (see :func:`find`)."""
    return list(find(query, limit=limit, kind=kind).hits)


# ---------------------------------------------------------------------------------------
# Nearest topics: character trigrams
# ---------------------------------------------------------------------------------------


#: Fields whose words are a topic's key terms for :func:`nearest_topics`, and how much a
#: word looking like one of them counts: a topic's name more than words its answer uses.
KEY_TERM_FIELDS = {"title": 1.0, "slug": 1.0, "question": 0.8, "key_points": 0.6,
                   "short_answer": 0.6, "body": 0.5}


def _trigrams(word: str) -> frozenset[str]:
    """The character trigrams of ``word`` padded with spaces ("  a", " ab", ...), so the
    start and the end of a word count too."""
    padded = f"  {word} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


@dataclass(frozen=True)
class KeyTerms:
    """The words of every card's :data:`KEY_TERM_FIELDS`, with their trigrams."""

    cards: dict[str, Doc]  # slug -> the card
    topics_of: dict[str, dict[str, float]]  # word -> {slug: weight of its best field}
    trigrams: dict[str, frozenset[str]]  # word -> its trigrams

    @classmethod
    def of(cls, docs: list[Doc]) -> KeyTerms:
        """The key terms of the cards among ``docs``."""
        cards: dict[str, Doc] = {}
        topics_of: dict[str, dict[str, float]] = {}
        for doc in docs:
            if doc.kind != "card":
                continue
            cards[doc.slug] = doc
            for name, weight in KEY_TERM_FIELDS.items():
                for word in _WORD.findall(doc.fields[name].lower()):
                    if len(word) > 2 and word not in STOPWORDS and not word.isdigit():
                        slugs = topics_of.setdefault(word, {})
                        slugs[doc.slug] = max(slugs.get(doc.slug, 0.0), weight)
        return cls(cards, topics_of, {w: _trigrams(w) for w in topics_of})


def nearest_topics(query: str, n: int = 5, floor: float = 0.25) -> list[Suggestion]:
    """The ``n`` topics whose key terms look most like the words of ``query``, for a
    query that matched nothing ("baysian infrence", "kalmann filtr").

    Similarity of two words: the Jaccard index of their character trigrams (1 for the
    same word). A topic's similarity: the mean, over the query's words, of the best
    similarity of the word to one of the topic's key terms, times the weight of the field
    the term is in (:data:`KEY_TERM_FIELDS`). Topics below ``floor`` are left out: nothing
    at all looks like "zzzz".
    """
    words = list(dict.fromkeys(w for w in _WORD.findall(query[:MAX_QUERY].lower())
                               if len(w) > 2 and w not in STOPWORDS))
    if not words:
        return []
    terms = index().key_terms
    best: dict[str, list[float]] = {}
    for i, word in enumerate(words):
        grams = _trigrams(word)
        for term, term_grams in terms.trigrams.items():
            shared = len(grams & term_grams)
            if not shared:
                continue
            similarity = shared / (len(grams) + len(term_grams) - shared)
            for slug, weight in terms.topics_of[term].items():
                scores = best.setdefault(slug, [0.0] * len(words))
                scores[i] = max(scores[i], weight * similarity)
    ranked = sorted(((sum(s) / len(words), slug) for slug, s in best.items()),
                    key=lambda pair: (-pair[0], pair[1]))
    return [Suggestion(slug, terms.cards[slug].title, terms.cards[slug].area, round(score, 3))
            for score, slug in ranked[:n] if score >= floor]
