"""Cases for tokenization/bpe-train.

Fixed cases are worked by hand (the statement's example among them). The reference is
the library's trainer, mlinterview.ml.text.bpe.train_bpe with its default tie rule
(smallest left id, then right id): its merges equal Hugging Face tokenizers' BpeTrainer on
the same corpora (tests/parity/test_tokenization.py), and equal those of the textbook
trainer that recounts everything after each merge (tests/ml/text/test_bpe.py). Generated
corpora use small alphabets (ties and runs everywhere), accented letters and emoji (multi-
byte words), and num_merges past the point where the pairs run out; the last two are
5,000 words and 1,000 merges, where recounting after each merge is too slow.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.text.bpe import train_bpe


def reference(word_counts, num_merges):
    run = train_bpe({w.encode("utf-8"): c for w, c in word_counts.items()},
                    256 + num_merges)
    if run.merged != list(range(256, 256 + len(run.merges))):
        raise ValueError("word_counts: two merges make the same bytes here; this exercise "
                         "numbers merge r as 256 + r")
    return [tuple(m) for m in run.merges]


SENNRICH = {"low": 5, "lower": 2, "newest": 6, "widest": 3}


def fixed():
    return [
        Case((SENNRICH, 3), note="the statement's example",
             expected=[(101, 115), (256, 116), (108, 111)]),
        Case((SENNRICH, 100), note="all of it: twelve merges, then no pair is left",
             expected=[(101, 115), (256, 116), (108, 111), (258, 119), (101, 119),
                       (110, 260), (261, 257), (100, 257), (105, 263), (119, 264),
                       (101, 114), (259, 266)]),
        Case(({"aaa": 1}, 5), note="(a, a) occurs twice in aaa; then aa + a",
             expected=[(97, 97), (256, 97)]),
        Case(({"aaaa": 1, "aaa": 1}, 5),
             note="a-a counts 3 + 2; then [aa, aa] and [aa, a] tie at 1: (256, 97) first",
             expected=[(97, 97), (256, 97), (256, 256)]),
        Case(({"ab": 1, "ba": 1}, 1), note="a tie: (97, 98) < (98, 97)",
             expected=[(97, 98)]),
        Case(({"ab": 1, "cd": 3}, 1), note="the word counts weigh the pairs",
             expected=[(99, 100)]),
        Case(({"abab": 1, "cd": 2, "dc": 1}, 1),
             note="(a, b) twice in one word ties with (c, d) in a word seen twice",
             expected=[(97, 98)]),
        Case(({"a b": 2}, 2), note="a space is byte 32: (32, 98) < (97, 32)",
             expected=[(32, 98), (97, 256)]),
        Case(({"é": 4}, 2), note="é is the bytes 195 169", expected=[(195, 169)]),
        Case(({"x": 7, "": 3}, 4), note="no pair at all", expected=[]),
        Case(({"abc": 1}, 0), note="no merge asked", expected=[]),
    ]


ALPHABETS = ("ab", "abc", "aab ", "lowernsidt", "éèa", "🙂a", "abcdefghijklmnopqrstuvwxyz")


def add_word(rng, alphabet, words):
    """A random word over a prefix of the alphabet, with a Zipf-like count in 1..50."""
    letters = alphabet[:int(rng.integers(2, len(alphabet) + 1))]
    size = int(rng.integers(0, 12))
    words["".join(rng.choice(letters, size=size))] = int(rng.zipf(1.6)) % 50 + 1


def generated(rng):
    cases = []
    for i in range(26):
        big = i >= 24
        alphabet = list(ALPHABETS[-1] if big else ALPHABETS[i % len(ALPHABETS)])
        words = {}
        if big:
            while len(words) < 5000:
                add_word(rng, alphabet, words)
        else:
            for _ in range(int(rng.integers(1, 40))):     # repeats collapse into one word
                add_word(rng, alphabet, words)
        num = 1000 if big else int(rng.integers(1, 80))
        cases.append(Case((words, num), note=f"{len(words)} words over {''.join(alphabet)!r}, "
                                              f"{num} merges",
                          size=sum(len(w) for w in words) + num))
    return cases


SPEC = ExerciseSpec(
    function="bpe_train",
    compare=Exact(),            # the merges: equal or not
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
