"""The native engine's vectorised path for CSV files (whole rows or key columns).

The same three passes as :func:`mlinterview.algo.dedup._native`, with NumPy arrays in
place of one Python object per row:

1. a block of the file is one ``uint8`` array; its records are ``(start, end)`` offsets
   (the newline positions, found with one comparison). Each record's key is its bytes
   without the ``\\r`` of a CRLF end, or its key fields cut at the comma offsets (the
   rare record holding a quote: its values written back with minimal quoting). The keys
   are copied as whole 8-byte words (zero past the end) and hashed to 64-bit
   fingerprints, all records at once, one word position per step. The fingerprint picks
   the partition; the partition file receives the row numbers, fingerprints, key
   lengths and the key words;
2. per partition, one sort of (fingerprint, position) puts every key's occurrences
   together in row order: the first of each run is the candidate to keep. A fingerprint
   is not a key, so every later member of a run is compared word by word with the run's
   first; runs where two different keys share a fingerprint (a collision, about
   ``n^2 / 2^65`` likely) are settled exactly with a dict on the key bytes. The kept
   rows are marked in the mask;
3. the file is read again and the bytes of the kept records are copied out through a
   byte mask, in input order.

Memory: one block and its per-record arrays in pass 1; one partition (its key words and
about 40 bytes a row of sort arrays) in pass 2; the bit mask throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

_NEWLINE, _QUOTE, _CR, _COMMA = 10, 34, 13, 44
_MAX_BLOCK = 4 << 20  # bytes read at a time: bounds the per-block arrays (~40 B a byte)
# Multipliers of the fingerprint (splitmix64's constants: odd, well-mixed bits).
_K1, _K2, _K3 = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9),
                 np.uint64(0x94D049BB133111EB))


# ---------------------------------------------------------------------------------------
# Records of a block
# ---------------------------------------------------------------------------------------


def _record_ends(arr: np.ndarray, quoted: bool) -> np.ndarray:
    """Positions of the newlines of ``arr`` that end a record: all of them, or with CSV
    quotes only those preceded by an even number of quote characters."""
    newlines = np.flatnonzero(arr == _NEWLINE)
    if quoted:
        parity = np.cumsum(arr == _QUOTE, dtype=np.uint8)[newlines] & 1
        newlines = newlines[parity == 0]
    return newlines


def blocks(path: Path, skip: int, block_size: int, where: list) -> Iterator[tuple]:
    """``(arr, starts, ends)`` for the records of ``path`` from byte ``skip`` on, about
    ``block_size`` bytes at a time: ``arr[starts[i]:ends[i]]`` is record i (without its
    newline, which is always at ``ends[i]``: a file whose last line lacks it gets one).
    Blank lines are not records. ``where[0]`` follows the bytes read."""
    with open(path, "rb") as fh:
        fh.seek(skip)
        rest = b""
        while True:
            data = fh.read(block_size)
            where[0] = fh.tell()
            final = not data
            buf = rest + data
            if final and buf and not buf.endswith(b"\n"):
                buf += b"\n"
            arr = np.frombuffer(buf, np.uint8)
            ends = _record_ends(arr, _QUOTE in buf)
            if final and buf and (not ends.size or ends[-1] != arr.size - 1):
                # A quote left open at the end of the file: the rest is one last record.
                ends = np.append(ends, arr.size - 1)
            rest = buf[int(ends[-1]) + 1:] if ends.size else buf
            starts = np.concatenate([[0], ends[:-1] + 1]) if ends.size else ends
            size = ends - starts
            blank = (size == 0) | ((size == 1) & (arr[starts] == _CR))
            if blank.any():
                starts, ends = starts[~blank], ends[~blank]
            if starts.size:
                yield arr, starts, ends
            if final:
                return


def keys(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray, canonical,
         columns: list[int] | None = None) -> tuple:
    """``(buf, kstart, klen)``: record i's key is ``buf[kstart[i]:kstart[i] + klen[i]]``.

    A record without quotes is its own key (less the ``\\r`` of a CRLF end), or with
    ``columns`` its fields at those positions joined by commas (:func:`_columns`). A
    record with a quote is replaced by ``canonical(record)`` (its values with minimal
    quoting, so that ``"a",b`` and ``a,b`` are the same row), appended after the rest.
    ``buf`` ends with 8 zero bytes, so that an 8-byte word can be read at any key's end.
    """
    kend = ends - (arr[ends - 1] == _CR)
    if columns is None:
        base, kstart, klen = arr, starts, kend - starts
    else:
        base, kstart, klen = _columns(arr, starts, kend, columns)
    extra = b""
    if _QUOTE in arr:
        in_quotes = np.concatenate([[0], np.cumsum(arr == _QUOTE)])
        quoted = np.flatnonzero(in_quotes[ends] > in_quotes[starts])
        if quoted.size:
            texts = [canonical(arr[s:e].tobytes())
                     for s, e in zip(starts[quoted].tolist(), ends[quoted].tolist(), strict=True)]
            sizes = np.fromiter(map(len, texts), np.int64, len(texts))
            kstart, klen = kstart.copy(), klen.copy()
            kstart[quoted] = base.size + np.cumsum(sizes) - sizes
            klen[quoted] = sizes
            extra = b"".join(texts)
    buf = np.concatenate([base, np.frombuffer(extra, np.uint8), np.zeros(8, np.uint8)])
    return buf, kstart, klen


def _columns(arr: np.ndarray, starts: np.ndarray, kend: np.ndarray, columns: list[int]):
    """``(key_bytes, kstart, klen)``: for each record ``arr[starts[i]:kend[i]]`` (read as
    having no quotes), its fields at ``columns`` joined by commas; a missing field (a short
    row) is written as a lone newline, which no field without quotes can hold.

    Field c of a record lies between its (c-1)-th and c-th commas (or the record's ends):
    the record's first comma is found with one ``searchsorted`` for all records.
    """
    commas = np.append(np.flatnonzero(arr == _COMMA), arr.size)  # a sentinel past the end
    first = np.searchsorted(commas, starts)
    n_commas = np.searchsorted(commas, kend) - first
    src = np.concatenate([arr, np.frombuffer(b",\n", np.uint8)])
    comma_at, newline_at = arr.size, arr.size + 1
    # Segments of each key: field, comma, field, ... (2 * len(columns) - 1 per record).
    seg_start = np.full((starts.size, 2 * len(columns) - 1), comma_at, np.int64)
    seg_len = np.ones_like(seg_start)
    last = commas.size - 1
    for j, c in enumerate(columns):
        present = c <= n_commas
        lo = starts if c == 0 else commas[np.minimum(first + c - 1, last)] + 1
        hi = np.where(c == n_commas, kend, commas[np.minimum(first + c, last)])
        seg_start[:, 2 * j] = np.where(present, lo, newline_at)
        seg_len[:, 2 * j] = np.where(present, hi - lo, 1)
    klen = seg_len.sum(axis=1)
    return gather(src, seg_start.ravel(), seg_len.ravel()), np.cumsum(klen) - klen, klen


# ---------------------------------------------------------------------------------------
# Keys as 8-byte words, and their fingerprints
# ---------------------------------------------------------------------------------------


def _by_words(n_words: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Keys sorted by their number of words, and for each step k the first sorted key
    that still has a word k: the keys of step k are a suffix, no mask needed."""
    small = n_words.size == 0 or n_words.max() < 1 << 16
    order = np.argsort(n_words.astype(np.uint16) if small else n_words, kind="stable")
    steps = int(n_words[order[-1]]) if n_words.size else 0
    return order, np.searchsorted(n_words[order], np.arange(steps), side="right").tolist()


def key_words(buf: np.ndarray, kstart: np.ndarray, klen: np.ndarray) -> tuple:
    """``(words, woff, fps)``: key i as whole little-endian 8-byte words, zero past its
    end (``words[woff[i]:woff[i] + ceil(klen[i] / 8)]``), and its 64-bit fingerprint,
    ``h = mix((h ^ word) * K)`` over its words seeded with its length, shape (n,).

    Equal keys give equal words and fingerprints; different keys almost always different
    fingerprints. The loop runs over word positions (a few for short rows), each step
    over all the keys at once.
    """
    raw = np.ndarray((buf.size - 7,), "<u8", buf, strides=(1,))  # a word at every byte
    n_words = (klen + 7) >> 3
    woff = np.cumsum(n_words) - n_words
    words = np.empty(int(n_words.sum()), np.uint64)
    order, first = _by_words(n_words)
    s, n, o = kstart[order], klen[order], woff[order]
    h = n.astype(np.uint64) * _K1
    for k, lo in enumerate(first):
        w = raw[s[lo:] + 8 * k]
        # Shift out the bytes past the key's end (a key has >= 1 byte in its last word).
        cut = (np.maximum(8 - (n[lo:] - 8 * k), 0) * 8).astype(np.uint64)
        w = (w << cut) >> cut
        words[o[lo:] + k] = w
        h[lo:] = (h[lo:] ^ w) * _K1
        h[lo:] ^= h[lo:] >> np.uint64(29)
    fps = np.empty_like(h)
    fps[order] = _mix(h)
    return words, woff, fps


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit flips about half the output bits."""
    h = (h ^ (h >> np.uint64(30))) * _K2
    h = (h ^ (h >> np.uint64(27))) * _K3
    return h ^ (h >> np.uint64(31))


def equal_keys(words: np.ndarray, wa: np.ndarray, wb: np.ndarray, len_a: np.ndarray,
               len_b: np.ndarray) -> np.ndarray:
    """Whether key i at word ``wa[i]`` (``len_a[i]`` bytes) equals key i at ``wb[i]``
    (``len_b[i]`` bytes), shape (n,): same length and same words."""
    out = len_a == len_b
    both = np.flatnonzero(out)  # only keys of the same length are read
    order, first = _by_words((len_a[both] + 7) >> 3)
    at = both[order]
    a, b = wa[at], wb[at]
    equal = np.ones(at.size, bool)
    for k, lo in enumerate(first):
        equal[lo:] &= words[a[lo:] + k] == words[b[lo:] + k]
    out[at] = equal
    return out


def gather(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The spans ``values[starts[i]:starts[i] + counts[i]]`` one after the other: an index
    per value, (start - new start) repeated over each span plus a running count."""
    index = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    index += np.arange(index.size)
    return values[index]


# ---------------------------------------------------------------------------------------
# Partitions: written in chunks, read back whole
# ---------------------------------------------------------------------------------------


def write_chunk(fh, rows: np.ndarray, fps: np.ndarray, klen: np.ndarray,
                words: np.ndarray) -> None:
    """One block's share of a partition, all 8-byte values: a header (n, n_words), then
    the n row numbers, n fingerprints, n key lengths in bytes and the keys' words."""
    for part in (np.array([rows.size, words.size]), rows, fps, klen, words):
        fh.write(part.astype("<u8", copy=False).tobytes())


def read_partition(path: Path) -> tuple:
    """``(rows, fps, woff, klen, words)`` of a partition file, rows increasing; the keys'
    words stay where they are in the file (``words``, the whole file as 8-byte words)."""
    words = np.empty(path.stat().st_size // 8, np.uint64)
    with open(path, "rb") as fh:
        fh.readinto(words.view(np.uint8))
    rows, fps, klen, woff = [], [], [], []
    pos = 0
    while pos < words.size:
        n, n_words = int(words[pos]), int(words[pos + 1])
        pos += 2
        for out in (rows, fps, klen):
            out.append(words[pos:pos + n])
            pos += n
        k_words = (klen[-1].astype(np.int64) + 7) >> 3
        woff.append(pos + np.cumsum(k_words) - k_words)
        pos += n_words
    if not rows:
        empty = np.zeros(0, np.int64)
        return empty, empty.astype(np.uint64), empty, empty, words
    return (np.concatenate(rows).astype(np.int64), np.concatenate(fps),
            np.concatenate(woff), np.concatenate(klen).astype(np.int64), words)


def first_rows(rows, fps, woff, klen, words, keep: str) -> np.ndarray:
    """Row numbers of the first (or last) occurrence of every key, shape (n_kept,),
    for rows given in increasing order."""
    m = rows.size
    if m == 0:
        return rows
    if keep == "last":  # the last occurrence is the first one of the reversed rows
        rows, fps, woff, klen = rows[::-1], fps[::-1], woff[::-1], klen[::-1]
    # One sort of (top bits of the fingerprint, position) packed in a uint64: equal
    # fingerprints come together in row order (a plain sort is faster than a stable
    # argsort). Keys that only share the top bits are told apart below, as collisions.
    bits = np.uint64(m.bit_length())
    packed = np.sort((fps >> bits << bits) | np.arange(m, dtype=np.uint64))
    order = (packed & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.intp)
    top = packed >> bits
    head = np.empty(m, bool)
    head[0] = True
    head[1:] = top[1:] != top[:-1]
    run = np.cumsum(head) - 1  # run number of each sorted row
    later, its_first = order[~head], order[head][run[~head]]
    same = equal_keys(words, woff[later], woff[its_first], klen[later], klen[its_first])
    if same.all():
        return rows[order[head]]
    # Two keys share a run: settle every such run with the keys' bytes.
    bad_runs = np.zeros(int(run[-1]) + 1, bool)
    bad_runs[run[~head][~same]] = True
    in_bad = bad_runs[run]
    kept: dict[bytes, int] = {}
    for i in order[in_bad].tolist():
        key = words[woff[i]:woff[i] + ((klen[i] + 7) >> 3)].tobytes()[:klen[i]]
        kept.setdefault(key, i)
    exact = np.fromiter(kept.values(), np.int64, len(kept))
    return rows[np.concatenate([order[head & ~in_bad], exact])]


def kept_bytes(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               kept: np.ndarray) -> np.ndarray:
    """The bytes of the kept records with their newlines, in order. The block alternates
    gaps (blank lines, the unfinished record at the end) and records: one ``np.repeat``
    spreads [False, kept[0], False, kept[1], ..., False] over those lengths."""
    lengths = np.empty(2 * starts.size + 1, np.int64)
    lengths[0] = starts[0]
    lengths[1::2] = ends - starts + 1
    lengths[2:-1:2] = starts[1:] - ends[:-1] - 1
    lengths[-1] = arr.size - ends[-1] - 1
    flags = np.zeros(lengths.size, bool)
    flags[1::2] = kept
    return arr[np.repeat(flags, lengths)]
