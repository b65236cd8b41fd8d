"""The judge under attack: hostile submissions, all at once, through a real web server.

Starts ``mlinterview``'s web app under uvicorn on loopback in a child process (its own
data folder and temporary folder), then, at the same moment (a barrier), sends every
submission of :func:`attacks` from its own thread: fork bomb, memory bombs, infinite
loop, sleep, 100 MB of output, ``os._exit``, a self-SIGKILL, patched builtins, patched
NumPy comparisons, an ``__eq__`` that always says yes, reading the exercise's reference
solution and cases, a socket to the server itself, a process that escapes with ``setsid``
and a double fork, a folder filled to the brim, endless recursion, and honest and wrong
solutions among them. A ``503`` is retried after its ``Retry-After``. Meanwhile a
reader thread fetches ``/topics/svm`` again and again.

Reported: each submission's verdict against the one it should get, the 503s, the
latencies of the page reads before and during the attack (p50/p95/max), the processes
left behind (descendants of the server, processes naming the server's temporary folder,
the escaped sleeper) and the attempts stored. ``tests/web/test_judge_under_attack.py``
asserts the verdicts, the leftovers and the storage; the latencies are printed, never
asserted. Run ``python tools/attack.py`` for the figures (``--rounds`` repeats;
``--overhead N`` measures instead what the sandbox adds to one submission). The test
passes ``short_limits``: the server lowers the attacked exercise's limits to 2 s of CPU
and 4 s of wall time, so the runs that must hit a limit end sooner; the tool runs with
the exercise's own limits (5 s and 10 s) unless given ``--short-limits``.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

EXERCISE = "classification-metrics/precision-recall-f1"
READ_PATH = "/topics/svm"
TOKEN = "attack-token-" + "0123456789abcdef"
COOKIE = "mlinterview_token"
FUNCTION = "def precision_recall_f1(y_true, y_pred, average='binary'):\n"

ACCEPTED, WRONG, ERROR = "accepted", "wrong answer", "error"
TIME, MEMORY = "time limit", "memory limit"


@dataclass(frozen=True)
class Attack:
    """One submission: its name, its source and the verdict it must get (and words the
    message must contain, if any)."""

    name: str
    source: str
    expect: str
    words: str = ""


def attacks(solution_path: str, cases_path: str, port: int, marker: str) -> list[Attack]:
    """The twenty submissions. Paths and the port are those of the running server."""
    from mlinterview import exercises

    honest = exercises.get(EXERCISE).solution
    body = lambda *lines: FUNCTION + "".join(f"    {line}\n" for line in lines)  # noqa: E731
    return [
        Attack("honest", honest, ACCEPTED),
        Attack("honest again", honest, ACCEPTED),
        Attack("wrong", body("return (0.0, 0.0, 0.0)"), WRONG),
        Attack("fork bomb", "import os\n" + body(
            "while True:", "    try:", "        os.fork()", "    except OSError:",
            "        pass"), TIME),
        Attack("memory bomb: one block", body("x = bytearray(8 * 1024**3)"), MEMORY),
        # 64 MB a step of calloc'd bytes (bytes(n) asks the kernel for zero pages, never
        # writes them): the address space reaches the cap with next to no CPU, so the
        # memory limit, not the 2 s CPU limit, stops it on any machine. Writing each byte
        # (b'x' * n) made the outcome depend on the machine's speed: a proof run on a
        # quiet machine took more than 2 s of CPU with 64 MB steps, a busy one with 8 MB.
        Attack("memory bomb: growing list", body("x = []", "while True:",
                                                 "    x.append(bytes(64 * 2**20))"),
               MEMORY),
        Attack("infinite loop", body("while True:", "    pass"), TIME),
        Attack("sleep", "import time\n" + body("time.sleep(3600)"), TIME),
        Attack("100 MB of output", body("for _ in range(100):",
                                        "    print('x' * 10**6)"), ERROR, "output"),
        Attack("os._exit", "import os\n" + body("os._exit(0)"), ERROR, "exited with code 0"),
        Attack("SIGKILL itself", "import os, signal\n" + body(
            "os.kill(os.getpid(), signal.SIGKILL)"), ERROR, "SIGKILL"),
        Attack("patch builtins", "import builtins\nbuiltins.round = lambda *a, **k: 0\n"
               "builtins.abs = lambda x: 0\n" + body("return (0.5, 0.5, 0.5)"), WRONG),
        Attack("patch numpy comparisons", "import numpy as np\n"
               "np.allclose = np.array_equal = lambda *a, **k: True\n"
               "np.isclose = lambda *a, **k: np.True_\n" + body("return (0.5, 0.5, 0.5)"),
               WRONG),
        Attack("__eq__ always true", "class Yes(float):\n"
               "    def __eq__(self, other):\n        return True\n"
               "    __hash__ = float.__hash__\n" + body("return (Yes(0.5),) * 3"), WRONG),
        Attack("read the reference solution", body(
            f"source = open({solution_path!r}).read()", "ns = {}", "exec(source, ns)",
            "return ns['precision_recall_f1'](y_true, y_pred, average)"), ERROR),
        Attack("read the cases", body(
            f"source = open({cases_path!r}).read()", "return (0.0, 0.0, len(source))"),
            ERROR),
        Attack("socket to the server", "import socket\n" + body(
            f"socket.create_connection(('127.0.0.1', {port}), timeout=5).close()",
            "return (0.0, 0.0, 0.0)"), ERROR),
        # Once (the function runs for every case); returns after the sleeper's exec.
        Attack("escape with setsid and a double fork", "import os\nescaped = []\n" + body(
            "if not escaped:", "    escaped.append(1)", "    r, w = os.pipe()",
            "    pid = os.fork()", "    if pid == 0:", "        try:",
            "            os.setsid()", "            if os.fork() == 0:",
            f"                os.execv('/bin/sleep', ['sleep', {marker!r}])",
            "        finally:", "            os._exit(0)",
            "    os.close(w)", "    os.waitpid(pid, 0)", "    os.read(r, 1)",
            "return (0.0, 0.0, 0.0)"), WRONG),
        Attack("fill the folder", body(
            "with open('big', 'wb') as fh:", "    while True:",
            "        fh.write(bytes(1 << 20))"), ERROR),
        Attack("endless recursion", "def down(n):\n    return down(n + 1) + 1\n"
               + body("return down(0)"), ERROR, "RecursionError"),
    ]


# ---------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------

SERVER = """
import dataclasses, os, uvicorn
from mlinterview import exercises
from mlinterview.web.app import create_app
from mlinterview.web.server import BACKLOG, KEEP_ALIVE, bind
if os.environ.get("ATTACK_SHORT_LIMITS"):
    # Every route reaches an exercise's spec through exercises._spec_once: wrap it so the
    # target's limits are short, and load it now (a loaded spec is used as is, never the
    # on-disk case cache, which would carry the exercise's own limits).
    target, real = os.environ["ATTACK_EXERCISE"], exercises._spec_once

    def _short(path, exercise_id):
        spec = real(path, exercise_id)
        if exercise_id != target:
            return spec
        limits = dataclasses.replace(spec.limits, cpu_seconds=2, wall_seconds=4)
        return dataclasses.replace(spec, limits=limits)

    exercises._spec_once = _short
    assert exercises.get(target).spec.limits.cpu_seconds == 2
sock = bind("127.0.0.1", 0)
app = create_app(os.environ["ATTACK_TOKEN"])
sock.listen(BACKLOG)
print(sock.getsockname()[1], flush=True)
uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                              timeout_keep_alive=KEEP_ALIVE)).run(sockets=[sock])
"""


@dataclass
class Server:
    """A web server in a child process; ``tmp`` is its temporary folder."""

    proc: subprocess.Popen
    port: int
    home: Path
    tmp: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


def start_server(workdir: Path, short_limits: bool = False) -> Server:
    """Start the app on a free loopback port; return once it listens."""
    home, tmp = workdir / "home", workdir / "tmp"
    home.mkdir(parents=True)
    tmp.mkdir()
    env = {**os.environ, "MLINTERVIEW_HOME": str(home), "TMPDIR": str(tmp),
           "ATTACK_TOKEN": TOKEN, "ATTACK_EXERCISE": EXERCISE,
           "ATTACK_SHORT_LIMITS": "1" if short_limits else ""}
    proc = subprocess.Popen([sys.executable, "-c", SERVER], env=env, stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()  # printed once the socket listens
    if not line.strip().isdigit():
        proc.kill()
        proc.wait()
        proc.stdout.close()
        raise RuntimeError(f"the server did not start (exit code {proc.returncode})")
    return Server(proc, int(line), home, tmp)


def client(server: Server, timeout: float = 300.0) -> httpx.Client:
    """An HTTP client holding the token cookie."""
    return httpx.Client(base_url=server.base, cookies={COOKIE: TOKEN}, timeout=timeout)


# ---------------------------------------------------------------------------------------
# The attack
# ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one submission got: its verdict and message, and the 503s before it."""

    attack: Attack
    verdict: str = ""
    message: str = ""
    refused: int = 0
    retry_after: list[int] = field(default_factory=list)
    problem: str = ""
    seconds: float = 0.0  # the judge's own time for the run, as the page says

    @property
    def right(self) -> bool:
        return (not self.problem and self.verdict == self.attack.expect
                and self.attack.words in self.message)


def _verdict_of(page: str) -> tuple[str, str, float]:
    name = re.search(r'data-testid="verdict-name">([^<]*)<', page)
    message = re.search(r'<pre class="message">(.*?)</pre>', page, re.S)
    seconds = re.search(r"cases passed in ([0-9.]+) s", page)
    return ((name.group(1).strip().lower() if name else ""),
            html.unescape(message.group(1)) if message else "",
            float(seconds.group(1)) if seconds else 0.0)


def submit(server: Server, attack: Attack, start: threading.Barrier,
           max_refusals: int = 200) -> Outcome:
    """Send one submission (after the barrier); retry each 503 after its Retry-After."""
    outcome = Outcome(attack)
    with client(server) as http:
        start.wait()
        while True:
            r = http.post(f"/exercises/{EXERCISE}", data={"source": attack.source})
            if r.status_code == 503:
                if "retry-after" not in r.headers or 'data-testid="busy"' not in r.text:
                    outcome.problem = "a 503 without Retry-After or without the busy page"
                    return outcome
                outcome.refused += 1
                outcome.retry_after.append(int(r.headers["retry-after"]))
                if outcome.refused > max_refusals:
                    outcome.problem = f"refused {outcome.refused} times"
                    return outcome
                time.sleep(int(r.headers["retry-after"]))  # what the server asked for
                continue
            if r.status_code != 200:
                outcome.problem = f"HTTP {r.status_code}"
                return outcome
            outcome.verdict, outcome.message, outcome.seconds = _verdict_of(r.text)
            return outcome


def read_until(server: Server, stop: threading.Event, latencies: list[float],
               errors: list[str], pause: float = 0.0) -> None:
    """Fetch the page again and again until ``stop``, ``pause`` seconds apart; record each
    latency (seconds)."""
    with client(server, timeout=60.0) as http:
        while not stop.wait(pause):
            began = time.perf_counter()
            try:
                r = http.get(READ_PATH)
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            latencies.append(time.perf_counter() - began)
            if r.status_code != 200:
                errors.append(f"HTTP {r.status_code}")


def _stat(pid: str) -> tuple[int, str]:
    """(parent pid, command line) of a process, or (-1, "") if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            "utf-8", "replace")
    except OSError:
        return -1, ""
    return int(stat.rsplit(")", 1)[1].split()[1]), cmdline


def leftovers(server: Server, marker: str) -> list[str]:
    """Processes the attack left: descendants of the server, any process naming its
    temporary folder, and the sleeper that escaped (by its marker). Linux /proc scan."""
    table = {pid: _stat(pid) for pid in os.listdir("/proc") if pid.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(int(pid))
    found, todo = set(), list(children.get(server.proc.pid, []))
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, [])
    for pid, (_, cmdline) in table.items():
        if str(server.tmp) in cmdline or marker in cmdline.split():
            found.add(int(pid))
    found.discard(server.proc.pid)
    return [f"{pid}: {table.get(str(pid), (0, '?'))[1][:120]}" for pid in sorted(found)]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


@dataclass
class Report:
    """Everything one attack measured."""

    outcomes: list[Outcome]
    before: list[float]
    during: list[float]
    read_errors: list[str]
    left: list[str]
    seconds: float
    stored: dict[str, int]

    def lines(self) -> list[str]:
        out = []
        for o in self.outcomes:
            mark = "ok " if o.right else "BAD"
            got = o.problem or f"{o.verdict}" + (f" ({o.message.splitlines()[0][:70]})"
                                                  if o.message else "")
            waits = f" (Retry-After {'+'.join(map(str, o.retry_after))} s)" if o.refused else ""
            out.append(f"{mark} {o.attack.name:<38s} expected {o.attack.expect:<13s} got "
                       f"{got}; judged in {o.seconds:.1f} s; 503s: {o.refused}{waits}")
        for name, values in (("before", self.before), ("during", self.during)):
            if values:
                out.append(
                    f"GET {READ_PATH} {name} the attack: n={len(values)} p50="
                    f"{1000 * statistics.median(values):.0f} ms p95="
                    f"{1000 * percentile(values, 95):.0f} ms max={1000 * max(values):.0f} ms")
        refused = sum(o.refused for o in self.outcomes)
        out.append(f"{len(self.outcomes)} submissions, {sum(o.right for o in self.outcomes)} "
                   f"right verdicts, {refused} answered 503 + Retry-After then retried; "
                   f"attack took {self.seconds:.1f} s")
        out.append(f"attempts stored: {self.stored}; page read errors: "
                   f"{len(self.read_errors)}; processes left: {len(self.left)}")
        out += [f"  left: {line}" for line in self.left]
        return out


def run_attack(workdir: Path, reads_before: int = 30, short_limits: bool = False,
               read_pause: float = 0.0) -> Report:
    """Start a server, attack it, measure, stop it; the report of one round. ``read_pause``
    spaces the reads made during the attack (the test suite's other worker shares the
    CPU; the tool reads flat out)."""
    from mlinterview import exercises
    from mlinterview.study import Study
    from mlinterview.study.store import Store

    exercise = exercises.get(EXERCISE)
    marker = f"{secrets.randbelow(10**6) + 10**6}.{os.getpid()}"
    server = start_server(workdir, short_limits)
    try:
        plan = attacks(str(exercise.folder / "solution.py"), str(exercise.folder / "cases.py"),
                       server.port, marker)
        before: list[float] = []
        errors: list[str] = []
        with client(server) as http:
            http.get(READ_PATH)  # the first read after start, not counted
            for _ in range(reads_before):
                began = time.perf_counter()
                http.get(READ_PATH)
                before.append(time.perf_counter() - began)
        during: list[float] = []
        stop = threading.Event()
        reader = threading.Thread(target=read_until,
                                  args=(server, stop, during, errors, read_pause))
        start = threading.Barrier(len(plan))
        outcomes: list[Outcome | None] = [None] * len(plan)

        def one(i: int) -> None:
            outcomes[i] = submit(server, plan[i], start)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(plan))]
        began = time.perf_counter()
        reader.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - began
        stop.set()
        reader.join()
        left = leftovers(server, marker)
    finally:
        server.stop()
    study = Study(Store(next(server.home.glob("*.sqlite3"))))
    verdicts = [a["verdict"] for a in study.attempts(EXERCISE, limit=10_000)]
    study.store.close()
    stored = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    return Report([o for o in outcomes if o is not None], before, during, errors, left,
                  seconds, stored)


def overhead(runs: int) -> list[str]:
    """What the sandbox costs per submission: the exercise's reference solution judged
    ``runs`` times in each way of running this machine supports, interleaved so that the
    machine's load falls on all alike; median and p95 of the judge's wall time."""
    from mlinterview import exercises
    from mlinterview.exercises import sandbox
    from mlinterview.exercises.judge import judge

    exercise = exercises.get(EXERCISE)
    kinds = [k for k in sandbox.SANDBOXES if k == sandbox.RLIMITS or not sandbox._probe(k)]
    times: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(runs):
        for kind in kinds:
            began = time.perf_counter()
            verdict = judge(exercise.spec, exercise.solution, arg_names=exercise.arg_names,
                            sandbox_kind=kind)
            times[kind].append(time.perf_counter() - began)
            assert verdict.accepted, verdict.message
    base = statistics.median(times[sandbox.RLIMITS])
    return [f"judge {EXERCISE} in {kind:<18s}: median {1000 * statistics.median(t):.0f} ms, "
            f"p95 {1000 * percentile(t, 95):.0f} ms, overhead over rlimits "
            f"{1000 * (statistics.median(t) - base):+.0f} ms (n={runs})"
            for kind, t in times.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="attacks in a row")
    parser.add_argument("--short-limits", action="store_true",
                        help="2 s CPU / 4 s wall for the attacked exercise (as the test)")
    parser.add_argument("--overhead", type=int, default=0, metavar="N",
                        help="only measure the sandbox's cost per submission (N runs)")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("tools/attack.py reads /proc: Linux only", file=sys.stderr)
        return 2
    from mlinterview.exercises.judge import isolation

    print(f"judge: {isolation().description}")
    if args.overhead:
        print("\n".join(overhead(args.overhead)))
        return 0
    bad = 0
    for round_ in range(1, args.rounds + 1):
        with tempfile.TemporaryDirectory(prefix="mlinterview-attack-") as tmp:
            report = run_attack(Path(tmp), short_limits=args.short_limits)
        print(f"-- round {round_}")
        print("\n".join(report.lines()))
        bad += sum(not o.right for o in report.outcomes) + len(report.left)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
