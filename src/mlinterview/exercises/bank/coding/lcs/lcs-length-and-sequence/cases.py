"""Cases for lcs/lcs-length-and-sequence.

Expected lengths come from mlinterview.algo.lcs.lcs_length (checked against a brute force
and rapidfuzz in tests); the first fixed cases are worked by hand in the statement. Any
longest common subsequence is accepted, so the check verifies the returned string rather
than comparing it with one particular answer.
"""

import numpy as np

from mlinterview.algo.lcs import lcs, lcs_length
from mlinterview.exercises.spec import Case, Custom, ExerciseSpec, Limits


def reference(a, b):
    return lcs_length(a, b, method="bitparallel"), lcs(a, b, method="hirschberg")


def _is_subsequence(s, t):
    it = iter(t)
    return all(ch in it for ch in s)


def check(case, expected, got):
    a, b = case.args
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return "expected a tuple (length, sequence)"
    length, seq = got
    expected = expected[0]  # the expected sequence is one of possibly many answers
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)):
        return f"expected the length as an int, got {type(length).__name__}"
    if length != expected:
        return f"expected length {expected}, got {length}"
    if not isinstance(seq, str):
        return f"expected the sequence as a str, got {type(seq).__name__}"
    if len(seq) != expected:
        return f"the sequence {seq[:40]!r} has {len(seq)} symbols, not {expected}"
    for name, text in (("a", a), ("b", b)):
        if not _is_subsequence(seq, text):
            return f"{seq[:40]!r} is not a subsequence of {name}"
    return None


def fixed():
    return [
        Case(("ABCBDAB", "BDCABA"), note="several answers: BCBA, BDAB, BCAB",
             expected=(4, "BDAB")),
        Case(("abc", ""), note="empty b", expected=(0, "")),
        Case(("", ""), note="both empty", expected=(0, "")),
        Case(("abcd", "xbxdx"), note="not contiguous: bd", expected=(2, "bd")),
        Case(("abc", "abc"), note="identical", expected=(3, "abc")),
        Case(("abc", "def"), note="nothing in common", expected=(0, "")),
        Case(("aaaa", "aa"), note="repeated symbols", expected=(2, "aa")),
        Case(("acbd", "abcd"), note="two answers: abd and acd", expected=(3, "abd")),
        Case(("xay", "ayx"), note="greedy matching of x loses ay", expected=(2, "ay")),
        Case(("AGGTAB", "GXTXAYB"), note="classic: GTAB", expected=(4, "GTAB")),
        Case(("ba", "ab"), note="two answers of length 1", expected=(1, "a")),
        Case(("héllo wörld", "hello world"), note="unicode", expected=(9, "hllo wrld")),
    ]


def generated(rng):
    cases = []
    for i, n in enumerate([5, 8, 12, 20, 30, 50, 80, 120, 200, 300, 500, 1000]):
        k = int(rng.integers(2, 6)) if i % 3 else 26
        letters = list("abcdefghijklmnopqrstuvwxyz"[:k])
        a = "".join(rng.choice(letters, n))
        b = "".join(rng.choice(letters, n + int(rng.integers(0, n // 2 + 1))))
        cases.append(Case((a, b), note=f"random, lengths {len(a)} and {len(b)}, {k} symbols"))
    return cases


SPEC = ExerciseSpec(
    function="longest_common_subsequence",
    compare=Custom(check, "the right length and a common subsequence of that length"),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
