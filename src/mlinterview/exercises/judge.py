"""The judge: run a submission in a separate, limited process and grade what it returns.

How a submission is run
    The source is compiled here first (without running it) so a syntax error is reported
    as one. Then :mod:`mlinterview.exercises.sandbox` runs ``_runner.py`` in a fresh
    interpreter (``python -I``) with a scrubbed environment, limits on CPU time, wall
    time (in the sandbox, time spent only waiting for a busy CPU is not charged), address
    space, output size and processes, at a lower priority when the caller asks (the web
    app does). Standard output and error go to files capped by the
    file-size limit, so printing 100 MB ends the run instead of filling memory.

The boundary: what a submission can reach
    With the namespace sandbox (Linux with ``unshare``; :func:`isolation` says which way
    this machine uses) the submission runs in private mount, PID and network namespaces
    whose root holds only the Python runtime (read-only: the interpreter's prefixes and
    ``/usr``, ``/lib*``), ``/dev/null``, ``/dev/zero``, ``/dev/urandom``, data files the
    cases name, and its own size-capped folder with copies of the runner, its source and
    the job (the case *inputs*). It cannot read the reference solution, ``cases.py``
    (hand-worked expected values), the study database, ``tests/`` or any other host file
    (``/etc/passwd``, ``/tmp``, ``/proc`` are absent); the mlinterview package is covered
    by an empty folder wherever it lies inside a shown path. It has no network (not even
    loopback), no capabilities, at most a few processes, and when the run ends every
    process it started is killed with the PID namespace, even one that called ``setsid``
    or double-forked.

    Fallback: where the sandbox cannot be built (macOS, kernels without unprivileged
    user namespaces, Ubuntu's AppArmor restriction, ``MLINTERVIEW_JUDGE_SANDBOX=off``),
    the runner runs with the same limits in a temporary folder, in its own session whose
    process group is killed at the end. Then a submission *can* read whatever the user
    can read, reference solutions included, and a process that left the session
    survives; :func:`isolation` describes this in words so the CLI and the web app can
    say it. It remains safe against forging a pass (next paragraph), not against
    peeking.

Why a submission cannot make itself pass
    The expected answers are computed in this process and never leave it. The child
    only sends back what the function returned, as JSON (never pickle), through a file
    descriptor whose file lies outside its folder, and the comparison happens here.
    Whatever the submission prints, patches (builtins, ``numpy.allclose``, ``__eq__``)
    or exits with, the verdict depends only on the values it produced for every case.

Verdicts: accepted, wrong answer, error, time limit, memory limit, syntax error.

Run and Submit
    :func:`judge` is Submit: every case, "k of n passed" and the first failing case.
    :func:`run_examples` is Run: the exercise's *visible examples* (its first
    :data:`VISIBLE_CASES` fixed cases, which the statement's worked examples usually are)
    and, if given, one case of the user's own (:mod:`mlinterview.exercises.user_input`),
    each shown with its input, expected and received value. The expected value of the
    user's input is computed here, by the exercise's reference, in this process, like
    every other expected value; a reference that refuses the input raises
    :class:`InvalidInput` before anything runs. A Run is not an attempt: nothing of it
    is stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import signal
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from mlinterview.exercises import sandbox
from mlinterview.exercises.sandbox import Isolation, isolation  # noqa: F401  (re-exported)
from mlinterview.exercises.spec import Case, ExerciseSpec

MAX_SOURCE_BYTES = 256 * 1024

ACCEPTED = "accepted"
WRONG_ANSWER = "wrong answer"
ERROR = "error"
TIME_LIMIT = "time limit"
MEMORY_LIMIT = "memory limit"
SYNTAX_ERROR = "syntax error"
VERDICTS = (ACCEPTED, WRONG_ANSWER, ERROR, TIME_LIMIT, MEMORY_LIMIT, SYNTAX_ERROR)
# Not a judge's outcome: a submission the web app stored without running (it was busy).
NOT_JUDGED = "not judged"
# Outcomes of a Run when the program ran to the end: all shown cases right, or not.
RUN_PASSED = "passed"
RUN_FAILED = "failed"
#: How many of an exercise's fixed cases a Run shows: the visible examples.
VISIBLE_CASES = 3


@dataclass
class Failure:
    """The first failing case, described in plain words."""

    case: int
    note: str
    input: str
    expected: str
    received: str
    reason: str


@dataclass
class Verdict:
    """The outcome of judging one submission."""

    verdict: str
    passed: int
    total: int
    message: str
    first_failure: Failure | None = None
    output: str = ""
    seconds: float = 0.0

    @property
    def accepted(self) -> bool:
        return self.verdict == ACCEPTED

    @property
    def judged(self) -> bool:
        """False for a submission stored without being run (see :data:`NOT_JUDGED`)."""
        return self.verdict != NOT_JUDGED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["first_failure"] = None if self.first_failure is None else asdict(self.first_failure)
        return data


# ---------------------------------------------------------------------------------------
# Decoding the child's results (the inverse of _runner.encode, with no code execution)
# ---------------------------------------------------------------------------------------

_FLOATS = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}
_DTYPE_KINDS = "biufU"


def decode(obj: Any) -> Any:
    """Rebuild a value from its JSON form; ``ValueError`` on anything malformed."""
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    if len(obj) != 1:
        raise ValueError("malformed value")
    ((tag, payload),) = obj.items()
    if tag == "$float":
        return _FLOATS[payload]
    if tag == "$tuple":
        return tuple(decode(v) for v in payload)
    if tag == "$dict":
        return {_hashable(decode(k)): decode(v) for k, v in payload}
    if tag in ("$array", "$scalar"):
        dtype = np.dtype(payload["dtype"])
        if dtype.kind not in _DTYPE_KINDS:
            raise ValueError(f"unsupported dtype {dtype}")
        if tag == "$scalar":
            return dtype.type(decode(payload["value"]))
        shape = tuple(int(n) for n in payload["shape"])
        return _decode_data(payload["data"], dtype).reshape(shape)
    raise ValueError(f"unknown tag {tag!r}")


def _decode_data(data: Any, dtype: np.dtype) -> np.ndarray:
    """An array's flat data. Numbers go to NumPy in one call; a tagged item (a NaN or an
    infinity, ``{"$float": ...}``) makes that call raise for an int or float dtype, and
    only then is each item decoded in Python. Bools and strings always are: NumPy would
    turn a dict into ``False`` or its text rather than refuse it."""
    if dtype.kind in "iuf" and isinstance(data, list):
        with contextlib.suppress(TypeError, ValueError, OverflowError):
            return np.array(data, dtype=dtype)
    return np.array([decode(v) for v in data], dtype=dtype)


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


# ---------------------------------------------------------------------------------------
# Describing values for people
# ---------------------------------------------------------------------------------------


def describe(value: Any, limit: int = 12) -> str:
    """A short, readable rendering of an input or output value."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return describe(value.item(), limit)
        if value.ndim == 1 and value.size > limit:
            head = ", ".join(describe(v) for v in value[:limit].tolist())
            return f"[{head}, ... ({value.size} values)]"
        if value.size > limit * limit:
            return f"array of shape {value.shape}, dtype {value.dtype}"
        return describe(value.tolist(), limit)
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.10g}"
    if isinstance(value, (list, tuple)):
        items = [describe(v, limit) for v in value[:limit]]
        more = f", ... ({len(value)} values)" if len(value) > limit else ""
        body = ", ".join(items) + more
        return f"({body})" if isinstance(value, tuple) else f"[{body}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {describe(v, limit)}" for k, v in value.items()) + "}"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def describe_call(case: Case, arg_names: list[str]) -> str:
    """``y_true = [1, 0], y_pred = [1, 1], average = 'binary'``."""
    parts = []
    for i, value in enumerate(case.args):
        name = arg_names[i] if i < len(arg_names) else f"arg{i + 1}"
        parts.append(f"{name} = {describe(value)}")
    parts += [f"{k} = {describe(v)}" for k, v in case.kwargs.items()]
    return ", ".join(parts) or "(no arguments)"


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------


def check_syntax(source: str) -> str | None:
    """None when ``source`` compiles, else a one-line description of the syntax error."""
    try:
        compile(source, "solution.py", "exec")
    except SyntaxError as exc:
        where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "")
        return f"{exc.msg} ({where})"
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"the file cannot be compiled: {exc}"
    return None


class _Prepared:
    """A spec's cases and their expected values, with the data files the cases name.

    The expected values are computed by the first :meth:`expected_values` call, not with
    the cases: :func:`judge` starts the submission's run as soon as the cases exist and
    computes them beside it."""

    def __init__(self, spec: ExerciseSpec, cached: tuple[list[Case], int, bytes] | None = None):
        self.spec = spec  # held, so its id() is not reused while this entry lives
        self._lock = threading.Lock()
        if cached is not None:  # (cases, n_visible, expected_blob) prepared before
            self.cases, self.n_visible, self.expected_blob = cached
            self.files = sandbox.case_files({"cases": [(c.args, c.kwargs) for c in self.cases]})
            self._computed = True
            return
        # The fixed cases once (making them may write data files), then spec.cases()
        # over them, which puts them first: the visible examples are among them.
        fixed = list(spec.fixed())
        self.cases = dataclasses.replace(spec, fixed=lambda: fixed).cases()
        self.n_visible = min(VISIBLE_CASES, len(fixed))
        job = {"cases": [(c.args, c.kwargs) for c in self.cases]}
        self.files = sandbox.case_files(job)
        self._computed = False
        self.expected_blob: bytes | None = None

    def expected_values(self) -> list[Any]:
        """A private copy of the expected values (unpickled), computed by the first call.

        Expected values are computed here, in the judge's process, never in the child."""
        with self._lock:
            if not self._computed:
                values = [self.spec.expected(c) for c in self.cases]
                self._computed = True
                try:
                    self.expected_blob = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # an unpicklable answer (a class defined in cases.py)
                    return values  # not kept: these values are this call's own
            if self.expected_blob is None:  # unpicklable: every call computes its own
                return [self.spec.expected(c) for c in self.cases]
            return pickle.loads(self.expected_blob)

    def still_valid(self) -> bool:
        """False if a data file of the cases has gone (a cleaner of the temp folder), or
        the expected values cannot be kept."""
        return (not self._computed or self.expected_blob is not None) and all(
            os.path.isfile(f) for f in self.files)


_PREPARED: dict[int, _Prepared] = {}
_PREPARED_LOCK = threading.Lock()


def _entry(spec: ExerciseSpec) -> _Prepared:
    """The prepared entry of ``spec`` (cases made; expected values on request)."""
    with _PREPARED_LOCK:
        entry = _PREPARED.get(id(spec))
    if entry is None or entry.spec is not spec or not entry.still_valid():
        entry = _Prepared(spec)
        with _PREPARED_LOCK:
            _PREPARED[id(spec)] = entry
    return entry


def install(spec: ExerciseSpec, cases: list[Case], n_visible: int,
            expected_blob: bytes) -> None:
    """Use ``cases`` (the first ``n_visible`` are the visible examples) and the pickled
    expected values ``expected_blob`` as ``spec``'s prepared entry: what
    :mod:`~mlinterview.exercises.case_cache` read from disk, so nothing is computed."""
    entry = _Prepared(spec, cached=(cases, n_visible, expected_blob))
    with _PREPARED_LOCK:
        _PREPARED[id(spec)] = entry


def computed(spec: ExerciseSpec) -> tuple[list[Case], int, bytes, list[str]] | None:
    """``(cases, n_visible, expected_blob, data files)`` of ``spec`` when this process has
    prepared them and computed (and pickled) the expected values, else None; nothing is
    computed."""
    with _PREPARED_LOCK:
        entry = _PREPARED.get(id(spec))
    if entry is None or entry.spec is not spec:
        return None
    with entry._lock:
        if not entry._computed or entry.expected_blob is None:
            return None
        return entry.cases, entry.n_visible, entry.expected_blob, list(entry.files)


def prepared(spec: ExerciseSpec) -> tuple[list[Case], list[Any]]:
    """``spec``'s cases and their expected values, computed once per process.

    Both are fixed (fixed cases, generated ones from a fixed seed, a deterministic
    reference), and computing them costs up to half a second of CPU: in the web app that
    was the server's own time, on every submission. Each call gets its own copy of the
    expected values (unpickled), so a comparison that modifies one cannot change the next
    judgement; the cases are shared and only read.
    """
    entry = _entry(spec)
    return entry.cases, entry.expected_values()


def visible_examples(spec: ExerciseSpec) -> tuple[list[Case], list[Any]]:
    """The visible examples of ``spec`` (its first :data:`VISIBLE_CASES` fixed cases) and
    their expected values: what a Run shows before the user's own input."""
    entry = _entry(spec)
    expected = entry.expected_values()
    return entry.cases[:entry.n_visible], expected[:entry.n_visible]


_PROBING: list[threading.Thread] = []
_PROBING_LOCK = threading.Lock()


def probe_early() -> None:
    """Start finding out how this machine isolates submissions (:func:`isolation`) in a
    thread, once per process.

    The probe is a sandboxed run of its own, mostly another process's time (a few tenths
    of a second). Started before the cases are loaded and their expected values
    computed, it runs beside that work instead of after it. Nothing is judged sooner than
    before: :func:`isolation` waits for the probe's answer, and every run asks it. The
    thread is not a daemon, so a command that stops early still waits for the probe to
    clean up after itself.
    """
    def probe() -> None:
        # The judge's own call probes again and reports what went wrong.
        with contextlib.suppress(Exception):
            isolation()

    with _PROBING_LOCK:
        if not _PROBING:
            _PROBING.append(threading.Thread(target=probe, name="sandbox-probe"))
            _PROBING[0].start()


def judge(spec: ExerciseSpec, source: str, *, arg_names: list[str] | None = None,
          sandbox_kind: str | None = None, nice: int = 0) -> Verdict:
    """Judge ``source`` (the text of the user's file) against ``spec``'s cases.

    ``sandbox_kind`` forces one of :data:`~mlinterview.exercises.sandbox.SANDBOXES`
    (default: the best this machine supports, see :func:`isolation`); ``nice`` (0 to 19)
    runs the submission at a lower priority, as the web app does.
    """
    start = time.perf_counter()
    if sandbox_kind is None:
        probe_early()  # beside the cases, when the caller has not started it
    entry = _entry(spec)
    cases = entry.cases
    total = len(cases)
    arg_names = arg_names or []

    def verdict(kind: str, passed: int, message: str, **extra: Any) -> Verdict:
        return Verdict(kind, passed, total, message, seconds=time.perf_counter() - start,
                       **extra)

    if len(source.encode("utf-8", errors="replace")) > MAX_SOURCE_BYTES:
        return verdict(ERROR, 0, f"the file is larger than {MAX_SOURCE_BYTES // 1024} KB")
    problem = check_syntax(source)
    if problem:
        return verdict(SYNTAX_ERROR, 0, f"Syntax error: {problem}.")

    job = {"function": spec.function, "cases": [(c.args, c.kwargs) for c in cases],
           "needs_numpy": True}
    # The submission runs (another process: this one waits) while the expected values are
    # computed here; they never leave this process.
    outcome, expected = _beside(
        lambda: sandbox.run(source, job, spec.limits, sandbox=sandbox_kind, nice=nice),
        entry.expected_values)
    if outcome.failure:
        return verdict(ERROR, 0, "The judge could not start its sandbox, so your file was "
                       f"not run: {outcome.failure}. Set {sandbox.ENV_SWITCH}=off to judge "
                       "without it.")
    return _grade(spec, cases, expected, outcome.records, arg_names, outcome.timed_out,
                  outcome.returncode, outcome.stdout, outcome.stderr, verdict)


def _beside(run, compute):
    """``(run(), compute())``, ``run`` in a thread while ``compute`` runs here; the
    thread is always waited for, and an error of either is raised here."""
    done: dict[str, Any] = {}

    def target() -> None:
        try:
            done["run"] = run()
        except BaseException as exc:  # raised again in the caller
            done["error"] = exc

    thread = threading.Thread(target=target, name="judge-run")
    thread.start()
    try:
        computed = compute()
    finally:
        thread.join()
    if "error" in done:
        raise done["error"]
    return done["run"], computed


def _read_run(records: list[dict[str, Any]]):
    """``(load, results, started, done)`` from the child's records: its load record, the
    first result per case index, the last case it started and whether it finished."""
    load = next((r for r in records if r.get("event") == "load"), None)
    results: dict[int, dict[str, Any]] = {}
    started: int | None = None
    done = False
    for r in records:
        event = r.get("event")
        if event == "start" and isinstance(r.get("case"), int):
            started = r["case"]
        elif event == "case" and isinstance(r.get("case"), int):
            results.setdefault(r["case"], r)
        elif event == "done":
            done = True
    return load, results, started, done


def _run_problem(spec: ExerciseSpec, cases: list[Case], load, results, started,
                 timed_out: bool, returncode: int | None, stderr: str,
                 label=None) -> tuple[str, str] | None:
    """``(verdict kind, message)`` when the run as a whole failed (output, time or memory
    limit, a file that would not load or lacks the function), else None. ``label(i)``
    names case ``i`` in messages (default: "case 3 (its note)")."""
    limits = spec.limits

    def at_case(i: int | None) -> str:
        if i is None or not 0 <= i < len(cases):
            return ""
        if label is not None:
            return f" on {label(i)}"
        note = f" ({cases[i].note})" if cases[i].note else ""
        return f" on case {i + 1}{note}"

    running = started if started is not None and started not in results else None
    killed_by = -returncode if returncode is not None and returncode < 0 else None
    output_hit = (load and load.get("status") == "output") or any(
        r.get("status") == "output" for r in results.values())
    if killed_by == signal.SIGXFSZ or output_hit:
        return ERROR, (f"The program wrote more than {limits.output_mb} MB of output "
                       "and was stopped. Remove large prints.")
    if timed_out or killed_by in (signal.SIGXCPU,):
        what = (f"{limits.wall_seconds:g} s of wall time" if timed_out
                else f"{limits.cpu_seconds:g} s of CPU time")
        return TIME_LIMIT, (f"Time limit: the program used more than {what}"
                            f"{at_case(running)}. Look for an infinite loop or a "
                            "slower-than-needed algorithm.")
    memory_hit = (load and load.get("status") == "memory") or any(
        r.get("status") == "memory" for r in results.values()) or "MemoryError" in stderr
    if memory_hit:
        return MEMORY_LIMIT, (f"Memory limit: the program needed more than "
                              f"{limits.memory_mb} MB{at_case(running)}.")
    if load is None:
        detail = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        return ERROR, ("The program stopped before it could be loaded"
                       + (f": {detail}" if detail else f" (exit code {returncode})."))
    if load.get("status") == "error":
        return ERROR, (f"Loading your file raised {load.get('error')}:\n"
                       f"{load.get('message', '')}".rstrip())
    if load.get("status") == "missing":
        defined = load.get("defined") or []
        also = f" It defines: {', '.join(map(str, defined))}." if defined else ""
        return ERROR, f"Your file does not define a function named `{spec.function}`.{also}"
    return None


def _grade(spec, cases, expected, records, arg_names, timed_out, returncode, output, stderr,
           verdict) -> Verdict:
    load, results, started, done = _read_run(records)
    problem = _run_problem(spec, cases, load, results, started, timed_out, returncode, stderr)
    if problem is not None:
        kind, message = problem
        # Cases answered before a time or memory limit still count; a file that did not
        # load answered none.
        passed = (_count_passed(spec, cases, expected, results)
                  if kind in (TIME_LIMIT, MEMORY_LIMIT) else 0)
        return verdict(kind, passed, message, output=output)

    passed = 0
    first: Failure | None = None
    first_kind = WRONG_ANSWER
    for i, case in enumerate(cases):
        r = results.get(i)
        reason, kind, received = _judge_case(spec, case, expected[i], r)
        if reason is None:
            passed += 1
        elif first is None:
            first_kind = kind
            first = Failure(
                case=i + 1,
                note=case.note,
                input=describe_call(case, arg_names),
                expected=(f"raises {case.raises}" if case.raises
                          else describe(expected[i])),
                received=received,
                reason=reason,
            )
    if first is None and not done:
        # Every case answered but the run did not finish cleanly (os._exit mid-way).
        return verdict(ERROR, passed, f"The program {_how_it_ended(returncode)} before the "
                       "judge finished.", output=output)
    if first is None:
        return verdict(ACCEPTED, passed, f"Accepted: all {passed} cases passed.",
                       output=output)
    if first.reason.startswith("the program stopped"):
        first_kind = ERROR
        first.reason = f"the program {_how_it_ended(returncode)} before returning a value"
    message = (f"{'Wrong answer' if first_kind == WRONG_ANSWER else 'Error'} on case "
               f"{first.case} of {len(cases)}" + (f" ({first.note})" if first.note else "")
               + f": {first.reason}")
    return verdict(first_kind, passed, message, first_failure=first, output=output)


def _how_it_ended(returncode: int | None) -> str:
    """'crashed (SIGSEGV)' or 'exited with code 3', for messages."""
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"crashed ({name})"
    return f"exited with code {returncode}"


def _judge_case(spec: ExerciseSpec, case: Case, expected: Any, record: dict | None):
    """``(reason or None, verdict kind, received text)`` for one case."""
    if record is None:
        return "the program stopped before returning a value for this case", ERROR, "nothing"
    status = record.get("status")
    if status == "raised":
        error = str(record.get("error"))
        if case.raises and error == case.raises:
            return None, ACCEPTED, f"raised {error}"
        message = str(record.get("message", "")).strip()
        return (f"your function raised {error}:\n{message}", ERROR, f"raised {error}")
    if status == "unsupported":
        return (f"your function returned {record.get('message')}, which cannot be compared; "
                "return numbers, strings, lists, tuples, dicts or NumPy arrays", ERROR,
                str(record.get("message")))
    if status != "returned":
        return "the program stopped before returning a value for this case", ERROR, "nothing"
    try:
        got = decode(record.get("value"))
    except (ValueError, KeyError, TypeError, RecursionError):
        return "the returned value could not be read", ERROR, "an unreadable value"
    if case.raises:
        return (f"expected the call to raise {case.raises}, but it returned a value",
                WRONG_ANSWER, describe(got))
    problem = spec.compare(expected, got, case)
    if problem:
        return problem, WRONG_ANSWER, describe(got)
    return None, ACCEPTED, describe(got)


def _count_passed(spec, cases, expected, results) -> int:
    return sum(
        _judge_case(spec, case, expected[i], results.get(i))[0] is None
        for i, case in enumerate(cases) if i in results
    )


# ---------------------------------------------------------------------------------------
# Run: the visible examples and the user's own input, each shown in full
# ---------------------------------------------------------------------------------------


class InvalidInput(ValueError):
    """The user's own input, refused before anything ran (the message says why)."""


@dataclass
class RunCase:
    """One case of a Run as shown to the user. ``passed`` is None when the program never
    answered it (the run stopped before)."""

    label: str
    note: str
    input: str
    expected: str
    received: str
    passed: bool | None
    reason: str | None = None


@dataclass
class RunResult:
    """The outcome of a Run: :data:`RUN_PASSED`, :data:`RUN_FAILED`, or a whole-run
    verdict (syntax error, error, time limit, memory limit) with what ran before it."""

    outcome: str
    message: str
    cases: list[RunCase]
    output: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == RUN_PASSED

    @property
    def passed(self) -> int:
        return sum(c.passed is True for c in self.cases)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok, "passed": self.passed}


def user_expected(spec: ExerciseSpec, case: Case, exercise_id: str | None = None) -> Any:
    """The reference's answer for the user's own ``case``, never computed in the
    submission's process; :class:`InvalidInput` if the reference refuses the input or
    cannot answer it within its limits.

    For a registered exercise (``exercise_id`` given: what the CLI and the web app pass)
    the reference runs in a worker process of ours with a CPU budget and a memory cap
    (:mod:`mlinterview.exercises.reference_worker`), so no input can hold the server. A
    spec built outside the bank (a test's, a notebook's) has no id a worker could load it
    by, and runs here.
    """
    if spec.reference is None:
        raise InvalidInput("this exercise has no reference to compute the expected value "
                           "of your own input; Run its examples instead")
    files = sandbox.case_files({"cases": [(case.args, case.kwargs)]})
    if files:
        # The jail shows a function the data files its cases name: never one the user
        # picks, or the submission could read any file (a reference solution) through it.
        raise InvalidInput(f"your input names a file on this machine ({files[0]}); the "
                           "judge shows your function only the exercise's own files")
    if exercise_id is not None:
        from mlinterview.exercises import reference_worker

        try:
            return reference_worker.pool().expected(exercise_id, case)
        except reference_worker.ReferenceFailed as failed:
            raise InvalidInput(_reference_failure(spec, failed)) from None
    try:
        return spec.expected(case)
    except Exception as exc:  # the reference's own check of its input (any type)
        raise InvalidInput(_refusal(spec, type(exc).__name__, str(exc))) from None


def _refusal(spec: ExerciseSpec, error: str, detail: str) -> str:
    """What to say when the reference raised ``error`` (a type name) on the user's input."""
    detail = detail.strip().splitlines()[0] if detail.strip() else ""
    # "reference() missing 1 required positional argument": name the user's function.
    name = getattr(spec.reference, "__name__", "")
    if name and name != "<lambda>":
        detail = detail.replace(f"{name}()", f"{spec.function}()")
    return f"your input is not valid for this function: {error}" + \
        (f": {detail}" if detail else "")


def _reference_failure(spec: ExerciseSpec, failed) -> str:
    from mlinterview.exercises import reference_worker as rw

    if failed.kind == "refused":
        return _refusal(spec, failed.error, failed.detail)
    if failed.kind == "time":
        return (f"the reference solution did not finish on your input within its "
                f"{rw.REFERENCE_CPU_SECONDS:g} s of CPU; try a smaller input")
    if failed.kind == "memory":
        return (f"the reference solution needs more than {rw.MEMORY_HEADROOM_MB} MB for "
                "your input; try a smaller input")
    if failed.kind == "large":
        return (f"the expected value for your input is larger than "
                f"{rw.MAX_REPLY_BYTES // 2**20} MB; try a smaller input")
    return f"the reference solution stopped on your input ({failed.detail}); try another"


def run_examples(spec: ExerciseSpec, source: str, mine: Case | None = None, *,
                 arg_names: list[str] | None = None, sandbox_kind: str | None = None,
                 nice: int = 0, exercise_id: str | None = None) -> RunResult:
    """Run ``source`` on the visible examples of ``spec`` and, if given, on the user's
    own case ``mine``; every case is shown (input, expected, received).

    Raises :class:`InvalidInput` (nothing runs) when the reference refuses ``mine`` or
    cannot answer it within its limits (see :func:`user_expected`; ``exercise_id`` names
    the registered exercise whose reference a worker process computes it with). The
    expected values never reach the submission's process, as in :func:`judge`.
    """
    start = time.perf_counter()
    cases, expected = visible_examples(spec)
    labels = [f"example {i + 1}" for i in range(len(cases))]
    if mine is not None:
        expected.append(user_expected(spec, mine, exercise_id))
        cases.append(mine)
        labels.append("your input")
    arg_names = arg_names or []

    def result(outcome: str, message: str, rows: list[RunCase], output: str = "") -> RunResult:
        return RunResult(outcome, message, rows, output=output,
                         seconds=time.perf_counter() - start)

    if len(source.encode("utf-8", errors="replace")) > MAX_SOURCE_BYTES:
        return result(ERROR, f"the file is larger than {MAX_SOURCE_BYTES // 1024} KB", [])
    problem = check_syntax(source)
    if problem:
        return result(SYNTAX_ERROR, f"Syntax error: {problem}.", [])

    job = {"function": spec.function, "cases": [(c.args, c.kwargs) for c in cases],
           "needs_numpy": True}
    outcome = sandbox.run(source, job, spec.limits, sandbox=sandbox_kind, nice=nice)
    if outcome.failure:
        return result(ERROR, "The judge could not start its sandbox, so your file was not "
                      f"run: {outcome.failure}. Set {sandbox.ENV_SWITCH}=off to run "
                      "without it.", [])
    load, results, started, _ = _read_run(outcome.records)
    stopped = _run_problem(spec, cases, load, results, started, outcome.timed_out,
                           outcome.returncode, outcome.stderr, label=lambda i: labels[i])
    rows = []
    for i, case in enumerate(cases):
        record = results.get(i)
        if stopped is not None and record is None:
            break  # the cases after the one that hit a limit never ran: not shown
        reason, _, received = _judge_case(spec, case, expected[i], record)
        rows.append(RunCase(label=labels[i], note=case.note,
                            input=describe_call(case, arg_names),
                            expected=(f"raises {case.raises}" if case.raises
                                      else describe(expected[i])),
                            received=received, passed=reason is None, reason=reason))
    if stopped is not None:
        kind, message = stopped
        return result(kind, message, rows, outcome.stdout)
    if len(rows) < len(cases) or any(r.received == "nothing" for r in rows):
        return result(ERROR, f"The program {_how_it_ended(outcome.returncode)} before it "
                      "answered every case.", rows, outcome.stdout)
    right = sum(r.passed for r in rows)
    if right == len(rows):
        # The page and the command add that nothing was stored: said once, not twice.
        return result(RUN_PASSED, f"All {len(rows)} cases of this run passed; submit to be "
                      "judged on every case.", rows, outcome.stdout)
    first = next(r for r in rows if not r.passed)
    return result(RUN_FAILED, f"{right} of {len(rows)} cases of this run passed; "
                  f"{first.label}: {first.reason}", rows, outcome.stdout)
