"""The judge's sandbox boundary: a submission cannot read the reference solution, the
cases, the study database or host files, cannot reach the network, cannot see or signal
host processes, and leaves no process behind, while an honest submission is accepted.

The isolation tests skip (with the probe's reason) where the namespace sandbox cannot be
built; the control tests run the same hostile submissions in the rlimits-only fallback
and see them succeed, which shows that each test can fail."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sys
import tempfile
from pathlib import Path

import pytest

from mlinterview import exercises
from mlinterview.exercises import judge as J
from mlinterview.exercises import sandbox as S
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits

ISOLATION = S.isolation()
# Every namespace variant that works here (as root both can; a user has the second).
JAILS = [k for k in (S.NAMESPACES_ROOT, S.NAMESPACES_USER)
         if k == ISOLATION.kind or (ISOLATION.isolated and not S._probe(k))]
EXERCISE = exercises.get("classification-metrics/precision-recall-f1")


@pytest.fixture(params=JAILS or [pytest.param(None, marks=pytest.mark.skip(
    reason=f"no namespace sandbox on this machine: {ISOLATION.reason}"))])
def jail(request):
    """The sandbox variant a test runs in (each one this machine supports)."""
    return request.param


def judge(source: str, expected, kind: str | None = None):
    """Judge ``source``'s ``peek()`` (one call, no arguments) against ``expected``."""
    spec = ExerciseSpec(function="peek", compare=Exact(),
                        fixed=lambda: [Case((), expected=expected)],
                        limits=Limits(cpu_seconds=10, wall_seconds=60, memory_mb=512))
    return J.judge(spec, source, sandbox_kind=kind)


def peek_source(paths: list[str]) -> str:
    """A submission that tries to read each path and says which it could read."""
    return f'''
def peek():
    seen = {{}}
    for path in {paths!r}:
        try:
            with open(path, "rb") as fh:
                fh.read(1)
            seen[path] = "visible"
        except OSError:
            seen[path] = "hidden"
    return seen
'''


@pytest.fixture
def secret_paths(isolated_home, tmp_path):
    """Files a submission must not read: the exercise's solution and cases, the study
    database (in MLINTERVIEW_HOME), host files and a file beside the judge's folders."""
    from mlinterview.study import Study

    Study().set_setting("fuzz", False)  # creates the database file
    db = next(isolated_home.glob("*.sqlite3"))
    beside = tmp_path / "secret.txt"
    beside.write_text("not for submissions\n", encoding="utf-8")
    paths = [EXERCISE.folder / "solution.py", EXERCISE.folder / "cases.py", db,
             Path(exercises.__file__), Path("/etc/passwd"), Path("/etc/hostname"),
             Path("/proc/self/environ"), beside]
    return [str(p) for p in paths if p.exists()]


def test_a_submission_cannot_read_solutions_cases_the_study_database_or_host_files(
        secret_paths, jail):
    verdict = judge(peek_source(secret_paths), {p: "hidden" for p in secret_paths}, jail)
    assert verdict.accepted, verdict.message + str(verdict.first_failure)


def test_control_the_fallback_reads_them(secret_paths):
    # The same submission without the sandbox sees the files: the test above can fail.
    readable = [p for p in secret_paths if not p.startswith("/proc") and os.access(p, os.R_OK)]
    verdict = judge(peek_source(readable), {p: "visible" for p in readable}, kind=S.RLIMITS)
    assert verdict.accepted, verdict.message


def _shown_below(folder: str) -> list[str]:
    """What the jail's /FOLDER lists: the next path component of each shown host path
    that lies below it (a venv in /tmp/x/.venv makes /tmp list ["x"]), else nothing."""
    return sorted({Path(b).parts[2] for b in S.jail_binds()
                   if len(Path(b).parts) > 2 and Path(b).parts[1] == folder})


def test_the_root_holds_only_the_runtime_and_the_submissions_folder(jail):
    source = '''
import os
def peek():
    top = set(os.listdir("/"))
    return {"proc": "proc" in top, "sys": "sys" in top,
            "home": sorted(os.listdir("/home")) if "home" in top else [],
            "tmp": sorted(os.listdir("/tmp")) if "tmp" in top else [],
            "etc": sorted(os.listdir("/etc")) if "etc" in top else [],
            "folder": sorted(os.listdir("."))}
'''
    # /home and /tmp exist only as the way to a shown prefix (the checkout's venv may
    # live there), and then hold only that path.
    verdict = judge(source, {"proc": False, "sys": False, "home": _shown_below("home"),
                             "tmp": _shown_below("tmp"), "etc": ["ld.so.cache"],
                             "folder": ["_runner.py", "job.pickle", "solution.py"]}, jail)
    assert verdict.accepted, verdict.first_failure.received


def test_secret_folders_inside_a_shown_prefix_are_covered(monkeypatch, jail):
    # A non-editable install puts mlinterview (solutions, cases) inside site-packages,
    # which the jail shows. Stand-in: a folder inside sys.prefix declared secret, beside
    # a file that is not; the secret one must be covered, the other still readable.
    try:
        parent = Path(tempfile.mkdtemp(prefix="mlinterview-test-", dir=sys.prefix))
    except OSError as exc:
        pytest.skip(f"cannot write inside {sys.prefix}: {exc}")
    try:
        secret = parent / "mlinterview"
        secret.mkdir()
        (secret / "solution.py").write_text("ANSWER = 42\n", encoding="utf-8")
        (parent / "public.txt").write_text("fine\n", encoding="utf-8")
        parent.chmod(0o755)
        monkeypatch.setattr(S, "secret_paths", lambda: [str(secret)])
        paths = [str(secret / "solution.py"), str(parent / "public.txt")]
        verdict = judge(peek_source(paths), {paths[0]: "hidden", paths[1]: "visible"}, jail)
        assert verdict.accepted, verdict.first_failure.received
    finally:
        for path in sorted(parent.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        parent.rmdir()


def test_masks_cover_a_package_installed_inside_a_shown_prefix():
    site = "/opt/venv/lib/python3.11/site-packages"
    binds = ("/usr", "/opt/venv")
    secrets_ = [f"{site}/mlinterview", "/home/me/.local/share/mlinterview", "/usr/share/x"]
    assert S.jail_masks(binds, secrets_) == [f"{site}/mlinterview", "/usr/share/x"]
    # A checkout whose virtual environment lives inside it: the checkout is not shown,
    # only the environment, so nothing needs covering.
    assert S.jail_masks(("/usr", "/work/main/.venv"), ["/work/main"]) == []


def test_files_named_by_cases_are_the_only_data_shown(tmp_path):
    data = tmp_path / "data.txt"
    data.write_text("x\n", encoding="utf-8")
    job = {"cases": [((str(data), 12, [str(tmp_path)]), {"other": "relative.txt"})]}
    assert S.case_files(job) == [str(data)]  # a folder or a relative name is not shown


@pytest.fixture
def listener():
    """A TCP server on loopback that a submission must not reach."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


CONNECT = '''
import socket
def peek():
    try:
        socket.create_connection(("127.0.0.1", {port}), timeout=5).close()
        return "connected"
    except OSError:
        return "blocked"
'''


def test_a_submission_cannot_reach_a_loopback_server(listener, jail):
    port = listener.getsockname()[1]
    verdict = judge(CONNECT.format(port=port), "blocked", jail)
    assert verdict.accepted, verdict.message
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody knocked


def test_control_the_fallback_reaches_it(listener):
    port = listener.getsockname()[1]
    assert judge(CONNECT.format(port=port), "connected", kind=S.RLIMITS).accepted
    conn, _ = listener.accept()
    conn.close()


def test_host_processes_are_invisible(jail):
    source = f'''
import os
def peek():
    try:
        os.kill({os.getpid()}, 0)
        return "reachable"
    except ProcessLookupError:
        return "absent"
    except PermissionError:
        return "forbidden"
'''
    verdict = judge(source, "absent", jail)
    assert verdict.accepted, verdict.message


# A submission that starts a long sleep which leaves its session and its parent (setsid,
# then a second fork), and returns only once the sleep has been exec'd: the pipe is
# close-on-exec, so the read sees end-of-file exactly then.
ESCAPE = '''
import os
def peek():
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "{marker}"])
        os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    os.read(r, 1)
    return "started"
'''


def processes_with(marker: str) -> list[int]:
    """Host processes whose command line holds ``marker`` (a /proc scan)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline.split(b"\0"):
                found.append(int(entry))
    return found


def marker() -> str:
    """A sleep duration no other process on the machine uses."""
    return f"{secrets.randbelow(10**6) + 10**6}.{os.getpid()}"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to look")
def test_no_process_outlives_the_run_even_after_setsid_and_a_double_fork(jail):
    mark = marker()
    verdict = judge(ESCAPE.format(marker=mark), "started", jail)
    assert verdict.accepted, verdict.message
    assert processes_with(mark) == []


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to look")
def test_control_the_fallback_leaves_it_behind():
    # killpg misses a process that left the session: the test above can fail.
    mark = marker()
    verdict = judge(ESCAPE.format(marker=mark), "started", kind=S.RLIMITS)
    left = processes_with(mark)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert verdict.accepted, verdict.message
    assert len(left) == 1


def test_processes_are_capped(jail):
    if jail == S.NAMESPACES_USER and os.geteuid() == 0:
        pytest.skip("RLIMIT_NPROC does not apply to root's user id")
    source = '''
import os
def peek():
    r, w = os.pipe()
    started = 0
    while started < 1000:
        try:
            if os.fork() == 0:
                os.read(r, 1)  # block until the run ends
                os._exit(0)
        except OSError:
            break
        started += 1
    return started
'''
    spec = ExerciseSpec(function="peek", compare=Exact(), fixed=lambda: [Case(())],
                        reference=lambda: -1)
    verdict = J.judge(spec, source, sandbox_kind=jail)
    started = int(verdict.first_failure.received)
    assert 0 < started < S.NPROC


def test_an_honest_submission_is_accepted_in_the_sandbox(jail):
    verdict = J.judge(EXERCISE.spec, EXERCISE.solution, arg_names=EXERCISE.arg_names,
                      sandbox_kind=jail)
    assert verdict.accepted, verdict.message


def test_the_switch_turns_the_sandbox_off(monkeypatch):
    monkeypatch.setenv(S.ENV_SWITCH, "off")
    chosen = S._choose()
    assert chosen.kind == S.RLIMITS and not chosen.isolated
    assert S.ENV_SWITCH in chosen.reason and "can read" in chosen.description


def test_the_runner_cannot_ptrace_or_kill_the_jails_first_process(jail):
    # Process 1 keeps capabilities (in the user-namespace variant) and reports how the
    # run ended: the submission must not be able to take it over or stop it.
    source = '''
import ctypes, os, signal
def peek():
    libc = ctypes.CDLL(None, use_errno=True)
    attached = libc.ptrace(16, 1, None, None)  # PTRACE_ATTACH
    try:
        os.kill(1, signal.SIGKILL)
    except PermissionError:
        pass
    return [os.getppid(), attached]
'''
    verdict = judge(source, [1, -1], jail)
    assert verdict.accepted, verdict.message


@pytest.mark.parametrize("kind", [*JAILS, S.RLIMITS])
def test_the_run_has_the_priority_it_was_given(kind):
    # os.nice(0) returns the process's niceness without changing it. The judge's own
    # niceness adds (nice is relative), so the test compares with it.
    base = os.nice(0)
    spec = ExerciseSpec(function="peek", compare=Exact(),
                        fixed=lambda: [Case((), expected=min(19, base + 7))],
                        limits=Limits(cpu_seconds=10, wall_seconds=60, memory_mb=512))
    source = "import os\ndef peek():\n    return os.nice(0)\n"
    verdict = J.judge(spec, source, sandbox_kind=kind, nice=7)
    assert verdict.accepted, verdict.message


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="no scheduler autogroups")
def test_the_fallbacks_own_session_is_lowered_too():
    # The rlimits way starts the runner in a new session, which the scheduler treats as a
    # group of its own: its niceness must be lowered, or nice inside it means nothing.
    spec = ExerciseSpec(function="peek", compare=Exact(),
                        fixed=lambda: [Case((), expected="nice 7")],
                        limits=Limits(cpu_seconds=10, wall_seconds=60, memory_mb=512))
    source = ("def peek():\n"
              "    return open('/proc/self/autogroup').read().split(None, 1)[1].strip()\n")
    verdict = J.judge(spec, source, sandbox_kind=S.RLIMITS, nice=7)
    assert verdict.accepted, verdict.message
