"""Cases for lcs/lcs-length-two-rows.

Expected values come from mlinterview.algo.lcs.lcs_length (its DP and bit-parallel methods
are checked against each other and a brute force in tests/algo/test_lcs.py); the fixed
cases are worked by hand.
"""

from mlinterview.algo.lcs import lcs_length
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(a, b):
    return int(lcs_length(a, b))


def fixed():
    return [
        Case(("ABCBDAB", "BDCABA"), note="the textbook example", expected=4),
        Case(("a", "aaa"), note="a symbol is matched once", expected=1),
        Case(("abcd", "xbxdx"), note="a subsequence need not be contiguous", expected=2),
        Case(([3, 1, 2], []), note="an empty list", expected=0),
        Case(("", ""), note="two empty strings", expected=0),
        Case(("same", "same"), note="equal strings", expected=4),
        Case(("abc", "def"), note="nothing in common", expected=0),
        Case(("abcbdab", "bdcaba"), note="lower case: same answer", expected=4),
        Case(([1, 2, 3, 2, 1], [3, 2, 1, 2, 3]), note="lists of ints", expected=3),
        Case(("aab", "ab"), note="the match can come from either 'a'", expected=2),
        Case(("xaxbxc", "abc"), note="b inside a, spread out", expected=3),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        m, n = (int(rng.integers(0, 200)), int(rng.integers(0, 200))) if i < 18 else (1500, 1200)
        k = 2 + i % 6
        a = rng.integers(0, k, m)
        b = rng.integers(0, k, n)
        if i % 2:
            args = ("".join(chr(97 + v) for v in a), "".join(chr(97 + v) for v in b))
        else:
            args = (a.tolist(), b.tolist())
        cases.append(Case(args, note=f"lengths {m} and {n}, {k} symbols", size=m * n))
    return cases


SPEC = ExerciseSpec(
    function="lcs_length",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
