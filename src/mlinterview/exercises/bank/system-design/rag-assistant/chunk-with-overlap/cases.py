"""Cases for rag-assistant/chunk-with-overlap.

Expected values come from mlinterview.ml.design.rag.window_spans (tested against a plain
loop and by hand in tests/ml/design/test_rag.py). The fixed cases are worked by hand.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.design.rag import window_spans


def reference(tokens, size, overlap):
    starts, ends = window_spans(len(tokens), size, overlap)
    return [tokens[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def t(n):
    return [f"t{i}" for i in range(n)]


def fixed():
    return [
        Case((t(10), 4, 1), note="the statement's example: starts 0, 3, 6; no [t9] window",
             expected=[t(10)[0:4], t(10)[3:7], t(10)[6:10]]),
        Case((t(11), 4, 1), note="one more token: a fourth, shorter window [t9 t10]",
             expected=[t(11)[0:4], t(11)[3:7], t(11)[6:10], t(11)[9:11]]),
        Case(([], 4, 1), note="an empty document has no chunk", expected=[]),
        Case((t(3), 10, 2), note="shorter than one window: one chunk of everything",
             expected=[t(3)]),
        Case((t(2), 10, 5), note="shorter than the overlap: still one chunk",
             expected=[t(2)]),
        Case((t(4), 4, 0), note="exactly one window", expected=[t(4)]),
        Case((t(8), 4, 0), note="no overlap, exact fit: two windows",
             expected=[t(8)[0:4], t(8)[4:8]]),
        Case((t(9), 4, 0), note="no overlap: a last window of one token",
             expected=[t(9)[0:4], t(9)[4:8], t(9)[8:9]]),
        Case((t(6), 3, 2), note="overlap size - 1: step 1, windows 0-3, 1-4, 2-5, 3-6",
             expected=[t(6)[0:3], t(6)[1:4], t(6)[2:5], t(6)[3:6]]),
        Case((t(5), 1, 0), note="size 1: every token its own chunk",
             expected=[[x] for x in t(5)]),
        Case((["a", "b", "a", "b", "a"], 2, 1), note="repeated tokens are kept as they are",
             expected=[["a", "b"], ["b", "a"], ["a", "b"], ["b", "a"]]),
    ]


def generated(rng):
    cases = []
    for _ in range(60):
        size = int(rng.integers(1, 40))
        overlap = int(rng.integers(0, size))
        n = int(rng.integers(0, 300))
        cases.append(Case((t(n), size, overlap),
                          note=f"{n} tokens, size {size}, overlap {overlap}"))
    return cases


SPEC = ExerciseSpec(
    function="chunk_tokens",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
