"""Cases for tokenization/merge-step.

Fixed cases are worked by hand (the statement's two examples among them). Generated
corpora use token ids 0..255 so that the reference can be the library's trainer:
mlinterview.ml.text.bpe.train_bpe (its merges equal Hugging Face tokenizers' on the same
corpora, tests/parity/test_tokenization.py) learns one merge from the word counts, with
its default tie rule (smallest left id, then right id), and merge_pair applies it to each
word. Small alphabets make ties, repeated words and runs such as [7, 7, 7] common.
"""

from collections import Counter

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.text.bpe import merge_pair, train_bpe


def reference(words, counts, new_id):
    totals = Counter()
    for word, count in zip(words, counts, strict=True):
        totals[bytes(word)] += count        # a word listed twice counts twice
    merges = train_bpe(totals, 257).merges
    if not merges:
        return None, [list(w) for w in words]
    a, b = merges[0]
    return (a, b), [merge_pair(list(w), a, b, new_id) for w in words]


def fixed():
    return [
        Case(([[1, 2, 3], [2, 3], [3, 1, 2]], [2, 3, 1], 9), note="the statement's example",
             expected=((2, 3), [[1, 9], [9], [3, 1, 2]])),
        Case(([[5, 4], [4, 5]], [1, 1], 9), note="a tie: (4, 5) < (5, 4)",
             expected=((4, 5), [[5, 4], [9]])),
        Case(([[7, 7, 7]], [1], 300), note="a run: merged left to right, no overlap",
             expected=((7, 7), [[300, 7]])),
        Case(([[7, 7, 7, 7], [7, 7]], [1, 1], 300), note="two runs: (7, 7) counts 3 + 1",
             expected=((7, 7), [[300, 300], [300]])),
        Case(([[1, 2, 1, 2, 1], [3, 4]], [1, 2], 50),
             note="(1, 2) and (2, 1) twice in one word, (3, 4) in a word seen twice: a "
                  "three-way tie at 2, the smallest is (1, 2)",
             expected=((1, 2), [[50, 50, 1], [3, 4]])),
        Case(([[1, 2], [3, 4]], [1, 5], 9), note="the count of the word decides",
             expected=((3, 4), [[1, 2], [9]])),
        Case(([[2, 9], [2, 1], [1, 8]], [1, 1, 1], 300),
             note="a three-way tie on the left id: (1, 8) < (2, 1) < (2, 9)",
             expected=((1, 8), [[2, 9], [2, 1], [300]])),
        Case(([[3, 1], [1, 3]], [1, 1], 300), note="a tie on the right id: (1, 3) < (3, 1)",
             expected=((1, 3), [[3, 1], [300]])),
        Case(([[4], [], [5]], [3, 1, 2], 300), note="no word has two tokens",
             expected=(None, [[4], [], [5]])),
        Case(([[6, 6, 6], [6, 6, 6, 6, 6]], [1, 1], 300),
             note="odd runs: [300, 6] and [300, 300, 6]",
             expected=((6, 6), [[300, 6], [300, 300, 6]])),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n_ids = int(rng.integers(2, 7)) if i < 36 else 40
        ids = rng.choice(256, size=n_ids, replace=False)
        n_words = int(rng.integers(1, 30)) if i < 36 else 3000
        words = [[int(t) for t in rng.choice(ids, size=int(rng.integers(0, 10)))]
                 for _ in range(n_words)]
        counts = [int(c) for c in rng.integers(1, 6, size=n_words)]
        new_id = 256 + int(rng.integers(0, 1000))
        cases.append(Case((words, counts, new_id),
                          note=f"{n_words} words over {n_ids} token ids",
                          size=sum(len(w) for w in words)))
    return cases


SPEC = ExerciseSpec(
    function="bpe_merge_step",
    compare=Exact(),            # token ids: equal or not
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
