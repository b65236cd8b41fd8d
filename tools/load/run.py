"""``make load``: a class of students against one mlinterview server, measured.

1. Starts ``mlinterview serve`` on a free loopback port with a temporary study folder and
   waits for the URL it prints (the server listens before it prints it).
2. One user: times each page's first request after the start, then its warm latency.
3. Runs the Locust scenario of ``locustfile.py`` headless (default 50 users for 60 s),
   in a subprocess bounded in users and time.
4. Prints p50/p95/p99, request counts and errors per route, stops the server, and exits
   1 if any request got a 5xx or lost its connection.

    .venv/bin/python tools/load/run.py --users 50 --run-time 60
    .venv/bin/python tools/load/run.py --users 10 --run-time 20 --markdown
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
URL_LINE = re.compile(r"(http://127\.0\.0\.1:(\d+))/\?token=(\S+)")
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# The pages one user opens, in this order, right after the server starts.
ONE_USER_PAGES = ("/", "/topics/svm", "/topics/classification-metrics", "/search?q=precision",
                  "/stats", "/review", "/exercises", "/demos",
                  "/exercises/classification-metrics/precision-recall-f1",
                  "/source/mlinterview.ml.metrics")
WARM_REPEATS = 30


# -- the server -----------------------------------------------------------------------------


class Server:
    """``mlinterview serve --port 0`` in a subprocess, with its own study folder."""

    def __init__(self, home: str, start_timeout: float):
        env = {**os.environ, **{k: os.environ.get(k, v) for k, v in SINGLE_THREADED.items()},
               "MLINTERVIEW_HOME": home, "NO_COLOR": "1", "COLUMNS": "200",
               "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mlinterview", "serve", "--port", "0"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.output: list[str] = []
        lines: queue.Queue[str | None] = queue.Queue()

        def pump():
            for line in self.proc.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)  # the server closed its output: it has exited

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                raise SystemExit(f"the server printed no URL in {start_timeout:.0f} s") from None
            if line is None:
                raise SystemExit("the server exited before printing its URL:\n"
                                 + "".join(self.output))
            found = URL_LINE.search(line)
            if found:
                self.base, self.port, self.token = found.group(1), int(found.group(2)), \
                    found.group(3)
                return

    def stop(self) -> None:
        """Ctrl-C (uvicorn shuts down cleanly), then a kill if it does not exit."""
        if self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# -- one user ---------------------------------------------------------------------------


def _get(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - start) * 1000


def one_user(server: Server) -> list[tuple[str, float, float, float]]:
    """``(page, first ms, warm p50 ms, warm max ms)`` for each page of ONE_USER_PAGES; the
    first request of each is the first of its kind since the server started."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    start = time.perf_counter()
    conn.request("GET", f"/?token={server.token}")
    login = conn.getresponse()
    login.read()
    login_ms = (time.perf_counter() - start) * 1000
    cookie = login.getheader("set-cookie", "").split(";")[0]
    if login.status != 303 or not cookie:
        raise SystemExit(f"login failed: status {login.status}")
    rows = [("/?token= (login redirect)", login_ms, math.nan, math.nan)]
    for path in ONE_USER_PAGES:
        status, first = _get(conn, path, cookie)
        if status != 200:
            raise SystemExit(f"GET {path}: status {status}")
        warm = sorted(_get(conn, path, cookie)[1] for _ in range(WARM_REPEATS))
        rows.append((path, first, warm[len(warm) // 2], warm[-1]))
    conn.close()
    return rows


# -- the class --------------------------------------------------------------------------


def run_locust(server: Server, users: int, spawn_rate: float, run_time: int, folder: str,
               verbose: bool, skip: str = "") -> dict:
    results = os.path.join(folder, "requests.json")
    env = {**os.environ, **SINGLE_THREADED, "MLINTERVIEW_TOKEN": server.token,
           "MLINTERVIEW_LOAD_RESULTS": results, "MLINTERVIEW_LOAD_SKIP": skip}
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"),
               "--headless", "--users", str(users), "--spawn-rate", str(spawn_rate),
               "--run-time", f"{run_time}s", "--stop-timeout", "30", "--host", server.base,
               "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    log = None if verbose else open(os.path.join(folder, "locust.log"), "w")  # noqa: SIM115
    try:
        # Bounded: the run, the users' last tasks (stop timeout) and start-up, then a kill.
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                       timeout=run_time + 30 + 120, check=True)
    finally:
        if log is not None:
            log.close()
    with open(results, encoding="utf-8") as fh:
        return json.load(fh)


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in [0, 100]) of already sorted values."""
    if not sorted_values:
        return math.nan
    return sorted_values[max(0, math.ceil(q / 100 * len(sorted_values)) - 1)]


def summarise(data: dict) -> list[dict]:
    """One row per route (page reads first), then one for all page reads together."""
    reads = set(data["page_reads"])
    rows = []
    for key, entry in data["routes"].items():
        method, name = key.split(" ", 1)
        status = {int(k): v for k, v in entry["status"].items()}
        times = sorted(entry["times"])
        rows.append({
            "route": f"{method} {name}", "read": method == "GET" and name in reads,
            "requests": len(times), "times": times,
            "errors": sum(entry["errors"].values()),
            "5xx": sum(v for k, v in status.items() if k >= 500
                       and not name.endswith("[503 busy]")),
            # No status: the connection was lost (a student who gave up has none either).
            "dropped": 0 if name.endswith("[gave up]") else status.get(0, 0),
            "details": entry["errors"],
        })
    rows.sort(key=lambda r: (not r["read"], r["route"]))
    all_reads = sorted(t for r in rows if r["read"] for t in r["times"])
    rows.append({"route": "all page reads", "read": True, "requests": len(all_reads),
                 "times": all_reads, "errors": sum(r["errors"] for r in rows if r["read"]),
                 "5xx": sum(r["5xx"] for r in rows if r["read"]),
                 "dropped": sum(r["dropped"] for r in rows if r["read"]), "details": {}})
    return rows


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def print_tables(single: list, rows: list[dict], args, markdown: bool) -> None:
    def table(header: list[str], body: list[list[str]]) -> None:
        if markdown:
            print("| " + " | ".join(header) + " |")
            print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
            for line in body:
                print("| " + " | ".join(line) + " |")
        else:
            widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
            print("  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                            for i, (h, w) in enumerate(zip(header, widths, strict=True))))
            for line in body:
                print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                for i, (c, w) in enumerate(zip(line, widths, strict=True))))
        print()

    if single:
        print(f"One user, right after the start (warm: median and max of {WARM_REPEATS}):\n")
        table(["page", "first ms", "warm p50 ms", "warm max ms"],
              [[p, _ms(a), _ms(b), _ms(c)] for p, a, b, c in single])
    skipped = f", without {args.skip}" if args.skip else ""
    print(f"{args.users} users for {args.run_time} s (spawn rate {args.spawn_rate}/s), "
          f"think time 1-4 s{skipped}:\n")
    table(["route", "requests", "errors", "5xx", "dropped", "p50 ms", "p95 ms", "p99 ms",
           "max ms"],
          [[r["route"], str(r["requests"]), str(r["errors"]), str(r["5xx"]), str(r["dropped"]),
            _ms(percentile(r["times"], 50)), _ms(percentile(r["times"], 95)),
            _ms(percentile(r["times"], 99)), _ms(r["times"][-1] if r["times"] else math.nan)]
           for r in rows])
    problems = [(r["route"], k, v) for r in rows for k, v in r["details"].items()]
    for route, what, count in problems:
        print(f"  {route}: {count} x {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50, help="Simulated students (50).")
    parser.add_argument("--spawn-rate", type=float, default=10,
                        help="Students started per second (10).")
    parser.add_argument("--run-time", type=int, default=60, help="Seconds of load (60).")
    parser.add_argument("--start-timeout", type=float, default=120,
                        help="Seconds to wait for the server's URL (120).")
    parser.add_argument("--no-single", action="store_true", help="Skip the one-user timings.")
    parser.add_argument("--skip", default="", metavar="ACTIONS",
                        help="Actions the students leave out, comma-separated, e.g. "
                        "demo,exercise (see WEIGHTS in locustfile.py).")
    parser.add_argument("--markdown", action="store_true", help="Tables in Markdown.")
    parser.add_argument("--verbose", action="store_true", help="Show Locust's own output.")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 500 and 1 <= args.run_time <= 3600 and args.spawn_rate > 0):
        parser.error("--users must be 1-500, --run-time 1-3600 s, --spawn-rate > 0")

    with tempfile.TemporaryDirectory(prefix="mlinterview-load-") as folder:
        home = os.path.join(folder, "home")
        os.mkdir(home)
        started = time.perf_counter()
        server = Server(home, args.start_timeout)
        print(f"server {server.base} ready in {time.perf_counter() - started:.1f} s "
              f"(start-up builds every page)\n", flush=True)
        try:
            assert urlsplit(server.base).hostname == "127.0.0.1"
            single = [] if args.no_single else one_user(server)
            rows = summarise(run_locust(server, args.users, args.spawn_rate, args.run_time,
                                        folder, args.verbose, args.skip))
        finally:
            server.stop()
    print_tables(single, rows, args, args.markdown)
    total = rows[-1]
    bad = sum(r["5xx"] + r["dropped"] for r in rows[:-1])
    reads_p95 = percentile(total["times"], 95)
    print(f"page reads: p95 {_ms(reads_p95)} ms (goal < 50); 5xx and dropped connections, "
          f"all routes: {bad} (goal 0)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
