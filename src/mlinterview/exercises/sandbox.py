"""Run a submission's job in a separate, limited process: in namespaces where possible.

Two ways to run, chosen once per process by :func:`isolation` (a probe):

``namespaces`` (Linux with ``unshare`` and mount namespaces)
    The runner starts as process 2 of fresh mount, PID and network namespaces built by
    :mod:`mlinterview.exercises._jail`: a private root holding only the Python runtime
    (read-only) and its own size-capped ``/work``; no ``/proc``, no network, no
    capabilities; the reference solution, the cases, the study database and ``tests/``
    are not in it. As root the jail is built directly and the runner switches to an
    unused user id; otherwise an unprivileged user namespace is used. When the run ends,
    the whole PID namespace is killed: nothing the submission started survives.

``rlimits`` (macOS, kernels without unprivileged user namespaces, Ubuntu's AppArmor
restriction, or ``MLINTERVIEW_JUDGE_SANDBOX=off``)
    The runner runs as the user in a temporary folder with the same resource limits,
    in its own session whose process group is killed at the end. It can read every file
    the user can (including the reference solutions) and leaves behind processes that
    called ``setsid``. :func:`isolation` says so in words, for the CLI and the web app.

Both ways apply limits on CPU time, address space, file size (output), core dumps and
processes (``RLIMIT_NPROC``, which the kernel does not enforce for root: there the
namespace run's unused user id makes it count), run at a lower priority when asked
(``nice``), and hand results back through an inherited descriptor, never a path.

The wall-time limit catches a submission that sleeps or blocks. It is charged with
elapsed time minus what the runner spent waiting for a CPU while it had no process of its
own (the jail's only process; in the ``rlimits`` way, a runner without children), read
from ``/proc/PID/schedstat``, so a busy machine (or the web app's lower priority) does
not turn a correct submission into a time limit; the judge still kills a run after three
times the limit plus a minute. Where ``/proc`` is missing (macOS), plain elapsed time is
charged.
"""

from __future__ import annotations

import contextlib
import functools
import json
import marshal
import os
import pickle
import platform
import random
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinterview.exercises.spec import Limits

HERE = Path(__file__).parent
RUNNER = HERE / "_runner.py"
JAIL = HERE / "_jail.py"

NAMESPACES_ROOT = "namespaces (root)"
NAMESPACES_USER = "namespaces (user)"
RLIMITS = "rlimits"
SANDBOXES = (NAMESPACES_ROOT, NAMESPACES_USER, RLIMITS)

NPROC = 8  # processes and threads of one run: the runner needs one
# The jail charges the wall limit only with time not spent waiting for a CPU, so on a
# busy machine a run may take longer than its limit; past this (3 x the limit + this) the
# judge kills it anyway, a time limit.
SETUP_SECONDS = 60.0
JAIL_UIDS = (1_500_000_000, 1_600_000_000)  # unused user ids for the runner (as root)
ENV_SWITCH = "MLINTERVIEW_JUDGE_SANDBOX"


@dataclass
class Run:
    """What came back from one run: the runner's JSON records, the tails of its
    output, how it ended, and ``failure`` when the sandbox itself could not be built."""

    records: list[dict[str, Any]] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = None
    timed_out: bool = False
    failure: str = ""


@dataclass(frozen=True)
class Isolation:
    """How submissions are isolated on this machine: ``kind`` is one of
    :data:`SANDBOXES`; ``description`` is one line for people; ``reason`` says why the
    namespace sandbox is not used (empty when it is)."""

    kind: str
    description: str
    reason: str = ""

    @property
    def isolated(self) -> bool:
        """True when a submission cannot read files outside its own folder."""
        return self.kind != RLIMITS


_DESCRIPTIONS = {
    NAMESPACES_ROOT: "sandboxed: private mount, PID and network namespaces; the submission "
                     "sees only the Python runtime and its own folder, runs as an unused "
                     "user id, has no network and at most {nproc} processes",
    NAMESPACES_USER: "sandboxed: user, mount, PID and network namespaces; the submission "
                     "sees only the Python runtime and its own folder, has no capabilities "
                     "and no network",
    RLIMITS: "not sandboxed ({reason}): resource limits only; a submission can read the "
             "files your user can read, the reference solutions included",
}


# ---------------------------------------------------------------------------------------
# What the jail shows and hides
# ---------------------------------------------------------------------------------------

SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                "/etc/ld.so.cache")


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


@functools.cache
def jail_binds() -> tuple[str, ...]:
    """The host paths the jail shows (read-only): the interpreter's prefixes, the folder
    NumPy is installed in and the system's libraries, minus paths inside another."""
    import numpy

    wanted = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              str(Path(numpy.__file__).parent.parent)}
    wanted |= {os.path.realpath(p) for p in wanted}
    wanted.discard("/")  # a prefix of / would show everything: then the probe fails
    kept: list[str] = []
    for path in sorted(wanted, key=len):
        if not any(_under(path, k) for k in kept):
            kept.append(path)
    system = [p for p in SYSTEM_PATHS if not any(_under(p, k) for k in kept)]
    return tuple(system + kept)


def case_files(job: dict[str, Any]) -> list[str]:
    """Data files the cases name by absolute path (an exercise on files passes paths it
    prepared): the jail shows each of them, read-only, and nothing else of its folder.
    Case inputs come from the exercise, never from the submission."""
    found: set[str] = set()

    def visit(value: Any, depth: int) -> None:
        if isinstance(value, str):
            if os.path.isabs(value) and len(value) < 4096 and os.path.isfile(value):
                found.add(value)
        elif depth < 4 and isinstance(value, (list, tuple)):
            for item in value:
                visit(item, depth + 1)
        elif depth < 4 and isinstance(value, dict):
            for item in value.values():
                visit(item, depth + 1)

    for args, kwargs in job["cases"]:
        visit(args, 0)
        visit(kwargs, 0)
    return sorted(found)


def jail_workdir(binds: tuple[str, ...]) -> str:
    """Where the submission's folder appears in the jail: ``/work`` unless a shown path
    is already there (a checkout in /work with its virtual environment).

    >>> jail_workdir(("/usr", "/work/main/.venv"))
    '/submission'
    """
    for name in ("/work", "/submission", "/mlinterview-submission"):
        if not any(_under(b, name) or _under(name, b) for b in binds):
            return name
    raise OSError("no free folder for the submission in the sandbox")


def secret_paths() -> list[str]:
    """Folders no submission may read: the mlinterview package (exercise solutions and
    cases), the source checkout around it (tests/) and the study folder."""
    from mlinterview.study.store import data_dir

    package = Path(__file__).resolve().parent.parent
    paths = [package, data_dir()]
    if package.parent.name == "src" and (package.parent.parent / "pyproject.toml").exists():
        paths.append(package.parent.parent)
    return [str(p) for p in paths]


def jail_masks(binds: tuple[str, ...], secrets: list[str]) -> list[str]:
    """The secret folders that lie inside a shown path, so the jail must cover them.

    >>> jail_masks(("/usr", "/venv"), ["/venv/lib/site-packages/mlinterview", "/home/x"])
    ['/venv/lib/site-packages/mlinterview']
    """
    masks = set()
    for secret in secrets:
        for path in {secret, os.path.realpath(secret)}:
            if any(_under(path, b) for b in binds):
                masks.add(path)
    return sorted(masks)


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------


def clean_env(workdir: str) -> dict[str, str]:
    """The runner's whole environment: nothing of the judge's leaks in."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "MPLCONFIGDIR": workdir,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
    }
    # One BLAS thread: less memory, no oversubscription, and reproducible sums.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    return env


def _rlimits(limits: Limits) -> dict[str, int]:
    return {"cpu": max(1, round(limits.cpu_seconds)),
            "memory": limits.memory_mb * 1024 * 1024,
            "fsize": limits.output_mb * 1024 * 1024,
            "nproc": NPROC}


def _limit_child(limits: Limits, nice: int):
    """Runs in the child between fork and exec (the ``rlimits`` way)."""
    values = _rlimits(limits)
    judge_pid = os.getpid()

    def apply() -> None:
        cpu = values["cpu"]
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (values["memory"],) * 2)
        resource.setrlimit(resource.RLIMIT_FSIZE, (values["fsize"],) * 2)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if os.geteuid() != 0:  # root is exempt; the limit would only mislead
            resource.setrlimit(resource.RLIMIT_NPROC, (values["nproc"],) * 2)
        os.nice(nice)
        _lower_session(nice)
        _die_with_parent(judge_pid)

    return apply


def _lower_session(nice: int) -> None:
    """Linux with autogroups: give the runner's new session (``start_new_session``) the
    same lower priority. The scheduler first shares the CPU between sessions, and only
    then by nice within one, so a niced process alone in its own session would still get
    as much CPU as the whole web server."""
    if nice <= 0:
        return
    try:
        with open("/proc/self/autogroup", "w") as fh:
            fh.write(str(nice))
    except OSError:  # no autogroups (or no /proc): nice alone is what there is
        pass


def _die_with_parent(judge_pid: int) -> None:
    """Linux: SIGKILL this process when the judge dies, so a killed judge leaves no
    runner behind (the wall limit is enforced by the judge; without it nobody would)."""
    if sys.platform != "linux":
        return
    import ctypes

    PR_SET_PDEATHSIG = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != judge_pid:  # the judge died before the line above took effect
        os._exit(1)


def _read_records(path: Path) -> list[dict[str, Any]]:
    """The JSON lines the child managed to write (a cut-off line is ignored)."""
    records = []
    if not path.exists():
        return records
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict):
                records.append(record)
    return records


def _tail(path: Path, limit: int = 2000) -> str:
    if not path.exists():
        return ""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - limit))
        text = fh.read().decode("utf-8", errors="replace")
    return ("...\n" if size > limit else "") + text


def run(source: str, job: dict[str, Any], limits: Limits, *, sandbox: str | None = None,
        nice: int = 0) -> Run:
    """Run ``job`` (function name and case inputs) on ``source`` and collect the results.

    ``sandbox`` is one of :data:`SANDBOXES` (default: the best this machine supports,
    see :func:`isolation`); ``nice`` lowers the run's priority (0 to 19).
    """
    kind = sandbox or isolation().kind
    if kind not in SANDBOXES:
        raise ValueError(f"sandbox: expected one of {', '.join(SANDBOXES)}; got {kind!r}")
    sweep_stale_folders()
    with tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX) as tmp, _claimed(Path(tmp)):
        tmp_path = Path(tmp)
        stage = tmp_path / "work"
        stage.mkdir()
        (stage / "solution.py").write_text(source, encoding="utf-8")
        with open(stage / "job.pickle", "wb") as fh:
            pickle.dump(job, fh, protocol=pickle.HIGHEST_PROTOCOL)
        paths = {name: tmp_path / f"{name}.txt" for name in ("stdout", "stderr", "status")}
        results_path = tmp_path / "results.jsonl"
        with (open(paths["stdout"], "wb") as out, open(paths["stderr"], "wb") as err,
              open(results_path, "ab") as results, open(paths["status"], "wb") as status):
            if kind == RLIMITS:
                outcome = _run_with_rlimits(stage, limits, nice, out, err, results)
            else:
                outcome = _run_in_jail(kind, tmp_path, stage, job, limits, nice, out, err,
                                       results, status)
        outcome.records = _read_records(results_path)
        outcome.stdout = _tail(paths["stdout"])
        outcome.stderr = _tail(paths["stderr"])
        if kind != RLIMITS and not outcome.timed_out:
            _read_status(outcome, paths["status"].read_bytes().decode("utf-8", "replace"))
        return outcome


# ---------------------------------------------------------------------------------------
# Folders of runs whose judge was killed
# ---------------------------------------------------------------------------------------
# A judge killed with SIGKILL (the soak test does it on purpose; so does an out-of-memory
# killer) cannot remove its temporary folder. Each run holds an exclusive flock on a file
# in its folder for as long as it lives; the kernel drops the lock when the process dies,
# whatever killed it. A folder whose lock can be taken belongs to nobody and is removed.
FOLDER_PREFIX = "mlinterview-judge-"
_CLAIM = ".claimed"


@contextlib.contextmanager
def _claimed(folder: Path):
    """Hold the run's lock on ``folder`` while the run lasts."""
    import fcntl

    fd = os.open(folder / _CLAIM, os.O_CREAT | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@functools.cache
def sweep_stale_folders() -> int:
    """Remove run folders left by killed judges (once per process); how many went."""
    import fcntl

    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        try:
            fd = os.open(folder / _CLAIM, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            # Killed before it claimed the folder (a few microseconds after creating it),
            # or a run of an older version: an hour old means nobody is coming back.
            stale = _age(folder) > 3600
        except OSError:
            continue
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                stale = True
            except OSError:
                stale = False  # a live run holds it
            finally:
                os.close(fd)
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed


def _age(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _read_status(outcome: Run, text: str) -> None:
    """Fill ``returncode``/``timed_out``/``failure`` from the jail's one-line report."""
    word, _, rest = text.strip().partition(" ")
    if word == "status":
        outcome.returncode = os.waitstatus_to_exitcode(int(rest))
    elif word == "timeout":
        outcome.timed_out = True
    elif word == "error":
        outcome.failure = rest
    else:  # the jail died before reporting: say what the sandbox's stderr says
        detail = outcome.stderr.strip().splitlines()[-1:] or [f"exit code {outcome.returncode}"]
        outcome.failure = f"the sandbox stopped unexpectedly ({detail[0]})"


def _wait(proc: subprocess.Popen, timeout: float) -> bool:
    """Wait for ``proc`` at most ``timeout`` seconds; True if it is still running.

    ``Popen.wait(timeout)`` polls with sleeps of up to 50 ms, which would add that much to
    every judgement; a pidfd (Linux 5.3+) wakes up the moment the process exits.
    """
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):  # macOS, older kernels: poll
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return True
        return False
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    return not ready


def _run_queue_seconds(pid: int) -> float | None:
    """Seconds ``pid`` has spent runnable but waiting for a CPU, or None where the
    kernel does not say (``/proc/PID/schedstat``: Linux)."""
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _has_children(pid: int) -> bool:
    """Whether ``pid`` has started processes of its own (True when unknown)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as fh:
            return bool(fh.read().strip())
    except OSError:
        return True


SAMPLE_SECONDS = 0.25


def _wait_charged(proc: subprocess.Popen, wall_seconds: float) -> bool:
    """Like :func:`_wait`, but the limit is charged with elapsed time minus the time the
    runner waited for a CPU while it had no processes of its own (sampled four times a
    second), as the namespace sandbox does: a busy machine or a lower priority does not
    turn a correct submission into a time limit; a sleep, a block or a submission that
    keeps its own children busy does run out. The judge stops waiting at three times the
    limit plus a minute whatever the charge. Where ``/proc`` does not tell, plain elapsed
    time is charged."""
    if _run_queue_seconds(proc.pid) is None:
        return _wait(proc, wall_seconds)
    charged, hard_stop = 0.0, 3 * wall_seconds + SETUP_SECONDS
    start = last = time.monotonic()
    queued = _run_queue_seconds(proc.pid) or 0.0
    while True:
        remaining = wall_seconds - charged
        if remaining <= 0 or last - start >= hard_stop:
            return True
        if not _wait(proc, min(remaining, SAMPLE_SECONDS)):
            return False
        now, now_queued = time.monotonic(), _run_queue_seconds(proc.pid)
        if now_queued is None:  # it exited between the wait and the read
            return proc.poll() is None
        waited = now_queued - queued if not _has_children(proc.pid) else 0.0
        charged += max(0.0, (now - last) - waited)
        last, queued = now, now_queued


def _run_with_rlimits(stage: Path, limits: Limits, nice: int, out, err, results) -> Run:
    fd = results.fileno()
    proc = subprocess.Popen(
        [sys.executable, "-I", str(RUNNER), str(stage), str(fd)],
        cwd=stage, env=clean_env(str(stage)), stdin=subprocess.DEVNULL, stdout=out,
        stderr=err, pass_fds=(fd,), preexec_fn=_limit_child(limits, nice),
        start_new_session=True)
    timed_out = False
    try:
        timed_out = _wait_charged(proc, limits.wall_seconds)
    finally:
        # Kill the whole group: a submission may have started children (not those that
        # called setsid: that takes the namespace sandbox).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return Run(returncode=proc.returncode, timed_out=timed_out)


def _unshare() -> str | None:
    return shutil.which("unshare", path="/usr/bin:/bin:/usr/sbin:/sbin")


def _run_in_jail(kind: str, tmp: Path, stage: Path, job: dict[str, Any], limits: Limits,
                 nice: int, out, err, results, status) -> Run:
    shutil.copyfile(RUNNER, stage / "_runner.py")
    root = tmp / "root"
    root.mkdir()
    binds = jail_binds()
    staged = sum(p.stat().st_size for p in stage.iterdir())
    work = jail_workdir(binds)
    lifeline_r, lifeline_w = os.pipe()
    cfg = {
        "root": str(root), "stage": str(stage), "work": work,
        "binds": [*binds, *(f for f in case_files(job) if not any(_under(f, b) for b in binds))],
        "masks": [m for m in jail_masks(binds, secret_paths()) if os.path.isdir(m)],
        # Room for scratch files (an exercise may ask for partition files on disk).
        "work_mb": staged // (1024 * 1024) + max(64, 4 * limits.output_mb),
        "status_fd": status.fileno(), "lifeline_fd": lifeline_r,
        "limits": _rlimits(limits), "nice": nice, "wall_seconds": limits.wall_seconds,
        "uid": random.randrange(*JAIL_UIDS) if kind == NAMESPACES_ROOT else None,
        "argv": [sys.executable, "-I", f"{work}/_runner.py", work, str(results.fileno())],
        "env": clean_env(work),
    }
    flags = ["--mount", "--net", "--pid", "--fork", "--kill-child"]
    if kind == NAMESPACES_USER:
        flags = ["--user", "--map-root-user", *flags]
    # The same interpreter reads it back, so marshal's format matches (and it costs the
    # jail no import, unlike json: it starts on every submission).
    command = [_unshare() or "unshare", *flags, sys.executable, "-I", "-S", str(JAIL),
               marshal.dumps(cfg).hex()]
    nice_command = shutil.which("nice", path="/usr/bin:/bin")
    if nice and nice_command:
        # The whole jail at the lower priority, not only the runner: building the root and
        # starting its interpreters is a third of a judgement's CPU, and page reads of the
        # web app must not wait behind it. The runner then needs no more lowering.
        command = [nice_command, "-n", str(nice), *command]
        cfg["nice"] = 0
        command[-1] = marshal.dumps(cfg).hex()
    timed_out = False
    try:
        proc = subprocess.Popen(
            command, cwd=tmp, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            pass_fds=(results.fileno(), status.fileno(), lifeline_r))
    except BaseException:
        os.close(lifeline_w)
        raise
    finally:
        os.close(lifeline_r)
    try:
        # The jail enforces the wall limit itself; this only catches a stuck sandbox or a
        # run starved of CPU for very long.
        if _wait(proc, 3 * limits.wall_seconds + SETUP_SECONDS):
            timed_out = True
            proc.kill()  # unshare's --kill-child takes the jail's process 1, and all
        proc.wait()
    finally:
        os.close(lifeline_w)
    return Run(returncode=proc.returncode, timed_out=timed_out)


# ---------------------------------------------------------------------------------------
# The probe
# ---------------------------------------------------------------------------------------

_PROBE_SOURCE = '''
def probe():
    try:
        open({path!r}).read()
        return "visible"
    except OSError:
        return "hidden"
'''


def _probe(kind: str) -> str:
    """Empty when ``kind`` works here: a run in it cannot read a file the judge can;
    else why it does not."""
    with tempfile.TemporaryDirectory(prefix="mlinterview-probe-") as tmp:
        canary = Path(tmp) / "canary.txt"
        canary.write_text("the sandbox leaks\n", encoding="utf-8")
        # The path is in the source, not in the case: case_files would show it.
        job = {"function": "probe", "cases": [((), {})], "needs_numpy": True}
        limits = Limits(cpu_seconds=10, wall_seconds=30, memory_mb=1024, output_mb=1)
        try:
            outcome = run(_PROBE_SOURCE.format(path=str(canary)), job, limits, sandbox=kind)
        except OSError as exc:
            return f"cannot start it: {exc}"
    answers = [r.get("value") for r in outcome.records if r.get("event") == "case"]
    if answers == ["hidden"]:
        return ""
    if outcome.failure:
        return outcome.failure
    if answers == ["visible"]:
        return "a file outside the sandbox was readable"
    last = outcome.stderr.strip().splitlines()[-1:] or [f"exit code {outcome.returncode}"]
    return f"the probe run failed: {last[0]}"


def _choose() -> Isolation:
    if os.environ.get(ENV_SWITCH, "").strip().lower() in ("off", "0", "no", "rlimits"):
        return _fallback(f"{ENV_SWITCH}=off")
    if sys.platform != "linux":
        return _fallback(f"no Linux namespaces on {platform.system()}")
    if _unshare() is None:
        return _fallback("the unshare command (util-linux) is not installed")
    if platform.machine().lower() not in ("x86_64", "amd64", "aarch64", "arm64", "riscv64"):
        return _fallback(f"pivot_root is not wired for {platform.machine()}")
    kinds = [NAMESPACES_ROOT, NAMESPACES_USER] if os.geteuid() == 0 else [NAMESPACES_USER]
    reasons = []
    for kind in kinds:
        record = _probe_file(kind)
        if _proven(record, kind):
            return Isolation(kind, _DESCRIPTIONS[kind].format(nproc=NPROC))
        problem = _probe(kind)
        if not problem:
            _remember(record, kind)
            return Isolation(kind, _DESCRIPTIONS[kind].format(nproc=NPROC))
        reasons.append(problem)
    return _fallback("; ".join(dict.fromkeys(reasons)))


# A probe costs a sandboxed interpreter that imports NumPy (~0.2 s): the answer is kept on
# disk, but only a success, and only for the same boot of the same kernel, user, Python and
# sandbox code. Anything that could change the answer changes the key; a failure is never
# kept, so a machine that gains namespaces is probed again the next time.
_SANDBOX_CODE = ("sandbox.py", "_jail.py", "_runner.py", "_budget.py")


def _probe_key(kind: str) -> str:
    import hashlib

    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        boot = ""
    digest = hashlib.sha256("\0".join(map(str, (
        kind, boot, platform.release(), os.geteuid(), sys.executable, sys.version,
        _unshare(), os.environ.get(ENV_SWITCH, "")))).encode())
    here = Path(__file__).parent
    for name in _SANDBOX_CODE:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _probe_file(kind: str) -> Path:
    from mlinterview.search import cache_dir

    return cache_dir() / f"sandbox-probe-{_probe_key(kind)[:32]}.json"


def _proven(record: Path, kind: str) -> bool:
    """True when ``record`` (:func:`_probe_file`) says a probe of ``kind`` passed in this
    boot with this code (see above)."""
    try:
        return json.loads(record.read_text(encoding="utf-8")) == {"kind": kind,
                                                                  "hidden": True}
    except (OSError, ValueError):
        return False


def _remember(record: Path, kind: str) -> None:
    """Keep a passed probe of ``kind`` in ``record``; a folder that cannot be written costs
    the next process a probe, nothing else."""
    from mlinterview.study.atomic import atomic_write

    with contextlib.suppress(OSError):
        record.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(record) as fh:
            json.dump({"kind": kind, "hidden": True}, fh)


def _fallback(reason: str) -> Isolation:
    return Isolation(RLIMITS, _DESCRIPTIONS[RLIMITS].format(reason=reason), reason)


_LOCK = threading.Lock()
_CHOSEN: list[Isolation] = []


def isolation() -> Isolation:
    """How this machine isolates submissions (probed once per process, then cached)."""
    with _LOCK:
        if not _CHOSEN:
            _CHOSEN.append(_choose())
        return _CHOSEN[0]
