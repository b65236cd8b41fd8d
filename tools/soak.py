"""Soak test: kill a study session with SIGKILL at random moments; check nothing is lost.

A *worker* process runs a realistic study session against one data folder: reviews of
real cards (``Study.review``), exercise submissions (the real judge, then
``record_attempt``), settings changes, ``import`` of backups and ``export`` to files,
half of the last three through the CLI (``mlinterview import``, ``export``, ``settings``
run in process) and half through the study service. It announces every step on a pipe::

    begin review 7 bias-variance      an operation starts (phase, number, detail)
    tick                              SQLite ran another few dozen instructions
    ev spawn | ev open | ev write     a judge process started; an output file opened or
                                      half written; ev link, ev rename: it is put in place
    commit review <uid> bias-variance printed only after the write's commit returned
    judged accepted | rejected import <name>

The worker waits for the driver's go-ahead after every line. The driver (this process)
picks, with a seeded RNG, a phase, which occurrence of it, a kind of event seen in that
phase and which one of them, and sends SIGKILL when that event arrives, either while the
worker waits at it or just after letting it go on: the kill is synchronised on the
worker's own progress, never on a timer, so kills land inside review writes, import
transactions, export writes and judge runs alike. After each kill,
with the data folder as the next session would find it:

- ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` finds nothing;
- every write the worker reported as committed is stored (reviews and attempts by id,
  settings by value, imports by every row of the backup, exports by their content), and
  the write in flight is stored whole or not at all;
- every card's state matches its review log (count, latest review's result, the chain of
  ``card_before``/``card_after``, lapses), and every exercise's schedule its rated attempts;
- the output folder holds only complete exports: no half-written file, no temporary file.

The data folder carries over from kill to kill, as a user's would. Run
``python tools/soak.py --kills 100`` (``make soak``); ``--seed`` replays the choices
(phases, operations; the exact moment a signal lands is up to the kernel).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

PHASES = ("review", "settings", "judge", "attempt", "import", "export")
# The end line of each phase (the judge's is "judged"; a refused import's is "rejected").
ENDS = {"commit", "judged", "rejected"}
# Worker operations and their weights: reviews are what a session mostly does.
OPERATIONS = {"review": 3, "settings": 1, "judge": 1, "import": 1, "export": 1}
TICK_INSTRUCTIONS = 50  # SQLite VM instructions between two "tick" events
START = datetime(2026, 1, 5, 9, tzinfo=UTC)  # the worker's simulated clock starts here
SETTING_VALUES = {
    "desired_retention": (0.8, 0.85, 0.9, 0.95),
    "new_per_day": (0, 5, 10, 20, 50),
    "fuzz": (True, False),
}
MAX_OPERATIONS = 400  # a worker that has not met its kill point by then is killed anyway


# --------------------------------------------------------------------------------------
# The worker: a study session that reports every step on the event pipe.
# --------------------------------------------------------------------------------------

def worker(config: dict) -> None:
    """Run study operations forever (until killed), announcing them on ``event_fd``."""
    from mlinterview.cli import app
    from mlinterview.exercises import check
    from mlinterview.study import Study, check_setting
    from mlinterview.study.store import DB_NAME, Store, data_dir
    from mlinterview.topics import get_topic

    fd, ack = config["event_fd"], config["ack_fd"]
    out_dir = config["out_dir"]
    phase: list[str | None] = [None]

    def emit(*parts) -> None:
        """Report an event and wait until the driver lets us go on: the driver kills us
        here, paused at the event, or just after letting us go."""
        os.write(fd, (" ".join(str(p) for p in parts) + "\n").encode())
        if os.read(ack, 1) == b"":  # the driver is gone
            os._exit(3)

    def on_progress() -> int:
        if phase[0] is not None:
            emit("tick")
        return 0  # 0: go on

    def audit(event: str, args: tuple) -> None:
        # Audit hooks see what the code under test does without changing it.
        if phase[0] is None:
            return
        elif event == "subprocess.Popen":
            emit("ev", "spawn")
        elif event == "open" and isinstance(args[0], str) and args[0].startswith(out_dir):
            emit("ev", "open")
        elif event in ("os.link", "os.rename"):
            emit("ev", event[3:])

    sys.addaudithook(audit)
    connect = sqlite3.connect

    def connect_with_ticks(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_progress_handler(on_progress, TICK_INSTRUCTIONS)
        return conn

    sqlite3.connect = connect_with_ticks  # the store looks it up at each connection
    wait, pick = subprocess.Popen.wait, select.select

    # The judge waits for its process with select on a pidfd (or Popen.wait with a
    # timeout where there is none): reported, the kill lands while that process runs.
    def wait_with_event(self, timeout=None):
        if phase[0] == "judge" and timeout is not None:
            emit("ev", "judging")
        return wait(self, timeout)

    def select_with_event(*args):
        if phase[0] == "judge":
            emit("ev", "judging")
        return pick(*args)

    subprocess.Popen.wait = wait_with_event
    select.select = select_with_event
    dump = json.dump

    def dump_with_events(obj, fp, *args, **kwargs):
        """json.dump, reporting every few hundred chunks it writes into an export."""
        if phase[0] != "export":
            return dump(obj, fp, *args, **kwargs)

        class Reporting:
            chunks = 0

            def write(self, chunk):
                Reporting.chunks += 1
                if Reporting.chunks % 400 == 0:
                    emit("ev write")  # the file is half written
                return fp.write(chunk)

        return dump(obj, Reporting(), *args, **kwargs)

    json.dump = dump_with_events  # the study service calls json.dump for its exports
    rng = random.Random(config["seed"])
    clock = datetime.fromisoformat(config["start"])
    study = Study(Store(data_dir() / DB_NAME), clock=lambda: clock)
    exercises = config["exercises"]
    own_exports: list[str] = []

    def begin(kind: str, n: int, detail: object) -> None:
        emit("begin", kind, n, detail)
        phase[0] = kind

    def end(*parts) -> None:
        phase[0] = None
        emit(*parts)

    def cli(*args: str) -> bool:
        return app(list(args), standalone_mode=False, prog_name="mlinterview") in (None, 0)

    ops, weights = list(OPERATIONS), list(OPERATIONS.values())
    for n in range(1, MAX_OPERATIONS + 1):
        op = rng.choices(ops, weights)[0]
        clock += timedelta(minutes=rng.randint(5, 900))
        via_cli = rng.random() < 0.5
        if op == "review":
            slug = rng.choice(config["review_slugs"])
            answers = {q.id: right_answer(q) if rng.random() < 0.7 else "zzz"
                       for q in get_topic(slug).quick_checks}
            rating = rng.choice((None, None, 1, 2, 3, 4))
            begin("review", n, slug)
            outcome = study.review(slug, answers, rating=rating, now=clock)
            end("commit", "review", outcome.uid, slug)
        elif op == "settings":
            key = rng.choice(list(SETTING_VALUES))
            value = check_setting(key, rng.choice(SETTING_VALUES[key]))
            text = json.dumps(value)
            begin("settings", n, f"{key}={text}")
            if via_cli:
                if not cli("settings", key, str(value).lower()):
                    raise RuntimeError(f"mlinterview settings {key} {value} failed")
            else:
                study.set_setting(key, value)
            end("commit", "settings", key, text)
        elif op == "judge":
            exercise = rng.choice(exercises)
            right = rng.random() < 0.5
            source = exercise["solution" if right else "wrong"]
            begin("judge", n, exercise["id"])
            verdict = check(exercise["id"], source)
            end("judged", verdict.verdict.replace(" ", "-"))
            begin("attempt", n, exercise["id"])
            uid = study.record_attempt(exercise["id"], exercise["slug"], verdict, source,
                                       now=clock)
            end("commit", "attempt", uid, exercise["slug"])
        elif op == "import":
            names = list(config["backups"]) + own_exports[-1:]
            name = rng.choice(names)
            path = config["backups"].get(name) or os.path.join(out_dir, name)
            begin("import", n, name)
            if via_cli:
                ok = cli("import", path)
            else:
                try:
                    study.import_file(path)
                    ok = True
                except ValueError:
                    ok = False
            end("commit" if ok else "rejected", "import", name)
        else:  # export
            name = ("backup.json" if rng.random() < 0.5
                    else f"export-{n:03d}-{rng.getrandbits(32):08x}.json")
            begin("export", n, name)
            path = os.path.join(out_dir, name)
            if via_cli:
                if not cli("export", path):
                    raise RuntimeError(f"mlinterview export {path} failed")
            else:
                study.export(path)
            end("commit", "export", name)
            if name != "backup.json":
                own_exports.append(name)
    emit("done")


def right_answer(check) -> str:
    """The answer a quick check accepts, as the user would type it."""
    return repr(check.answer) if check.kind == "numeric" else str(check.answer)


# --------------------------------------------------------------------------------------
# The driver's knowledge of what must be stored.
# --------------------------------------------------------------------------------------

@dataclass
class Backup:
    """A backup file the worker may import, and what importing it must store."""

    path: Path
    reviews: set[str]
    attempts: set[str]
    settings: dict
    poisoned: bool = False  # its last row breaks a constraint: the import must change nothing


@dataclass
class Model:
    """What the workers reported as committed, over every kill so far."""

    reviews: dict[str, str] = field(default_factory=dict)  # uid -> slug
    attempts: set[str] = field(default_factory=set)
    settings: dict = field(default_factory=dict)
    imported: set[str] = field(default_factory=set)  # names of committed imports
    exports: dict[str, set[str]] = field(default_factory=dict)  # name -> uids it must hold
    seen_outputs: dict[str, tuple] = field(default_factory=dict)  # name -> stat signature
    unconfirmed: set[str] = field(default_factory=set)  # exports in flight at a kill
    # Complete temporary files left by a kill between link and rename -> their target,
    # and how many exports to each target committed in the session just checked.
    window_temps: dict[str, str] = field(default_factory=dict)
    rewritten: Counter = field(default_factory=Counter)
    window_kills: int = 0


@dataclass(frozen=True)
class Aim:
    """Where to kill: at the ``nth`` event of kind ``kind`` ("begin", "tick", "ev open",
    ...) in the ``occurrence``-th run of ``phase``; ``paused``: while the worker waits at
    that event, else just after letting it go on (the signal then lands wherever the
    worker has got to)."""

    phase: str
    occurrence: int
    kind: str
    nth: int
    paused: bool

    def __str__(self) -> str:
        return (f"{self.phase}#{self.occurrence} {self.kind}#{self.nth}"
                f"{'' if self.paused else '~'}")


@dataclass
class KillReport:
    """One kill: where it was aimed, where it landed, what was checked."""

    index: int
    aimed: Aim
    landed: str  # the phase in flight when the worker died, or "between"
    where: str  # what the worker was doing: "in SQL", "writing the file", ...
    writes: int  # writes the worker reported committed in this session
    inflight_stored: bool | None  # the unreported write in flight: found stored?
    failures: list[str]
    orphans: int  # judge processes still alive right after the kill


@dataclass
class SoakReport:
    """A whole soak run: every kill's report and the figures of the run."""

    seed: int
    kills: list[KillReport]
    seconds: float
    judge_dirs_left: int
    workdir: Path
    window_temps: int = 0  # kills between link and rename that left a complete temp copy

    @property
    def failures(self) -> list[str]:
        return [f"kill {k.index}: {f}" for k in self.kills for f in k.failures]

    @property
    def writes(self) -> int:
        return sum(k.writes for k in self.kills)


# --------------------------------------------------------------------------------------
# Preparation: the cards, exercises and backups the worker uses.
# --------------------------------------------------------------------------------------

def plan_content() -> tuple[list[str], list[dict], dict[str, list[str]]]:
    """Real slugs the worker reviews, two cheap real exercises (right and wrong source)
    and disjoint slug sets for the backups, so each card's history has one origin."""
    from mlinterview.exercises import registry
    from mlinterview.topics import all_topics

    slugs = sorted(s for s, t in all_topics().items() if t.quick_checks)
    exercises = sorted((e for e in registry().values() if e.slug in slugs),
                       key=lambda e: (len(e.spec.cases()), e.id))[:2]
    chosen = [{"id": e.id, "slug": e.slug, "solution": e.solution,
               # A wrong submission the judge runs and rejects: the starter file.
               "wrong": e.starter} for e in exercises]
    own = [e["slug"] for e in chosen]
    rest = [s for s in slugs if s not in own]
    review_slugs = own + rest[:4]
    rest = rest[4:]
    groups = {"backup-a.json": rest[0:4], "backup-b.json": rest[4:8],
              "poisoned.json": rest[8:11]}
    return review_slugs, chosen, groups


def make_backup(path: Path, slugs: list[str], reviews: int, seed: int,
                poisoned: bool = False) -> Backup:
    """An export of a separate study history over ``slugs`` (before the worker's clock
    starts), written to ``path``; a poisoned one ends with a review rated 9."""
    from mlinterview.exercises.judge import Verdict
    from mlinterview.study import Study
    from mlinterview.study.store import Store
    from mlinterview.topics import get_topic

    rng = random.Random(seed)
    clock = START - timedelta(days=400)
    study = Study(Store(":memory:"), clock=lambda: clock)
    settings = {"desired_retention": rng.choice((0.85, 0.9)), "new_per_day": rng.randint(1, 30)}
    for key, value in settings.items():
        study.set_setting(key, value)
    for i in range(reviews):
        clock += timedelta(minutes=rng.randint(60, 2000))
        slug = rng.choice(slugs)
        answers = {q.id: right_answer(q) if rng.random() < 0.7 else "zzz"
                   for q in get_topic(slug).quick_checks}
        study.review(slug, answers, now=clock)
        if i % 10 == 0:
            verdict = Verdict("accepted" if rng.random() < 0.5 else "wrong answer", 1, 2, "")
            study.record_attempt(f"{slug}/x", slug, verdict, "def f(): pass\n", now=clock)
    study.export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    if poisoned:
        bad = dict(data["reviews"][-1], uid="f" * 32, rating=9)  # CHECK (rating 1-4) fails
        data["reviews"].append(bad)
        path.write_text(json.dumps(data), encoding="utf-8")
    return Backup(path, {r["uid"] for r in data["reviews"]},
                  {a["uid"] for a in data["attempts"]}, data["settings"], poisoned)


# --------------------------------------------------------------------------------------
# Checks after a kill.
# --------------------------------------------------------------------------------------

def check_database(db: Path, model: Model, backups: dict[str, Backup],
                   inflight: tuple[str, str] | None, own_exports: dict[str, Backup]
                   ) -> tuple[list[str], bool | None]:
    """Failures found in the database, and whether the write in flight was stored."""
    try:
        return _check_database(db, model, backups, inflight, own_exports)
    except sqlite3.Error as exc:
        return [f"the database cannot be read: {exc}"], None


def _check_database(db, model, backups, inflight, own_exports):
    from mlinterview.study.scheduler import card_from_json

    failures: list[str] = []
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            return [f"integrity_check: {integrity}"], None
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            failures.append("foreign_key_check found dangling rows")
        # A worker killed inside the very first migration leaves a file with no tables
        # (the migration rolled back whole): a valid, empty database.
        empty = conn.execute("PRAGMA user_version").fetchone()[0] == 0

        def rows(sql: str) -> list[sqlite3.Row]:
            return [] if empty else conn.execute(sql).fetchall()

        reviews = {r["uid"]: r["slug"] for r in rows("SELECT uid, slug FROM review_log")}
        attempts = {r["uid"] for r in rows("SELECT uid FROM exercise_attempts")}
        settings = {r["key"]: json.loads(r["value"])
                    for r in rows("SELECT key, value FROM settings")}
        stored = None

        # 1. Every reported write is there.
        lost = set(model.reviews) - set(reviews)
        if lost:
            failures.append(f"{len(lost)} committed reviews lost, e.g. {min(lost)}")
        lost = model.attempts - attempts
        if lost:
            failures.append(f"{len(lost)} committed attempts lost, e.g. {min(lost)}")
        known = {**backups, **own_exports}
        for name in model.imported:
            b = known[name]
            if b.reviews - set(reviews) or b.attempts - attempts:
                failures.append(f"committed import of {name} is not all there")

        # 2. Nothing else, except the one write in flight, whole or not at all.
        expected_reviews = set(model.reviews).union(*(known[n].reviews for n in model.imported))
        expected_attempts = model.attempts.union(*(known[n].attempts for n in model.imported))
        extra_r, extra_a = set(reviews) - expected_reviews, attempts - expected_attempts
        kind, detail = inflight or ("", "")
        if kind == "review":
            ok = len(extra_r) <= 1 and not extra_a and all(reviews[u] == detail for u in extra_r)
            stored = bool(extra_r)
        elif kind == "attempt":
            ok = len(extra_a) <= 1 and not extra_r
            stored = bool(extra_a)
        elif kind == "import" and detail not in model.imported:
            b = known[detail]
            new_r, new_a = b.reviews - expected_reviews, b.attempts - expected_attempts
            ok = (extra_r, extra_a) in ((set(), set()), (new_r, new_a)) and not (
                b.poisoned and extra_r)
            stored = bool(extra_r or extra_a) if (new_r or new_a) else None
        else:
            ok = not extra_r and not extra_a
        if not ok:
            failures.append(f"unreported rows stored: {len(extra_r)} reviews, "
                            f"{len(extra_a)} attempts (in flight: {kind or 'nothing'} {detail})")
        for b in backups.values():
            if b.poisoned and b.reviews & set(reviews):
                failures.append(f"rows of the refused import {b.path.name} were stored")

        # 3. Settings: as last committed, or with the write in flight applied.
        allowed = [model.settings]
        if kind == "settings":
            key, text = detail.split("=", 1)
            allowed.append({**model.settings, key: json.loads(text)})
        elif kind == "import" and not known[detail].poisoned:
            allowed.append({**model.settings, **known[detail].settings})
        if settings not in allowed:
            failures.append(f"settings {settings} are none of {allowed}")
        if kind == "settings":
            stored = settings != model.settings if allowed[0] != allowed[1] else None

        # 4. Each card's state matches its review log.
        logs: dict[str, list] = {}
        for r in rows("SELECT slug, rating, card_before, card_after FROM review_log "
                      "ORDER BY reviewed_at, id"):
            logs.setdefault(r["slug"], []).append(r)
        for state in rows("SELECT * FROM card_state"):
            slug, log = state["slug"], logs.pop(state["slug"], [])
            card = card_from_json(state["card"])
            problem = _card_problem(card, state, log, card_from_json)
            if problem:
                failures.append(f"card {slug}: {problem}")
        if logs:
            failures.append(f"reviews without a card state: {sorted(logs)}")

        # 5. Each exercise's schedule matches its rated attempts, the same way (once the
        # migration that made schedules has run: a kill inside it leaves none).
        scheduled = bool(rows("SELECT 1 FROM sqlite_master WHERE name = 'exercise_schedule'"))
        logs = {}
        for r in rows("SELECT exercise_id, rating, card_before, card_after "
                      "FROM exercise_attempts WHERE rating IS NOT NULL "
                      "ORDER BY submitted_at, id") if scheduled else []:
            logs.setdefault(r["exercise_id"], []).append(r)
        for state in rows("SELECT * FROM exercise_schedule") if scheduled else []:
            exercise_id, log = state["exercise_id"], logs.pop(state["exercise_id"], [])
            problem = _card_problem(card_from_json(state["card"]), state, log, card_from_json)
            if problem:
                failures.append(f"exercise {exercise_id}: {problem}")
        if logs:
            failures.append(f"rated attempts without a schedule: {sorted(logs)}")
    finally:
        conn.close()
    # What the kill left stored is where the next session starts: a write in flight
    # that did commit is now as much the user's data as a reported one.
    if kind == "import" and (extra_r or extra_a):
        model.imported.add(detail)
    else:
        model.reviews.update({uid: reviews[uid] for uid in extra_r})
        model.attempts |= extra_a
    model.settings = settings
    return failures, stored


def _card_problem(card, state, log, card_from_json) -> str | None:
    """Why a card's stored state does not follow from its review log (None if it does)."""
    if state["reps"] != len(log):
        return f"reps {state['reps']} but {len(log)} reviews"
    if not log:
        return None if card.last_review is None else "reviewed state without a review"
    lapses = 0
    previous = None
    for r in log:
        before = card_from_json(r["card_before"]) if r["card_before"] else None
        if previous is None:
            # The first review starts from nothing, or from the never-reviewed card that
            # a failed exercise stored (due now).
            if before is not None and before.last_review is not None:
                return "the first review starts from a reviewed card"
        elif before is None or (before.stability, before.difficulty, before.last_review) != (
                previous.stability, previous.difficulty, previous.last_review):
            return "a review does not start from the previous review's result"
        lapses += r["rating"] == 1 and before is not None and int(before.state) == 2
        previous = card_from_json(r["card_after"])
    same = (card.stability, card.difficulty, int(card.state), card.last_review) == (
        previous.stability, previous.difficulty, int(previous.state), previous.last_review)
    if not same:
        return "state is not the latest review's result"
    if card.due > previous.due:  # a failed exercise may only bring the due date forward
        return "due later than the latest review scheduled"
    if state["lapses"] != lapses:
        return f"lapses {state['lapses']} but the log has {lapses}"
    return None


def check_outputs(out_dir: Path, model: Model, inflight: tuple[str, str] | None) -> list[str]:
    """Only complete exports in ``out_dir``, each holding what it must."""
    failures = []
    # A temporary file left by an earlier kill must be gone once its target was written.
    for name, target in list(model.window_temps.items()):
        if not (out_dir / name).exists():
            del model.window_temps[name]
        elif model.rewritten[target]:
            failures.append(f"{name} was not removed by the next export to {target}")
    model.rewritten.clear()
    for entry in sorted(out_dir.iterdir()):
        name = entry.name
        target = _temp_target(name)
        if target is not None and _complete_export(entry):
            # Killed between the last two steps of an overwrite (link, rename): the only
            # moment a named temporary file exists. It is a complete copy, and the next
            # export to the same name removes it; check that it does.
            if name not in model.window_temps:
                model.window_temps[name] = target
                model.window_kills += 1
            continue
        if not (name == "backup.json" or (name.startswith("export-") and name.endswith(".json"))):
            failures.append(f"leftover file in the output folder: {name}")
            continue
        st = entry.stat()
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        if model.seen_outputs.get(name) == signature:
            continue  # checked after an earlier kill and unchanged since
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            uids = {r["uid"] for r in data["reviews"]} | {a["uid"] for a in data["attempts"]}
        except (ValueError, KeyError, TypeError) as exc:
            failures.append(f"half-written or unreadable export {name}: {exc}")
            continue
        if data.get("format") != "mlinterview-study":
            failures.append(f"{name} is not an export")
        if inflight == ("export", name):
            model.unconfirmed.add(name)  # may or may not have been written before the kill
        started = name in model.exports or name in model.unconfirmed
        if not started:
            failures.append(f"{name} exists but no export of it was started")
        missing = model.exports.get(name, set()) - uids
        if missing:
            failures.append(f"{name} lacks {len(missing)} rows committed before its export")
        model.seen_outputs[name] = signature
    for name in model.exports:
        if name != "backup.json" and not (out_dir / name).exists():
            failures.append(f"committed export {name} is missing")
    return failures


def _temp_target(name: str) -> str | None:
    """The file whose temporary file ``name`` is (``.TARGET.PID.RANDOM.tmp``), or None."""
    parts = name.split(".")
    if len(parts) >= 5 and parts[0] == "" and parts[-1] == "tmp" and parts[-3].isdigit():
        return ".".join(parts[1:-3])
    return None


def _complete_export(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == "mlinterview-study"


def judge_leftovers(tmp_dir: Path) -> tuple[list[int], int]:
    """Judge processes still running in ``tmp_dir`` (orphaned by the kill: the judge puts
    them in their own session) and the judge folders left behind."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if cwd.startswith(str(tmp_dir) + os.sep):
            pids.append(int(proc.name))
    return pids, sum(1 for p in tmp_dir.iterdir() if p.name.startswith("mlinterview-judge-"))


def wait_for_exit(pids: list[int], timeout: float = 60.0) -> None:
    """Wait until the processes ``pids`` (not our children) exit; kill what remains."""
    for pid in pids:
        try:
            pidfd = os.pidfd_open(pid)
        except (ProcessLookupError, AttributeError, OSError):
            continue
        try:
            ready, _, _ = select.select([pidfd], [], [], timeout)  # readable when it exits
            if not ready:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        finally:
            os.close(pidfd)


# --------------------------------------------------------------------------------------
# The driver.
# --------------------------------------------------------------------------------------

def parse(line: str) -> list[str]:
    return line.rstrip("\n").split(" ")


def soak(kills: int = 100, seed: int | None = None, *, workdir: Path | None = None,
         backup_reviews: int = 150, occurrences: int = 2, log=print) -> SoakReport:
    """Start a worker, SIGKILL it at a chosen event and check the data folder, ``kills``
    times. The kill is aimed at the 1st to ``occurrences``-th time the worker enters a
    phase. Returns the per-kill reports; ``log`` gets one line per kill."""
    seed = random.randrange(2**32) if seed is None else seed
    rng = random.Random(seed)
    began = time.perf_counter()
    work = Path(workdir or tempfile.mkdtemp(prefix="mlinterview-soak-"))
    home, out_dir, tmp_dir, backup_dir = (work / d for d in ("home", "out", "tmp", "backups"))
    for d in (home, out_dir, tmp_dir, backup_dir):
        d.mkdir(parents=True, exist_ok=True)
    db = home / "mlinterview.sqlite3"

    review_slugs, exercises, groups = plan_content()
    backups = {name: make_backup(backup_dir / name, slugs, backup_reviews, seed + i,
                                 poisoned=name == "poisoned.json")
               for i, (name, slugs) in enumerate(groups.items())}
    model = Model()
    own_exports: dict[str, Backup] = {}
    # The events of each phase seen so far ("begin", "tick", "ev open", ...), to aim
    # inside a phase at each kind of event alike: a kill in the export's write is as
    # likely as one in its many SQL ticks.
    seen: dict[str, list[list[str]]] = {phase: [] for phase in PHASES}
    reports: list[KillReport] = []
    log(f"soak: seed {seed} (replay: --seed {seed}), {kills} kills, folder {work}")

    cycle: list[str] = []
    for index in range(1, kills + 1):
        if not cycle:  # every phase once per cycle, in a random order
            cycle = rng.sample(PHASES, len(PHASES))
        phase = cycle.pop()
        aim = Aim(phase, rng.randint(1, occurrences), *_pick_event(rng, seen[phase]),
                  rng.random() < 0.5)
        start = _next_start(db)
        config = {"seed": rng.randrange(2**32), "start": start.isoformat(),
                  "out_dir": str(out_dir), "review_slugs": review_slugs,
                  "exercises": exercises,
                  "backups": {n: str(b.path) for n, b in backups.items()}}
        started = time.perf_counter()
        lines = _run_until(aim, config, home, tmp_dir, work / "worker.log")
        orphans, _ = judge_leftovers(tmp_dir)
        report = _account(index, aim, lines, model, backups, own_exports, out_dir, seen)
        report.orphans = len(orphans)
        inflight = _inflight(lines)
        failures, stored = check_database(db, model, backups, inflight, own_exports)
        report.failures += failures + check_outputs(out_dir, model, inflight)
        report.inflight_stored = stored
        reports.append(report)
        if report.failures:  # keep the events for a look at what happened
            (work / f"kill-{index:03d}.events").write_text("".join(lines), encoding="utf-8")
        log(f"kill {index:3d}/{kills}: aimed {aim} landed {report.landed:<8s} "
            f"({report.where}); {report.writes} writes reported, "
            f"{time.perf_counter() - started:.1f} s; "
            + ("ok" if not report.failures else "FAIL: " + "; ".join(report.failures)))
        wait_for_exit(orphans)
    _, dirs_left = judge_leftovers(tmp_dir)
    result = SoakReport(seed, reports, time.perf_counter() - began, dirs_left, work,
                        model.window_kills)
    if workdir is None and not result.failures:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _pick_event(rng: random.Random, runs: list[list[str]]) -> tuple[str, int]:
    """(kind, n): a kind of event picked uniformly among those of an earlier run of the
    phase, and which one of that kind (the phase's runs grow longer with the database,
    so the n-th of a kind, not a position, names the same moment)."""
    if not runs:
        return "begin", 1
    events = rng.choice(runs)
    kind = rng.choice(sorted(set(events)))
    return kind, rng.randint(1, events.count(kind))


def _kind(parts: list[str]) -> str:
    """The kind of an event line: "begin", "tick", "ev open", "commit"..."""
    return " ".join(parts[:2]) if parts[0] == "ev" else parts[0]


def _next_start(db: Path) -> datetime:
    """The worker's clock starts an hour after the latest stored time, so that each card's
    log stays in order across sessions."""
    if not db.exists():
        return START
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            return START  # killed inside the first migration: no tables, nothing stored
        latest = conn.execute("SELECT MAX(t) FROM (SELECT MAX(reviewed_at) AS t FROM review_log "
                              "UNION ALL SELECT MAX(submitted_at) FROM exercise_attempts)"
                              ).fetchone()[0]
    finally:
        conn.close()
    return max(START, datetime.fromisoformat(latest) + timedelta(hours=1)) if latest else START


def _run_until(aim: Aim, config: dict, home: Path, tmp_dir: Path,
               log_path: Path) -> list[str]:
    """Start a worker and SIGKILL it at the event ``aim`` names; every line it sent."""
    events_r, events_w = os.pipe()
    ack_r, ack_w = os.pipe()
    env = {**os.environ, "MLINTERVIEW_HOME": str(home), "TMPDIR": str(tmp_dir),
           "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    config = {**config, "event_fd": events_w, "ack_fd": ack_r}
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, __file__, "--worker", json.dumps(config)],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                pass_fds=(events_w, ack_r))
    # The worker holds the only other ends: EOF (or EPIPE) as soon as it dies.
    os.close(events_w)
    os.close(ack_r)
    lines: list[str] = []
    runs = 0  # runs of the phase begun so far
    kind_seen = 0  # events of the aimed kind in the aimed run
    armed = False
    with os.fdopen(events_r, "r", encoding="utf-8") as events:
        try:
            for line in events:
                lines.append(line)
                parts = parse(line)
                if parts[0] == "begin" and parts[1] == aim.phase:
                    runs += 1
                    armed = runs == aim.occurrence
                target = False
                if armed:
                    kind_seen += _kind(parts) == aim.kind
                    # At the aimed event, or at the end of the run if it had fewer.
                    target = kind_seen >= aim.nth or parts[0] in ENDS
                target |= parts[0] == "begin" and int(parts[2]) >= MAX_OPERATIONS - 1
                if target and not aim.paused:
                    _ack(ack_w)  # let it go on: the signal lands a moment later
                if target:
                    break
                if not _ack(ack_w):
                    break
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            lines += events.readlines()  # what it wrote before the signal landed
        finally:
            os.close(ack_w)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if proc.returncode != -signal.SIGKILL:
        lines.append(f"died {proc.returncode}\n")
    return lines


def _ack(fd: int) -> bool:
    """Let the worker go on past the event it reported; False if it is gone."""
    try:
        os.write(fd, b".")
    except BrokenPipeError:
        return False
    return True


def _inflight(lines: list[str]) -> tuple[str, str] | None:
    """The operation begun and not ended when the worker died: (phase, detail)."""
    current = None
    for line in lines:
        parts = parse(line)
        if parts[0] == "begin":
            current = (parts[1], parts[3])
        elif parts[0] in ENDS:
            current = None
    return current


def _account(index, aim, lines, model: Model, backups, own_exports, out_dir,
             seen) -> KillReport:
    """Fold the worker's committed writes into ``model``; where the kill landed."""
    failures = []
    writes = 0
    phase_start: tuple[str, int] | None = None
    must_hold: set[str] = set()
    for i, line in enumerate(lines):
        parts = parse(line)
        if parts[0] == "begin":
            phase_start = (parts[1], i)
            if parts[1] == "export":  # what the export must hold: all committed before it
                must_hold = set(model.reviews) | model.attempts
                for name in model.imported:
                    known = backups.get(name) or own_exports[name]
                    must_hold |= known.reviews | known.attempts
            continue
        if parts[0] in ENDS and phase_start is not None:
            kind, at = phase_start
            seen[kind].append([_kind(parse(x)) for x in lines[at:i]])
            phase_start = None
        if parts[0] == "rejected" and not (parts[2] in backups and backups[parts[2]].poisoned):
            failures.append(f"import of {parts[2]} was refused")
        if parts[0] == "died":
            failures.append(f"the worker exited by itself ({parts[1]}); see worker.log")
        if parts[0] != "commit":
            continue
        writes += 1
        what = parts[1]
        if what == "review":
            model.reviews[parts[2]] = parts[3]
        elif what == "attempt":
            model.attempts.add(parts[2])
        elif what == "settings":
            model.settings[parts[2]] = json.loads(parts[3])
        elif what == "import":
            name = parts[2]
            b = backups.get(name) or own_exports.get(name)
            if b is None:
                failures.append(f"imported an unknown file {name}")
                continue
            if b.poisoned:
                failures.append(f"the poisoned backup {name} was imported")
                continue
            model.imported.add(name)
            model.settings.update(b.settings)
        elif what == "export":
            name = parts[2]
            model.exports[name] = must_hold
            model.rewritten[name] += 1
            if name != "backup.json":
                data = json.loads((out_dir / name).read_text(encoding="utf-8"))
                own_exports[name] = Backup(out_dir / name,
                                           {r["uid"] for r in data["reviews"]},
                                           {a["uid"] for a in data["attempts"]},
                                           data["settings"])
    inflight = _inflight(lines)
    return KillReport(index, aim, inflight[0] if inflight else "between", _where(lines),
                      writes, None, failures, 0)


def _where(lines: list[str]) -> str:
    """What the worker was doing when it died, from the events since its last ``begin``."""
    phase, events = None, []
    for line in lines:
        parts = parse(line)
        if parts[0] == "begin":
            phase, events = parts[1], []
        elif parts[0] in ENDS:
            phase, events = None, []
        elif parts[0] in ("tick", "ev"):
            events.append(" ".join(parts[:2]))
    if phase is None:
        return "between operations"
    if phase == "export":
        opened = events.count("ev open")  # 1st: the unnamed file; 2nd: its folder, to link
        if "ev rename" in events:
            return "renaming into place"
        if opened >= 2 or "ev link" in events:
            return "linking the written file"
        if opened == 1 or "ev write" in events:
            return "writing the file"
    if phase == "judge":
        if "ev judging" in events:
            return "judge process running"
        if "ev spawn" in events:
            return "starting the judge"
        return "loading the exercise"
    return "in SQL" if "tick" in events else "starting"


# --------------------------------------------------------------------------------------
# Summary and command line.
# --------------------------------------------------------------------------------------

def summary(report: SoakReport) -> str:
    """The figures of a soak run, as printed at its end."""
    aimed = Counter(k.aimed.phase for k in report.kills)
    landed = Counter(k.landed for k in report.kills)
    detail = Counter((k.landed, k.where) for k in report.kills)
    lines = [f"{'phase':<9s} {'aimed':>5s} {'landed in':>9s}  doing what"]
    for phase in (*PHASES, "between"):
        where = ", ".join(f"{e} {n}" for (p, e), n in sorted(detail.items()) if p == phase)
        lines.append(f"{phase:<9s} {aimed.get(phase, 0):5d} {landed.get(phase, 0):9d}  {where}")
    inflight = [k.inflight_stored for k in report.kills if k.inflight_stored is not None]
    failures = report.failures
    lines += [
        f"kills: {len(report.kills)}; integrity_check ok after "
        f"{sum(not any(f.startswith('integrity') for f in k.failures) for k in report.kills)}",
        f"writes reported committed and verified after each kill: {report.writes}",
        f"writes in flight at the kill: {sum(inflight)} found whole, "
        f"{len(inflight) - sum(inflight)} rolled back (a partial one is a failure)",
        f"kills between an overwrite's link and rename (a complete copy left as a "
        f".NAME.PID.RANDOM.tmp file, removed by the next export to NAME): "
        f"{report.window_temps}",
        f"judge processes orphaned by kills: {sum(k.orphans for k in report.kills)}; "
        f"judge temp folders left: {report.judge_dirs_left}",
        f"failures: {len(failures)}" + "".join(f"\n  {f}" for f in failures),
        f"time: {report.seconds:.1f} s (seed {report.seed})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="how many kills (100)")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's choices")
    parser.add_argument("--backup-reviews", type=int, default=150,
                        help="reviews in each backup file (150)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(json.loads(args.worker))
        return 0
    report = soak(args.kills, args.seed, workdir=args.keep, backup_reviews=args.backup_reviews)
    print(summary(report))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
