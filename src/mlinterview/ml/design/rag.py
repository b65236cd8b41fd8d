"""Retrieval-augmented generation as a system: the parts around the language model.

A RAG assistant answers a question from a company's documents in five steps, each a
function or class here, all runnable without downloading a model:

1. **Chunking** (:func:`window_spans`, :func:`markdown_sections`, :func:`chunk_documents`):
   documents are cut into passages small enough to rank precisely and to fit several in
   the prompt, either as fixed windows of words with an overlap (so a sentence cut at a
   boundary survives whole in the next window) or along the document's own Markdown
   sections, with the heading kept in the chunk.
2. **Retrieval**: lexical BM25 (:class:`mlinterview.ml.text.bm25.BM25`) and a "dense"
   retriever that needs no download, latent semantic analysis (:class:`LSARetriever`:
   :class:`TfidfVectorizer` then :class:`TruncatedSVD`, cosine in the reduced space,
   Deerwester et al. 1990). A neural embedding model takes its place in production; the
   system questions (recall@k, fusion, latency) are the same.
3. **Fusion and re-ranking**: :func:`reciprocal_rank_fusion` merges rankings by
   ``Σ 1 / (k + rank)`` (Cormack, Clarke and Büttcher 2009), so scores on different
   scales never need calibrating; :class:`TermProximityReranker` re-scores a short list
   with features that look at the query and the chunk together (how much of the query's
   idf mass the chunk covers, and within how narrow a window), a cheap stand-in for a
   cross-encoder.
4. **Evaluation**: :func:`doc_recall_at_k` (did a chunk of a relevant document reach the
   top k?) through :func:`mlinterview.ml.design.recsys.recall_at_k`, MRR through
   :func:`mlinterview.ml.metrics.mean_reciprocal_rank`, and :func:`groundedness` (the
   share of an answer's sentences whose content words a retrieved chunk contains).
5. **Serving**: :class:`LRUCache` with hit-rate accounting, :func:`zipf_stream` (a
   repeated query stream, the reason caching pays) and :func:`generation_latency` (time
   to first token and total time of the language model's step, which dominates the
   latency budget).

Sources: Lewis et al., "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks"
(NeurIPS 2020); Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond" (2009); Deerwester et al., "Indexing by Latent Semantic Analysis" (JASIS 1990);
Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms Condorcet and individual
rank learning methods" (SIGIR 2009); scikit-learn's ``TfidfVectorizer`` and
``TruncatedSVD`` for the conventions followed.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

from mlinterview.ml._validation import check_option, check_random_state, check_scalar
from mlinterview.ml.design.recsys import recall_at_k
from mlinterview.ml.text.bm25 import ENGLISH_STOP_WORDS, count_matrix, tokenize

__all__ = [
    "Chunk",
    "LRUCache",
    "LSARetriever",
    "TermProximityReranker",
    "TfidfVectorizer",
    "TruncatedSVD",
    "chunk_documents",
    "doc_recall_at_k",
    "generation_latency",
    "groundedness",
    "markdown_sections",
    "reciprocal_rank_fusion",
    "window_spans",
    "zipf_stream",
]


# -- 1. chunking --------------------------------------------------------------------------


def window_spans(n_tokens: int, size: int, overlap: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of fixed windows over ``n_tokens`` tokens.

    Windows of ``size`` tokens start every ``size - overlap`` tokens, until one reaches
    the end; the last window may be shorter. ``n_tokens = 0`` gives no window, and a text
    of at most ``size`` tokens one window. Both arrays have shape (n_windows,), where
    ``n_windows = 1 + ceil((n_tokens - size) / (size - overlap))`` for ``n_tokens > size``.

    >>> window_spans(10, 4, 1)      # starts 0, 3, 6; the window at 6 reaches the end
    (array([0, 3, 6]), array([ 4,  7, 10]))
    """
    check_scalar(n_tokens, "n_tokens", (int, np.integer), lo=0)
    check_scalar(size, "size", (int, np.integer), lo=1)
    check_scalar(overlap, "overlap", (int, np.integer), lo=0)
    if overlap >= size:
        raise ValueError(f"overlap: expected fewer tokens than size = {size}, got {overlap}")
    if n_tokens == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    step = size - overlap
    n_windows = 1 + max(0, -(-(n_tokens - size) // step))      # ceil division
    starts = np.arange(n_windows, dtype=np.int64) * step
    return starts, np.minimum(starts + size, n_tokens)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_sections(text: str) -> list[tuple[str, str]]:
    """Split Markdown into ``(heading, body)`` pairs at ``#`` … ``######`` headings.

    Text before the first heading has heading ``""`` (and is dropped if blank). Lines
    inside fenced code blocks are never headings (a ``# comment`` in Python is not a
    section). The body excludes the heading line.
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    sections: list[tuple[str, list[str]]] = [("", [])]
    in_code = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        match = None if in_code else _HEADING.match(line)
        if match:
            sections.append((match.group(2), []))
        else:
            sections[-1][1].append(line)
    out = [(h, "\n".join(lines).strip()) for h, lines in sections]
    return [s for i, s in enumerate(out) if i > 0 or s[1]]


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: which document it comes from, its section heading ("" for
    fixed windows), its text, and the word offset where it starts in its section (or
    document)."""

    doc: str
    heading: str
    text: str
    start: int


#: The chunking strategies :func:`chunk_documents` accepts.
STRATEGIES = ("fixed", "section")


def chunk_documents(docs: Mapping[str, str], *, strategy: str = "fixed", size: int = 200,
                    overlap: int = 0) -> list[Chunk]:
    """Cut every document into chunks, in document order.

    Parameters
    ----------
    docs : mapping of document id to text (Markdown for ``strategy="section"``)
    strategy : ``"fixed"``: windows of ``size`` words every ``size - overlap`` words over
        the whole document (:func:`window_spans`); ``"section"``: one chunk per Markdown
        section, its heading first, and a section longer than ``size`` words cut into
        windows, each starting with the heading again so it can be matched on its own.
    size, overlap : window length and overlap in words (whitespace-separated). Model
        tokens are what a real system counts; English averages about 1.3 BPE tokens a word.
    """
    if not isinstance(docs, Mapping):
        raise TypeError(f"docs: expected a mapping of id to text, got {type(docs).__name__}")
    check_option(strategy, "strategy", STRATEGIES)
    window_spans(0, size, overlap)               # validates size and overlap
    chunks = []
    for doc, text in docs.items():
        if not isinstance(text, str):
            raise TypeError(f"docs[{doc!r}]: expected a str, got {type(text).__name__}")
        parts = [("", text)] if strategy == "fixed" else markdown_sections(text)
        for heading, body in parts:
            words = body.split()
            head = heading.split()
            room = size - len(head) if strategy == "section" else size
            if room <= overlap:          # a heading as long as the window: windows of size
                room = size
            starts, ends = window_spans(len(words), room, min(overlap, room - 1))
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
                chunks.append(Chunk(doc, heading, " ".join(head + words[s:e]), s))
            if not words and head:       # a heading with an empty body is still a passage
                chunks.append(Chunk(doc, heading, " ".join(head), 0))
    return chunks


# -- 2. a dense retriever without downloads: LSA ---------------------------------------------


class TfidfVectorizer:
    """TF-IDF vectors of tokenised documents, with scikit-learn's conventions.

    ``tf`` is the raw count (``1 + ln(count)`` with ``sublinear_tf``); ``idf`` is
    ``ln((1 + n) / (1 + df)) + 1`` with ``smooth_idf`` (as if one extra document held
    every term once) and ``ln(n / df) + 1`` without; each row is then divided by its L2
    norm (``norm="l2"``) or left as is (``norm=None``). Unlike scikit-learn's class, the
    input is already tokenised: a sequence of token lists.

    Attributes: ``vocabulary_`` (sorted str array, n_terms), ``idf_`` (n_terms,).
    """

    def __init__(self, *, sublinear_tf: bool = False, smooth_idf: bool = True,
                 norm: str | None = "l2"):
        self.sublinear_tf = sublinear_tf
        self.smooth_idf = smooth_idf
        self.norm = norm

    def fit(self, docs) -> TfidfVectorizer:
        """Learn the vocabulary and the idf of ``docs``; returns self."""
        check_option(self.norm, "norm", ("l2", None))
        counts, self.vocabulary_ = count_matrix(docs)
        n = counts.shape[0] + int(self.smooth_idf)
        df = np.bincount(counts.indices, minlength=counts.shape[1]) + int(self.smooth_idf)
        self.idf_ = np.log(n / df) + 1.0
        return self

    def transform(self, docs) -> sp.csr_matrix:
        """TF-IDF matrix of ``docs``, shape (n_docs, n_terms), float64; unknown terms are
        ignored and a document without a known term is a zero row."""
        if not hasattr(self, "idf_"):
            raise RuntimeError("TfidfVectorizer: call fit(docs) first")
        X = count_matrix(docs, self.vocabulary_)[0].astype(np.float64)
        if self.sublinear_tf:
            X.data = 1.0 + np.log(X.data)
        X = X @ sp.diags(self.idf_)
        if self.norm == "l2":
            lengths = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
            lengths[lengths == 0] = 1.0          # zero rows stay zero
            X = sp.diags(1.0 / lengths) @ X
        return sp.csr_matrix(X)

    def fit_transform(self, docs) -> sp.csr_matrix:
        """``fit(docs).transform(docs)``."""
        return self.fit(docs).transform(docs)


#: The SVD solvers :class:`TruncatedSVD` accepts.
SVD_ALGORITHMS = ("arpack", "full")


class TruncatedSVD:
    """The top ``n_components`` singular triplets of a (sparse) matrix, no centring.

    ``X ≈ U diag(s) Vᵀ`` with ``U`` (n_samples, c), ``s`` (c,) descending and ``Vᵀ`` =
    ``components_`` (c, n_features). ``transform(X) = X @ components_ᵀ``, which on the
    training matrix equals ``U diag(s)``. Signs follow scikit-learn (≥ 1.5): in each
    row of ``components_`` the entry of largest magnitude is positive.

    ``algorithm="arpack"``: ``scipy.sparse.linalg.svds`` (Lanczos; needs
    ``n_components < min(X.shape)``; its start vector comes from ``random_state``, so the
    result is reproducible); ``"full"``: ``np.linalg.svd`` of the dense matrix (exact,
    for small matrices).
    """

    def __init__(self, n_components: int = 2, *, algorithm: str = "arpack",
                 random_state=None):
        self.n_components = n_components
        self.algorithm = algorithm
        self.random_state = random_state

    def fit_transform(self, X) -> np.ndarray:
        """Fit on ``X`` (n_samples, n_features) and return ``U diag(s)``
        (n_samples, n_components)."""
        check_option(self.algorithm, "algorithm", SVD_ALGORITHMS)
        X = sp.csr_matrix(X, dtype=np.float64) if sp.issparse(X) else np.asarray(
            X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"X: expected a 2-D matrix, got shape {X.shape}")
        c = self.n_components
        limit = min(X.shape) - (1 if self.algorithm == "arpack" else 0)
        check_scalar(c, "n_components", (int, np.integer), lo=1, hi=limit)
        if self.algorithm == "arpack":
            rng = check_random_state(self.random_state)
            v0 = rng.uniform(-1, 1, size=min(X.shape))
            U, s, Vt = svds(X, k=c, tol=0.0, v0=v0)
            U, s, Vt = U[:, ::-1], s[::-1], Vt[::-1]          # svds returns them ascending
        else:
            dense = X.toarray() if sp.issparse(X) else X
            U, s, Vt = np.linalg.svd(dense, full_matrices=False)
            U, s, Vt = U[:, :c], s[:c], Vt[:c]
        # A singular pair is defined up to a joint sign; fix it so results are comparable.
        signs = np.sign(Vt[np.arange(c), np.argmax(np.abs(Vt), axis=1)])
        signs[signs == 0] = 1.0
        self.components_ = Vt * signs[:, None]
        self.singular_values_ = s
        return U * (s * signs)

    def fit(self, X) -> TruncatedSVD:
        """Fit on ``X``; returns self."""
        self.fit_transform(X)
        return self

    def transform(self, X) -> np.ndarray:
        """``X @ components_ᵀ``, shape (n_samples, n_components)."""
        if not hasattr(self, "components_"):
            raise RuntimeError("TruncatedSVD: call fit(X) first")
        return np.asarray(X @ self.components_.T)


def _unit_rows(A: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(A, axis=1, keepdims=True)
    return A / np.where(norms == 0, 1.0, norms)


class LSARetriever:
    """Latent semantic analysis as a dense retriever: TF-IDF, a truncated SVD, cosine.

    Chunks and queries are projected onto the top ``n_components`` right singular
    vectors of the chunks' TF-IDF matrix and compared by cosine. Words that co-occur in
    the corpus ("chunk", "passage", "window") load on the same directions, so a query can
    match a chunk it shares no word with, which BM25 cannot do; the price is blur between
    nearby topics, which is why dense and lexical retrieval are fused rather than chosen.

    Attributes after :meth:`fit`: ``tfidf_`` (:class:`TfidfVectorizer`), ``svd_``
    (:class:`TruncatedSVD`), ``doc_vectors_`` (n_docs, n_components), unit rows.
    """

    def __init__(self, n_components: int = 128, *, sublinear_tf: bool = True,
                 random_state=0):
        self.n_components = n_components
        self.sublinear_tf = sublinear_tf
        self.random_state = random_state

    def fit(self, docs) -> LSARetriever:
        """Index tokenised ``docs``; returns self."""
        self.tfidf_ = TfidfVectorizer(sublinear_tf=self.sublinear_tf)
        X = self.tfidf_.fit_transform(docs)
        self.svd_ = TruncatedSVD(self.n_components, random_state=self.random_state)
        self.doc_vectors_ = _unit_rows(self.svd_.fit_transform(X))
        return self

    def embed(self, queries) -> np.ndarray:
        """Unit vectors of tokenised ``queries``, shape (n_queries, n_components); a
        query with no known term is the zero vector."""
        if not hasattr(self, "svd_"):
            raise RuntimeError("LSARetriever: call fit(docs) first")
        return _unit_rows(self.svd_.transform(self.tfidf_.transform(queries)))

    def score(self, queries) -> np.ndarray:
        """Cosine similarity of every query with every document, (n_queries, n_docs)."""
        return self.embed(queries) @ self.doc_vectors_.T


# -- 3. fusion and re-ranking ---------------------------------------------------------------


def _check_ranking(ranking, name: str, n_docs: int, n_queries: int | None) -> np.ndarray:
    r = np.asarray(ranking)
    if r.ndim != 2 or r.dtype.kind not in "iu":
        raise TypeError(f"{name}: expected a 2-D integer array (n_queries, length), got "
                        f"dtype {r.dtype} and shape {r.shape}")
    if n_queries is not None and r.shape[0] != n_queries:
        raise ValueError(f"{name}: expected {n_queries} rows like the first ranking, got "
                         f"{r.shape[0]}")
    if r.size and (r.min() < -1 or r.max() >= n_docs):
        raise ValueError(f"{name}: expected document indices in [0, {n_docs}) or -1 "
                         f"(empty slot), got values in [{r.min()}, {r.max()}]")
    return r.astype(np.int64, copy=False)


def reciprocal_rank_fusion(rankings, n_docs: int, *, k: float = 60.0) -> np.ndarray:
    """Fused score of every document: ``Σ over rankings of 1 / (k + rank)``.

    Parameters
    ----------
    rankings : sequence of int arrays, each (n_queries, length_i): document indices best
        first (``-1`` = empty slot). A document missing from a ranking gets nothing from it.
    n_docs : number of documents (columns of the result)
    k : float > 0; rank 1 earns 1 / (k + 1). The constant damps the head: with k = 60 the
        first and the tenth places differ by 13%, so agreement between retrievers counts
        more than one retriever's confidence (Cormack et al. 2009).

    Returns
    -------
    float array (n_queries, n_docs). Rank the documents with
    :func:`mlinterview.ml.design.recsys.top_k` (ties to the lower index).
    """
    if isinstance(rankings, np.ndarray) or not isinstance(rankings, Sequence) or not rankings:
        raise TypeError("rankings: expected a non-empty list of (n_queries, length) arrays")
    check_scalar(n_docs, "n_docs", (int, np.integer), lo=1)
    check_scalar(k, "k", lo=0.0, include_lo=False)
    first = _check_ranking(rankings[0], "rankings[0]", n_docs, None)
    fused = np.zeros((first.shape[0], n_docs))
    for i, ranking in enumerate(rankings):
        r = first if i == 0 else _check_ranking(ranking, f"rankings[{i}]", n_docs,
                                                first.shape[0])
        rows, pos = np.nonzero(r >= 0)
        # np.add.at, not +=: fused[rows, docs] += ... would count a document listed twice
        # in one row once.
        np.add.at(fused, (rows, r[rows, pos]), 1.0 / (k + pos + 1.0))
    return fused


class TermProximityReranker:
    """Re-score a short list of chunks with features of the query and chunk together.

    For a query's distinct known terms with weights ``idf`` (from a fitted BM25 index):

    - ``coverage``: the idf-weighted share of the query's terms the chunk contains;
    - ``proximity``: the largest idf-weighted share found inside any ``window``
      consecutive tokens of the chunk (a chunk that mentions "recall" and "chunk" in one
      sentence beats one that mentions them pages apart);
    - ``prior``: the first stage's opinion, ``1 / (1 + rank)`` of the candidate.

    Score = ``coverage + proximity + prior_weight · prior``. A cross-encoder (a
    transformer reading query and chunk as one sequence) is the production version; it
    sees the same kind of evidence and costs one forward pass per candidate, which is why
    only a short list is re-ranked.
    """

    def __init__(self, window: int = 24, prior_weight: float = 1.0):
        self.window = window
        self.prior_weight = prior_weight

    def fit(self, index, chunk_tokens) -> TermProximityReranker:
        """Keep the idf of a fitted :class:`~mlinterview.ml.text.bm25.BM25` ``index`` and
        the chunks' tokens as padded term ids (n_chunks, max_len), -1 padding."""
        check_scalar(self.window, "window", (int, np.integer), lo=1)
        check_scalar(self.prior_weight, "prior_weight", lo=0.0)
        if not hasattr(index, "idf_"):
            raise TypeError("index: expected a fitted BM25 index")
        self.idf_, self.vocabulary_ = index.idf_, index.vocabulary_
        ids = [self._ids(t) for t in chunk_tokens]
        width = max((a.size for a in ids), default=0)
        self.chunk_ids_ = np.full((len(ids), max(width, 1)), -1, dtype=np.int64)
        for i, a in enumerate(ids):
            self.chunk_ids_[i, :a.size] = a
        return self

    def _ids(self, tokens) -> np.ndarray:
        """Vocabulary ids of ``tokens`` (unknown tokens become -2, matching nothing)."""
        t = np.asarray(list(tokens), dtype=str)
        pos = np.searchsorted(self.vocabulary_, t)
        ok = pos < self.vocabulary_.size
        ok[ok] = self.vocabulary_[pos[ok]] == t[ok]
        return np.where(ok, pos, -2)

    def features(self, query_tokens, candidates) -> np.ndarray:
        """``(coverage, proximity)`` of each candidate chunk index for one tokenised query,
        shape (n_candidates, 2); zeros when the query has no known term."""
        q = np.unique(self._ids(query_tokens))
        q = q[q >= 0]
        cand = np.asarray(candidates, dtype=np.int64)
        if q.size == 0 or cand.size == 0:
            return np.zeros((cand.size, 2))
        w = self.idf_[q] / self.idf_[q].sum()                      # (T,)
        ids = self.chunk_ids_[cand]                                 # (C, L)
        match = ids[None, :, :] == q[:, None, None]                 # (T, C, L)
        coverage = w @ match.any(axis=2)
        # Occurrences of each term in every window [s, s + window): differences of a
        # running count, then "present" = count > 0, weighted by idf, best window.
        csum = np.concatenate([np.zeros((*match.shape[:2], 1), dtype=np.int64),
                               np.cumsum(match, axis=2)], axis=2)
        width = min(self.window, ids.shape[1])
        in_window = (csum[:, :, width:] - csum[:, :, :-width]) > 0    # (T, C, L - width + 1)
        proximity = np.einsum("t,tcs->cs", w, in_window).max(axis=1)
        return np.column_stack([coverage, proximity])

    def rerank(self, query_tokens, candidates) -> np.ndarray:
        """The candidates (chunk indices, best first from the first stage) re-ordered by
        the re-ranker's score, best first; ties keep the first stage's order."""
        cand = np.asarray(candidates, dtype=np.int64)
        cand = cand[cand >= 0]
        f = self.features(query_tokens, cand)
        prior = 1.0 / (2.0 + np.arange(cand.size))                 # 1 / (1 + rank)
        score = f.sum(axis=1) + self.prior_weight * prior
        return cand[np.argsort(-score, kind="stable")]


# -- 4. evaluation -------------------------------------------------------------------------


def doc_recall_at_k(chunk_ranking, chunk_doc, relevant, k: int | None = None) -> float:
    """Mean over queries of the share of relevant documents with a chunk in the top k.

    Parameters
    ----------
    chunk_ranking : int array (n_queries, length), chunk indices best first (-1 = empty)
    chunk_doc : int array (n_chunks,), the document of every chunk
    relevant : bool array (n_queries, n_docs)
    k : cut-off (default: the whole ``chunk_ranking`` row)

    Two chunks of the same document count once; queries without a relevant document are
    left out (recall is 0/0), as in :func:`mlinterview.ml.design.recsys.recall_at_k`, which
    computes the mean once the chunks are mapped to de-duplicated documents.
    """
    chunk_doc = np.asarray(chunk_doc)
    if chunk_doc.ndim != 1 or chunk_doc.dtype.kind not in "iu":
        raise TypeError("chunk_doc: expected a 1-D integer array (n_chunks,)")
    r = _check_ranking(chunk_ranking, "chunk_ranking", chunk_doc.size, None)
    if k is not None:
        check_scalar(k, "k", (int, np.integer), lo=1)
        r = r[:, :k]
    docs = np.where(r >= 0, chunk_doc[np.maximum(r, 0)], -1)
    # A document already listed earlier in the row becomes an empty slot.
    same = docs[:, :, None] == docs[:, None, :]                   # (n_q, k, k)
    earlier = np.tril(np.ones(same.shape[1:], dtype=bool), -1)
    docs[(same & earlier).any(axis=2)] = -1
    return recall_at_k(docs, np.asarray(relevant, dtype=bool))


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def groundedness(answer: str, passages, *, threshold: float = 0.6,
                 stop_words=ENGLISH_STOP_WORDS) -> tuple[float, np.ndarray]:
    """Share of the answer's sentences supported by at least one passage.

    A sentence (split after ``.``, ``!`` or ``?``) is supported when some passage contains
    at least ``threshold`` of its distinct content words (tokens minus ``stop_words``).
    Sentences without content words are skipped. Returns ``(share, support)`` with
    ``support`` (n_sentences,) the best passage's coverage of each kept sentence.

    Token overlap is a cheap first check, not a proof: it catches an answer that talks
    about things the passages never mention, and misses a negation or a wrong number
    built from the passages' words; production systems add an entailment (NLI) model or
    an LLM judge and ask for citations.
    """
    if not isinstance(answer, str):
        raise TypeError(f"answer: expected a str, got {type(answer).__name__}")
    check_scalar(threshold, "threshold", lo=0.0, hi=1.0, include_lo=False)
    if isinstance(passages, str) or not isinstance(passages, Sequence):
        raise TypeError("passages: expected a sequence of str")
    sentences = [set(tokenize(s, stop_words=stop_words)) for s in _SENTENCE.split(answer)]
    sentences = [sorted(s) for s in sentences if s]
    if not sentences:
        raise ValueError("answer: expected at least one sentence with a content word")
    if not passages:
        return 0.0, np.zeros(len(sentences))
    P, vocab = count_matrix([tokenize(p, stop_words=stop_words) for p in passages])
    S = count_matrix(sentences, vocab)[0]                      # unknown words: not covered
    overlap = np.asarray(((S > 0).astype(np.float64) @ (P > 0).astype(np.float64).T)
                         .todense())                           # (n_sentences, n_passages)
    support = overlap.max(axis=1) / np.array([len(s) for s in sentences])
    return float(np.mean(support >= threshold)), support


# -- 5. serving: cache and latency ----------------------------------------------------------


class LRUCache:
    """A least-recently-used cache of at most ``capacity`` entries, counting hits.

    ``get(key)`` returns the value (and marks it recently used) or None; ``put`` inserts
    and evicts the least recently used entry when full. ``hits``, ``misses`` and
    ``hit_rate`` count the ``get`` calls. An ``OrderedDict`` keeps recency order, so both
    operations are O(1).
    """

    def __init__(self, capacity: int):
        check_scalar(capacity, "capacity", (int, np.integer), lo=0)
        self.capacity = int(capacity)
        self._data: OrderedDict = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key):
        """The cached value of ``key`` or None (a miss)."""
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return None

    def put(self, key, value) -> None:
        """Store ``value`` under ``key``, evicting the least recently used if full."""
        if self.capacity == 0:
            return
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    @property
    def hit_rate(self) -> float:
        """hits / (hits + misses), 0 before the first ``get``."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


def zipf_stream(n_distinct: int, n_requests: int, *, exponent: float = 1.0,
                random_state=None) -> np.ndarray:
    """``n_requests`` query ids in ``[0, n_distinct)``, id ``i`` drawn with probability
    proportional to ``1 / (i + 1) ** exponent`` (a few questions are asked very often,
    most rarely: the shape of real query logs). int64 array (n_requests,)."""
    check_scalar(n_distinct, "n_distinct", (int, np.integer), lo=1)
    check_scalar(n_requests, "n_requests", (int, np.integer), lo=0)
    check_scalar(exponent, "exponent", lo=0.0)
    p = 1.0 / np.arange(1, n_distinct + 1) ** exponent
    return check_random_state(random_state).choice(n_distinct, size=n_requests, p=p / p.sum())


def generation_latency(prompt_tokens, output_tokens, *, prefill_tokens_per_s: float = 5000.0,
                       decode_ms_per_token: float = 20.0) -> tuple[float, float]:
    """Time to first token and total time (ms) of the language model's step.

    The prompt (question + retrieved chunks) is processed in parallel at
    ``prefill_tokens_per_s``; each output token then costs ``decode_ms_per_token``
    (decoding is sequential and memory-bound). Returns ``(ttft_ms, total_ms)`` with
    ``ttft = 1000 · prompt / prefill`` and ``total = ttft + output · decode``. The default
    rates are placeholders of the right order for a mid-sized model on one GPU; measure
    your own.

    >>> generation_latency(2000, 200)      # 400 ms of prefill, 4 s of decoding
    (400.0, 4400.0)
    """
    check_scalar(prompt_tokens, "prompt_tokens", lo=0)
    check_scalar(output_tokens, "output_tokens", lo=0)
    check_scalar(prefill_tokens_per_s, "prefill_tokens_per_s", lo=0.0, include_lo=False)
    check_scalar(decode_ms_per_token, "decode_ms_per_token", lo=0.0)
    ttft = 1000.0 * prompt_tokens / prefill_tokens_per_s
    return float(ttft), float(ttft + output_tokens * decode_ms_per_token)
