"""Cases for tokenization/bpe-encode.

Fixed cases are worked by hand (the statement's examples among them). Generated merges
are learned by mlinterview.ml.text.bpe.ByteLevelBPE on random texts (its merges equal
Hugging Face tokenizers' on the same corpora, and its encoding gives tokenizers' tokens:
tests/parity/test_tokenization.py); the reference encodes with
``ByteLevelBPE.from_merges(merges, pattern=None)``, the same merges without a pre-tokenizer.
Texts mix ASCII, runs of one letter, spaces, accented letters, CJK and emoji, so that
merges meet multi-byte characters, repeated pairs and runs.
"""

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.text.bpe import ByteLevelBPE


def reference(text, merges):
    tok = ByteLevelBPE.from_merges([tuple(m) for m in merges], pattern=None)
    if len(tok) != 256 + len(merges):
        raise ValueError("merges: two merges make the same bytes; merge r must make a new "
                         "token 256 + r")
    return tok.encode(text)


ALPHABETS = ("ab ", "aaab", "the cat sat on the mat ", "éèê a", "日本語 ", "🙂🙃 x",
             "0123456789 ,.")


def fixed():
    hi = [(104, 105), (256, 33), (32, 256)]
    return [
        Case(("hi! hi", hi), note="the statement's example", expected=[257, 258]),
        Case(("aaaaa", [(97, 97), (256, 97)]), note="replaying is not the longest match",
             expected=[256, 257]),
        Case(("aaa", [(97, 97), (256, 97)]), note="aa then aa+a", expected=[257]),
        Case(("aaaa", [(97, 97), (256, 97), (256, 256)]),
             note="aa|aa first (rank 0 twice); (aa, aa) then joins them",
             expected=[258]),
        Case(("abc", [(98, 99), (97, 98)]),
             note="(b, c) has the lower rank although (a, b) comes first in the text",
             expected=[97, 256]),
        Case(("abab", [(97, 98)]), note="both occurrences of the pair", expected=[256, 256]),
        Case(("", [(97, 98)]), note="the empty text", expected=[]),
        Case(("x", []), note="no merges: the bytes", expected=[120]),
        Case(("é", [(195, 169)]), note="é is the two bytes 195, 169", expected=[256]),
        Case(("aé", [(97, 195)]),
             note="a merge may cut a character: a + the first byte of é",
             expected=[256, 169]),
        Case(("hi hi", hi), note="no '!': rank 1 never applies", expected=[256, 258]),
    ]


def random_text(rng, alphabet, n):
    return "".join(rng.choice(list(alphabet), size=n))


def generated(rng):
    cases = []
    for i in range(36):
        alphabet = ALPHABETS[i % len(ALPHABETS)] + ALPHABETS[(i // 3) % len(ALPHABETS)]
        big = i >= 32

        corpus = [random_text(rng, alphabet, int(rng.integers(5, 60)))
                  for _ in range(500 if big else 20)]
        vocab = 256 + (300 if big else int(rng.integers(1, 60)))
        pattern = None if i % 2 else "gpt2"
        merges = [tuple(int(x) for x in m)
                  for m in ByteLevelBPE(vocab, pattern=pattern).train(corpus).merges]
        sample = (corpus[0] if i % 3 == 0
                  else random_text(rng, alphabet, int(rng.integers(0, 3000 if big else 80))))
        cases.append(Case((sample, merges),
                          note=f"{len(merges)} merges learned on {alphabet!r}, a text of "
                               f"{len(sample)} characters",
                          size=len(sample) + len(merges)))
    return cases


SPEC = ExerciseSpec(
    function="bpe_encode",
    compare=Exact(),            # token ids: equal or not
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
