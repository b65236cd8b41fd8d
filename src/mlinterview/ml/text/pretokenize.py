"""Pre-tokenisation for byte-level BPE: split text into words, and show bytes as characters.

BPE never merges across the pieces made here, so the split decides what a token *can* be:
with GPT-2's split a token never holds a letter and a digit together, and a space is glued
to the front of the word that follows it (``" world"``), which is why " world" and "world"
are different tokens.

Two split patterns (the regular expressions of GPT-2 and of OpenAI's cl100k_base):

``"gpt2"`` (Radford et al. 2019; the ``ByteLevel`` pre-tokenizer of Hugging Face
``tokenizers`` uses the same expression), tried left to right at each position::

    's|'t|'re|'ve|'m|'ll|'d      English contractions (ASCII apostrophe, lower case)
     ?\\p{L}+                    an optional space and a run of letters
     ?\\p{N}+                    an optional space and a run of digits (any length)
     ?[^\\s\\p{L}\\p{N}]+          an optional space and a run of other symbols
    \\s+(?!\\S)                   white space, leaving its last character to the next word
    \\s+                          the rest of the white space

``"gpt4"`` (in the form of cl100k_base's): contractions in either case, a letter run may
take one leading symbol (``"_name"``, ``"(word"``), numbers are cut into runs of at most
three digits, and line breaks are kept apart from other white space.

Python's ``re`` has no ``\\p{L}``: the classes are built once, on first use, from
:mod:`unicodedata` (letters: categories L*; numbers: N*; white space: the Unicode
White_Space property, which, unlike ``str.isspace``, excludes the separators U+001C to
U+001F). A character that the running Python's Unicode database does not know (category
Cn) counts as a symbol; a newer Unicode version may have made it a letter.

:func:`bytes_to_unicode` is GPT-2's table that shows each of the 256 bytes as a printable
character (space is ``"Ġ"``, newline ``"Ċ"``): vocabularies and merge lists stored as text
use it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["PATTERNS", "bytes_to_unicode", "pretokenize", "split_pattern", "unicode_to_bytes"]

# The two split patterns. In the templates {L}, {N} match one letter, one number; {S} is
# the body of the white-space class; {O} matches one character that is none of the three
# (the [^\s\p{L}\p{N}] of the originals) and {Q} one that is neither a letter, a number,
# \r nor \n. Kept as templates so the docstring's reading stays next to them.
PATTERNS = {
    "gpt2": r"'s|'t|'re|'ve|'m|'ll|'d| ?{L}+| ?{N}+| ?{O}+|[{S}]+(?![^{S}])|[{S}]+",
    "gpt4": (r"'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])"
             r"|{Q}?{L}+|{N}{{1,3}}| ?{O}+[\r\n]*|[{S}]*[\r\n]+|[{S}]+(?![^{S}])|[{S}]+"),
}

# Unicode White_Space (PropList.txt): the characters that \s means in the Rust/Oniguruma
# regular expressions of tokenizers. Python's str.isspace adds U+001C..U+001F.
_WHITE_SPACE = ((0x09, 0x0D), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680),
                (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F),
                (0x3000, 0x3000))
_ASTRAL = r"\U00010000-\U0010ffff"


def _class_text(ranges) -> str:
    """The body of a regex character class, ``\\UXXXXXXXX-\\UYYYYYYYY...``, for inclusive
    ranges of code points."""
    def esc(cp: int) -> str:
        return f"\\U{cp:08x}"
    return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)


@functools.cache
def _classes() -> dict[str, str]:
    """The one-character matchers that fill the templates of :data:`PATTERNS`.

    One pass over the code points (about 0.15 s, once) finds the runs of letters (major
    category L) and numbers (N). Each class is split at U+FFFF: ``re`` turns the part
    below into a bitmap, but tests ranges above it one by one, for every character that
    the bitmap rejects; a look-ahead lets only characters above U+FFFF reach them (three
    times faster on English text).
    """
    runs: dict[str, list[tuple[int, int]]] = {"L": [], "N": []}
    category = unicodedata.category
    prev, start = "", 0
    for cp in range(0x110000):
        major = category(chr(cp))[0]
        if major != prev:
            if prev in runs:
                runs[prev].append((start, cp - 1))
            prev, start = major, cp
    if prev in runs:
        runs[prev].append((start, 0x10FFFF))

    def halves(ranges):
        low = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
        high = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
        return _class_text(low), _class_text(high)

    (lb, la), (nb, na) = halves(runs["L"]), halves(runs["N"])
    s = _class_text(_WHITE_SPACE)          # all of it below U+FFFF
    high = f"(?=[{_ASTRAL}])"
    return {
        "L": f"(?:[{lb}]|{high}[{la}])",
        "N": f"(?:[{nb}]|{high}[{na}])",
        "S": s,
        "O": f"(?:[^{s}{lb}{nb}{_ASTRAL}]|{high}[^{la}{na}])",
        "Q": f"(?:[^\\r\\n{lb}{nb}{_ASTRAL}]|{high}[^{la}{na}])",
    }


@functools.cache
def split_pattern(name: str = "gpt2") -> re.Pattern:
    """The compiled split expression ``name`` (a key of :data:`PATTERNS`)."""
    if name not in PATTERNS:
        raise ValueError(f"pattern: expected one of {sorted(PATTERNS)}, got {name!r}")
    return re.compile(PATTERNS[name].format(**_classes()))


def pretokenize(text: str, *, pattern: str | None = "gpt2",
                add_prefix_space: bool = False) -> list[str]:
    """Split ``text`` into the pieces BPE works on; ``"".join(pieces)`` is ``text``.

    ``pattern`` is a key of :data:`PATTERNS`, or None for no split: the whole text is one
    piece (merges may then cross spaces, as in SentencePiece).

    ``add_prefix_space`` puts a space before a text that does not start with one, so its
    first word gets the same token as the same word in mid-sentence (Hugging Face's
    ``ByteLevel(add_prefix_space=True)``; decoding then returns that extra space).

    >>> pretokenize("Hello  world's 123!")
    ['Hello', ' ', ' world', "'s", ' 123', '!']
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    if add_prefix_space and text and not text.startswith(" "):
        text = " " + text
    if pattern is None:
        return [text] if text else []
    return split_pattern(pattern).findall(text)


@functools.cache
def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable character for each byte value 0..255.

    Bytes that are printable Latin-1 characters (``!``..``~``, ``¡``..``¬``, ``®``..``ÿ``)
    stand for themselves; the other 68 (controls, space, U+007F..U+00A0, the soft hyphen)
    are shown as U+0100 onwards, in byte order: space (32) becomes U+0120 ``"Ġ"``.
    """
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
                 *range(ord("®"), ord("ÿ") + 1)]
    table = {b: chr(b) for b in printable}
    shifted = 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + shifted)
            shifted += 1
    return dict(sorted(table.items()))


@functools.cache
def unicode_to_bytes() -> dict[str, int]:
    """The inverse of :func:`bytes_to_unicode`: printable character -> byte value."""
    return {c: b for b, c in bytes_to_unicode().items()}
