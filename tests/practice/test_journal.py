"""The answer journal: built from the stored answers, written in the seed's format, read
back (the seed itself included), imported once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlinterview.practice import MAX_ANSWER_CHARS, Answer, Practice
from mlinterview.practice import journal as jn
from mlinterview.practice.questions import match_question
from mlinterview.study import Study
from mlinterview.study.store import Store
from mlinterview.topics import all_topics, get_topic

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_5df831adf42169ce.txt"
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

# Every heading of the seed, by how it starts, with the topic it asks about: read and
# labelled by hand (COVERAGE.md's table), not by the matcher.
SEED_TOPICS = {
    "How to check overfitting": "overfitting",
    "How does SGD / Adam": "optimizers",
    "Explain the Chain-rule": "backprop",
    "What metrics would you use in a classification": "classification-metrics",
    "How to deal with an imbalanced": "imbalanced-data",
    "What loss function will you use to measure multi-label": "multilabel",
    "Ensemble algorithm?": "ensembles",
    "What is a decision tree?": "decision-trees",
    "Explain RandomForests": "random-forests",
    "How to split a tree?": "tree-splitting",
    "What is Least Squares?": "least-squares",
    "Differences / Problems / Advantages of L1 and L2": "l1-l2",
    "Explain different generative models": "generative-models",
    "Can you use noise different than gaussian": "diffusion-noise",
    "Explain Expectation Maximization": "expectation-maximization",
    "Explain Maximum likelihood": "maximum-likelihood",
    "Explain PCA intuitively": "pca",
    "Structure from motion?": "3d-vision",
    "What are SVM?": "svm",
    "Explain A\\*": "search-planning",
    "Do you really understand entropy?": "entropy",
    "What causes vanishing / exploding gradients?": "vanishing-gradients",
    "How does a typical anomaly detection pipeline": "anomaly-detection",
    "Let’s say now you want to identify a threshold": "decision-threshold",
    "In the model we developed, we have a billion": "extreme-imbalance-review",
    "What is a Kolmorogov-arnold network?": "kan",
    "Explain Logistic Regressions": "logistic-regression",
    "ReLU? GeLU? TanH?": "activations",
    "How does an RNN work?": "recurrent-networks",
    "What are the different parameters to control a convolutional": "conv-parameters",
    "Explain Transposed convolutions": "transposed-conv",
    "What are atrous convolutions?": "atrous-conv",
    "Explain convolutions, how do they work?": "convolutions",
    "Explain some recent advancements to CNNs": "cnn-advances",
    "What are some widespread CNN architectures?": "cnn-architectures",
    "What are energy-based models?": "energy-based-models",
    "What is optical flow?": "optical-flow",
    "Explain Kalman filters": "kalman-filter",
    "In visual generative models": "generative-metrics",
    "Could you describe how you train this Context-awareness": "entity-ranking",
    "Explain the “Moore–Penrose inverse”": "pseudoinverse-frobenius",
    "Explain binomial probabilities": "binomial",
    "Explain Bayes’ Rule": "bayes-rule",
    "What are the most common probability distributions?": "distributions",
    "“how would you explain to an engineer": "p-values",
    "Remove duplicated samples": "dedup-out-of-core",
    "Find the longest common subsequence": "lcs",
    "“reverse a linked list”": "linked-list-binary-tree",
    "(From Amazon:": "traversals-search",
    "What are mixed precission, gradient clipping": "mixed-precision-gradient-clipping",
    "Other resources:": None,  # a list of links, not a question
}
# The seed's headings with text under them, counted by hand: 20 questions answered (one,
# overfitting, twice: initial and final) and the "Other resources" list.
SEED_ANSWERED = {
    "overfitting": 2, "optimizers": 1, "backprop": 1, "classification-metrics": 1,
    "imbalanced-data": 1, "multilabel": 1, "ensembles": 1, "decision-trees": 1,
    "random-forests": 1, "tree-splitting": 1, "least-squares": 1, "generative-models": 1,
    "pca": 1, "vanishing-gradients": 1, "anomaly-detection": 1, "activations": 1,
    "conv-parameters": 1, "generative-metrics": 1, "pseudoinverse-frobenius": 1,
    "p-values": 1,
}

# The seed lives in shared/, beside the checkout, not in it (it is not ours to ship): a
# clone elsewhere skips these tests, as tests/test_topics.py does for COVERAGE.md.
needs_seed = pytest.mark.skipif(not SEED.is_file(),
                                reason="the seed file is not beside this checkout")


@pytest.fixture
def practice(study):
    return Practice(study)


def fresh_practice(tmp_path: Path, name: str = "fresh.sqlite3") -> Practice:
    """A Practice over a new, empty study database."""
    return Practice(Study(Store(tmp_path / name)))


def texts(questions) -> dict[tuple[str, str], tuple[str, str]]:
    """(slug, question) -> (first text, latest text) of a journal."""
    return {(q.slug, q.question): (q.first.answer.answer, q.latest.answer.answer)
            for q in questions}


# -- the journal of stored answers --------------------------------------------------------


def test_answers_are_grouped_per_question_oldest_first(practice):
    topic = get_topic("overfitting")
    follow = topic.follow_ups[0]
    practice.write("overfitting", "first try", now=T0)
    practice.write("classification-metrics", "precision and recall", now=T0)
    practice.write("overfitting", "second try", now=T0 + timedelta(days=1))
    practice.write("overfitting", "on the follow-up", question=follow.question,
                   kind="follow-up", points=[follow.answer], now=T0)
    practice.write("overfitting", "third try", seconds=61, now=T0 + timedelta(days=2))

    questions = jn.journal(practice)
    order = list(all_topics())
    assert order.index("overfitting") < order.index("classification-metrics")
    assert [(q.slug, q.question) for q in questions] == [
        ("overfitting", topic.question), ("overfitting", follow.question),
        ("classification-metrics", get_topic("classification-metrics").question)]
    main = questions[0]
    assert [a.answer.answer for a in main.answers] == ["first try", "second try", "third try"]
    assert main.first.answer.answer == "first try" and main.latest.answer.seconds == 61
    assert [q.slug for q in jn.journal(practice, "classification-metrics")] == \
        ["classification-metrics"]


def test_coverage_is_the_ticks_or_else_marked_as_suggested(practice):
    points = get_topic("overfitting").key_points
    graded = practice.write("overfitting", "anything", now=T0)
    practice.grade(graded.uid, [0, 2], now=T0)
    # An answer that says a key point word for word: the suggester must find that one.
    practice.write("overfitting", points[3], now=T0 + timedelta(hours=1))

    first, latest = jn.journal(practice)[0].answers
    assert (first.covered, first.suggested) == ((0, 2), False)
    assert first.coverage == pytest.approx(2 / len(points))
    assert latest.suggested and 3 in latest.covered


def test_to_json_carries_every_answer(practice):
    practice.write("overfitting", "one", seconds=12.5, now=T0)
    practice.write("overfitting", "two", now=T0 + timedelta(minutes=5))
    data = jn.to_json(jn.journal(practice))
    json.dumps(data)  # JSON-ready as it is
    assert data["format"] == "mlinterview-journal"
    (question,) = data["questions"]
    assert [a["text"] for a in question["answers"]] == ["one", "two"]
    assert question["answers"][0]["seconds"] == 12.5
    assert question["answers"][0]["written_at"].startswith("2026-03-02T09:30")


# -- the seed's format ---------------------------------------------------------------------


def test_export_writes_the_seed_format(practice):
    practice.write("overfitting", "My first idea.", now=T0)
    practice.write("overfitting", "My better idea.", now=T0 + timedelta(days=1))
    practice.write("classification-metrics", "Precision, recall.", now=T0)
    text = jn.to_markdown(jn.journal(practice))
    assert text.startswith("---\n")
    over, metrics = get_topic("overfitting"), get_topic("classification-metrics")
    assert (f"# {over.question}\n\n## My initial answer:\n\nMy first idea.\n\n"
            "## My final answer:\n\nMy better idea.\n") in text
    # Answered once: one heading that says so, no "final" answer made up.
    assert (f"# {metrics.question}\n\n## My initial answer (my only one so far):\n\n"
            "Precision, recall.\n") in text
    assert "My final answer" not in text.split(f"# {metrics.question}")[1]


def test_round_trip_through_a_fresh_database(practice, tmp_path):
    follow = get_topic("backprop").follow_ups[0]
    practice.write("overfitting", "Gap between train and validation.", now=T0)
    practice.write("overfitting", "Use k-fold CV.\n\n## My notes\n\n```python\n# not a "
                   "question\nprint(1)\n```", now=T0 + timedelta(days=3))
    practice.write("overfitting", "Latest: regularise, early stopping.",
                   now=T0 + timedelta(days=9))
    practice.write("classification-metrics", "# I start with a hash\n## My final answer:\n"
                   "still mine", now=T0)
    practice.write("backprop", "Forward then backward.", question=follow.question,
                   kind="follow-up", points=[follow.answer], now=T0)
    before = jn.journal(practice)

    path = tmp_path / "journal.md"
    path.write_text(jn.to_markdown(before), encoding="utf-8")
    other = fresh_practice(tmp_path)
    summary = jn.import_journal(path, other, now=T0)

    after = jn.journal(other)
    assert texts(after) == texts(before)
    # The seed's format keeps the first and the latest answer: the middle one stays home.
    assert summary.imported == 4 and not summary.unmapped and summary.duplicates == 0
    assert {a.answer.kind for q in after for a in q.answers} == {"imported"}
    followed = next(q for q in after if q.question == follow.question)
    assert followed.first.answer.points == (follow.answer,)


@needs_seed
def test_the_seed_file_parses_as_counted_by_hand():
    parsed = jn.parse_markdown(SEED.read_text(encoding="utf-8"))
    headings = [q.heading for q in parsed.questions]
    assert len(headings) == len(SEED_TOPICS) == 51
    for heading, start in zip(headings, SEED_TOPICS, strict=True):
        assert heading.startswith(start)
    assert sum(bool(q.answers) for q in parsed.questions) == 21  # 20 topics + resources
    assert parsed.ignored_lines == 1  # the "######## Hasta aquí" divider

    by_start = {start: q for start, q in zip(SEED_TOPICS, parsed.questions, strict=True)}
    over = by_start["How to check overfitting"]
    assert [a.section for a in over.answers] == ["initial", "final"]
    assert over.answers[0].text.startswith("Overfitting occurs when a model exhibits")
    assert over.answers[1].text.startswith(" - Small dataset")
    assert over.answers[1].text.endswith("which are still not fully understood.")
    # Sub-headings stay inside the answer they belong to.
    (multi,) = by_start["What loss function will you use to measure multi-label"].answers
    assert multi.section == "untitled"
    assert multi.text.startswith("## About multi-label problems\n")
    assert "\n## Metrics\n" in multi.text and "Jaccard Index (IoU)" in multi.text
    # An unanswered question between answered ones stays empty.
    assert by_start["Differences / Problems / Advantages of L1 and L2"].answers == ()


@needs_seed
def test_every_seed_heading_maps_to_its_topic():
    parsed = jn.parse_markdown(SEED.read_text(encoding="utf-8"))
    got = {start: (m.slug if (m := match_question(q.heading)) else None)
           for start, q in zip(SEED_TOPICS, parsed.questions, strict=True)}
    assert got == SEED_TOPICS


@needs_seed
def test_the_seed_imports_once(practice, now):
    summary = jn.import_journal(SEED, practice, now=now)
    assert summary.imported == 21 and summary.duplicates == 0
    assert [q.heading for q in summary.unmapped] == ["Other resources:"]
    assert summary.unmapped[0].line == 334
    assert summary.unanswered == 30
    stored = practice.answers(limit=1000)
    assert len(stored) == 21 and {a.kind for a in stored} == {"imported"}
    per_slug: dict[str, int] = {}
    for a in stored:
        per_slug[a.slug] = per_slug.get(a.slug, 0) + 1
    assert per_slug == SEED_ANSWERED

    # Initial before final, and the card's question, so answers written in the app later
    # join the same question in the journal.
    (over,) = jn.journal(practice, "overfitting")
    assert over.question == get_topic("overfitting").question
    assert over.first.answer.answer.startswith("Overfitting occurs")
    assert over.latest.answer.answer.startswith(" - Small dataset")
    assert over.first.answer.written_at < over.latest.answer.written_at <= now
    assert over.first.suggested and over.first.answer.points == \
        get_topic("overfitting").key_points

    again = jn.import_journal(SEED, practice, now=now + timedelta(days=1))
    assert again.imported == 0 and again.duplicates == 21
    assert len(practice.answers(limit=1000)) == 21


def test_a_code_block_keeps_its_hash_lines():
    text = ("# What is a decision tree?\n\n## My initial answer:\nA flowchart.\n\n"
            "```python\n# a comment, not a question\n## My final answer: (a string)\n"
            "def f():\n    pass\n```\n\n~~~~\n# tilde fence\n~~~~\n\n# Explain RandomForests\n"
            "Many trees.\n")
    parsed = jn.parse_markdown(text)
    assert [q.heading for q in parsed.questions] == ["What is a decision tree?",
                                                     "Explain RandomForests"]
    (answer,) = parsed.questions[0].answers
    assert answer.section == "initial"
    assert "# a comment, not a question\n## My final answer: (a string)" in answer.text
    assert answer.text.endswith("~~~~\n# tilde fence\n~~~~")


def test_an_unclosed_fence_does_not_swallow_the_rest():
    text = "# What is a decision tree?\n```\nx = 1\n\n# Explain RandomForests\nTrees.\n"
    parsed = jn.parse_markdown(text)
    # A fence that never closes is text: the headings after it are still questions.
    tree, forest = parsed.questions
    assert (tree.heading, tree.answers[0].text) == ("What is a decision tree?", "```\nx = 1")
    assert (forest.heading, forest.answers[0].text) == ("Explain RandomForests", "Trees.")


def test_headings_are_read_leniently():
    text = ("---\ntitle: x\n---\nintro text\n#  What is a decision tree?   \n"
            "## my FIRST answer   \n one\n##   Final answer\ntwo\n## Latest answer:\nthree\n"
            "# What are SVM? #\n")
    parsed = jn.parse_markdown(text)
    assert parsed.ignored_lines == 1
    tree, svm = parsed.questions
    assert tree.heading == "What is a decision tree?" and svm.heading == "What are SVM?"
    assert [(a.section, a.text) for a in tree.answers] == [
        ("initial", " one"), ("final", "two"), ("final", "three")]
    assert svm.answers == ()


@pytest.mark.parametrize("line", [
    "# a heading", "#", "#hashtag", "####### divider", "## My final answer:",
    "## my initial answer", "```", "~~~ python", "\\# already escaped",
    "\\\\## My final answer:", "\\```"])
def test_lines_that_would_read_as_structure_are_escaped_and_restored(line):
    answer = f"before\n{line}\nafter"
    escaped = jn.escape_answer(answer)
    assert escaped.split("\n")[1] == "\\" + line
    doc = jn.to_markdown([_question("decision-trees", [answer])])
    (question,) = jn.parse_markdown(doc).questions
    assert [a.text for a in question.answers] == [answer]


def test_plain_subheadings_and_code_are_not_escaped():
    answer = "## About it\n### Deeper\n```\n# code\n\\# code too\n```"
    assert jn.escape_answer(answer) == answer


# -- arbitrary answers survive the round trip --------------------------------------------

_TRICKY_LINES = st.sampled_from([
    "# Question?", "## My final answer:", "## My initial answer: ", "## My notes", "#",
    "######## divider", "```", "```python", "~~~", "````", "\\# escaped", "\\\\#",
    "\\```", "    # indented", " - item", "", "   ", "\t# tab", "---"])
_LINE = st.one_of(_TRICKY_LINES, st.text(alphabet=st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30))
_ANSWER = st.lists(_LINE, min_size=1, max_size=12).map("\n".join).filter(
    lambda t: jn.canonical(t) != "")


@settings(max_examples=200)
@given(st.lists(st.lists(_ANSWER, min_size=1, max_size=3), min_size=1, max_size=3))
def test_any_answers_round_trip(answer_lists):
    """Whatever the answers say (headings, fences, backslashes, the section headings
    themselves), export then parse gives back the first and latest of each, canonical:
    the escaping rule is a bijection."""
    slugs = ["decision-trees", "svm", "lcs"]
    questions = [_question(slug, answers) for slug, answers in
                 zip(slugs, answer_lists, strict=False)]
    parsed = jn.parse_markdown(jn.to_markdown(questions))
    assert [q.heading for q in parsed.questions] == [q.question for q in questions]
    for q, back in zip(questions, parsed.questions, strict=True):
        want = [q.first.answer.answer]
        if len(q.answers) > 1:
            want.append(q.latest.answer.answer)
        assert [a.text for a in back.answers] == [jn.canonical(t) for t in want]


def _question(slug: str, answers: list[str]) -> jn.JournalQuestion:
    """A journal question of ``slug``'s card with these answers (no database needed)."""
    topic = get_topic(slug)
    made = tuple(jn.JournalAnswer(Answer(
        uid=f"u{i}", slug=slug, question=topic.question, kind="card", answer=text,
        written_at=T0 + timedelta(minutes=i), seconds=None, points=(), suggested=None,
        ticked=None, rating=None, graded_at=None, review_uid=None, session_uid=None))
        for i, text in enumerate(answers))
    return jn.JournalQuestion(slug, topic.title, topic.question, made)


# -- importing ----------------------------------------------------------------------------


def test_unmapped_questions_are_reported_not_stored(practice, tmp_path):
    path = tmp_path / "mine.md"
    path.write_text("# What is your greatest weakness?\nI work too hard.\n\n"
                    "# TODO list\n- read Bishop\n\n# What are SVM?\nMax-margin classifiers.\n",
                    encoding="utf-8")
    summary = jn.import_journal(path, practice, now=T0)
    assert [(q.heading, q.line, q.answers) for q in summary.unmapped] == [
        ("What is your greatest weakness?", 1, 1), ("TODO list", 4, 1)]
    assert summary.imported == 1
    assert [(a.slug, a.answer) for a in practice.answers()] == [
        ("svm", "Max-margin classifiers.")]


def test_a_follow_up_question_maps_to_itself():
    follow = get_topic("svm").follow_ups[1]
    match = match_question(follow.question)
    assert (match.slug, match.question, match.method) == ("svm", follow.question, "exact")


def test_an_answer_already_written_in_the_app_is_not_imported_again(practice, tmp_path):
    practice.write("svm", "Max-margin classifiers.\n", now=T0)
    path = tmp_path / "j.md"
    path.write_text(jn.to_markdown(jn.journal(practice)), encoding="utf-8")
    summary = jn.import_journal(path, practice, now=T0)
    assert (summary.imported, summary.duplicates) == (0, 1)
    assert len(practice.answers()) == 1


def test_dry_run_stores_nothing(practice, tmp_path):
    path = tmp_path / "j.md"
    path.write_text("# What are SVM?\nMax-margin.\n## My final answer:\nKernels too.\n",
                    encoding="utf-8")
    summary = jn.import_journal(path, practice, now=T0, dry_run=True)
    assert summary.dry_run and summary.imported == 2
    assert practice.answers() == []


def test_too_long_answers_are_reported_not_cut(practice, tmp_path):
    path = tmp_path / "j.md"
    path.write_text("# What are SVM?\n" + "x" * (MAX_ANSWER_CHARS + 1) + "\n", encoding="utf-8")
    summary = jn.import_journal(path, practice, now=T0)
    assert (summary.imported, summary.too_long) == (0, 1)
    assert practice.answers() == []


def test_an_import_is_all_or_nothing(practice, tmp_path, monkeypatch):
    path = tmp_path / "j.md"
    path.write_text("# What are SVM?\nMax-margin.\n\n# What is optical flow?\nMotion.\n",
                    encoding="utf-8")
    calls = []

    def failing_points(match):
        calls.append(match.slug)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return ()

    monkeypatch.setattr(jn, "_points", failing_points)
    with pytest.raises(RuntimeError, match="disk on fire"):
        jn.import_journal(path, practice, now=T0)
    assert calls == ["svm", "optical-flow"] and practice.answers() == []


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.md", "no such file"),
    (lambda d: d, "is a folder"),
    (lambda d: _write(d / "latin1.md", "# Qué?\n".encode("latin-1")), "not UTF-8"),
    (lambda d: _write(d / "big.md", b"x" * 101), "larger than"),
])
def test_unreadable_files_get_one_clear_error(tmp_path, monkeypatch, make, message):
    monkeypatch.setattr(jn, "MAX_JOURNAL_BYTES", 100)
    path = make(tmp_path)
    with pytest.raises(jn.JournalError, match=message) as info:
        jn.read_journal_file(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("text", ["", "hello", "[" * 1000, "## My initial answer:\nx\n"])
def test_a_file_without_questions_is_not_a_journal(practice, tmp_path, text):
    path = _write(tmp_path / "not.md", text.encode())
    with pytest.raises(jn.JournalError, match="no '# question' heading"):
        jn.import_journal(path, practice, now=T0)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
