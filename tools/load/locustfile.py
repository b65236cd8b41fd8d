"""What a class of students does to one mlinterview server, as a Locust user.

Each simulated student opens the printed URL once (the token becomes a cookie), then,
with a pause of a few seconds between actions, reads the home page and topic pages (every
topic), searches, opens library source, answers quick checks (right and wrong), takes a
review, runs demos (a few parameter sets, so most runs come from the demo cache), submits
exercises (the reference solution, which must be accepted, and a known-wrong one, which
must not) and reads the stats.

A submission or a demo run may be refused while the server is busy: ``503`` with
``Retry-After``. The student waits that long and sends it again; each refusal is counted
under the route's name plus ``[503 busy]``, not as an error.

Run by ``tools/load/run.py`` (``make load``), which starts the server and passes
``MLINTERVIEW_TOKEN``; every request is also written to ``MLINTERVIEW_LOAD_RESULTS`` (JSON)
for its table. Only loopback hosts are accepted: this is a load test of one's own machine.
"""

from __future__ import annotations

import ipaddress
import json
import os
import random
import re
import time
from collections import defaultdict
from functools import cache
from typing import ClassVar
from urllib.parse import urlsplit

from locust import HttpUser, between, events
from locust.exception import StopUser

TOKEN = os.environ.get("MLINTERVIEW_TOKEN", "")
# What a student does and how often (relative weights); MLINTERVIEW_LOAD_SKIP (comma-
# separated names) leaves some out, to see what each costs the others.
WEIGHTS = {"home": 3, "topic": 8, "search": 2, "source": 1, "stats": 1, "quick_checks": 2,
           "review": 1, "demo": 1, "exercise": 1}
SKIP = {name for name in os.environ.get("MLINTERVIEW_LOAD_SKIP", "").split(",") if name}
if SKIP - set(WEIGHTS):
    raise SystemExit(f"MLINTERVIEW_LOAD_SKIP: unknown {', '.join(sorted(SKIP - set(WEIGHTS)))}"
                     f"; the actions are {', '.join(WEIGHTS)}")
RESULTS = os.environ.get("MLINTERVIEW_LOAD_RESULTS")
TIMEOUT = 30.0  # seconds before a request counts as lost
MAX_TRIES = 6  # sends of one submission or demo run, 503s included
DEMOS = ("classification-metrics", "decision-threshold", "logistic-regression",
         "bias-variance", "kalman-filter", "svm")
SEEDS = (0, 1, 2)  # a few parameter sets per demo: the rest come from the demo cache
WORDS = ("precision", "gradient", "overfitting", "entropy", "tree", "kernel", "bayes",
         "convolution", "loss", "variance", "adam", "dropout")

# Page reads: what the latency goals are about (submissions and demo runs do real work).
PAGE_READS = frozenset({"/", "/topics/[slug]", "/search", "/stats", "/review",
                        "/exercises/[id]", "/source/[module]", "/demos"})


# -- the content the students work on -------------------------------------------------


def _answers(topic, right: bool) -> dict[str, str]:
    """Answers to a card's quick checks as typed in the form: all right or all wrong."""
    answers = {}
    for q in topic.quick_checks:
        if right:
            answers[q.id] = str(q.answer)
        elif q.kind == "choice":
            answers[q.id] = str((int(q.answer) + 1) % len(q.choices))
        elif q.kind == "numeric":
            answers[q.id] = str(float(q.answer) + 100 * max(q.tolerance, 1.0))
        else:
            answers[q.id] = "certainly not this"
    return answers


@cache
def content() -> dict:
    """Topics, exercises (reference and wrong sources) and demo parameter sets."""
    from mlinterview import exercises
    from mlinterview.demos import registry
    from mlinterview.sources import locate
    from mlinterview.topics import all_topics

    topics = all_topics()
    modules = sorted({where.module for t in topics.values() for s in t.library
                      if (where := locate(s)) is not None})
    demo_runs = []
    for demo_id in DEMOS:
        spec = registry()[demo_id]
        defaults = {p.name: p.default for p in spec.params}
        demo_runs += [(demo_id, {**defaults, "seed": seed}) for seed in SEEDS]
    return {
        "slugs": [s for s, t in topics.items() if t.quick_checks],
        "answers": {s: (_answers(t, True), _answers(t, False)) for s, t in topics.items()},
        "exercises": [(e.id, e.solution, [w.source for w in e.wrong])
                      for e in exercises.registry().values() if e.wrong],
        "modules": modules,
        "demo_runs": demo_runs,
    }


# -- what every request did, for run.py's table ---------------------------------------

_samples: dict[str, dict] = defaultdict(lambda: {"times": [], "status": defaultdict(int),
                                                 "errors": defaultdict(int)})


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None,
            exception=None, **kwargs):
    entry = _samples[f"{request_type} {name}"]
    entry["times"].append(response_time)
    status = getattr(response, "status_code", 0) or 0
    entry["status"][str(status)] += 1
    if exception is not None:
        entry["errors"][type(exception).__name__ if status == 0 else str(exception)[:120]] += 1


@events.init.add_listener
def _loopback_only(environment, **kwargs):
    host = urlsplit(environment.host or "").hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"load test refused: {environment.host!r} is not a loopback host")


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    if RESULTS:
        with open(RESULTS, "w", encoding="utf-8") as fh:
            json.dump({"page_reads": sorted(PAGE_READS), "routes": _samples}, fh)


# -- the student ------------------------------------------------------------------------


def _retry_after(response) -> float | None:
    """Seconds to wait before sending again, when the server said it is busy."""
    if response.status_code != 503:
        return None
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None


class Student(HttpUser):
    """One student: logs in once, then reads, answers, runs and submits."""

    wait_time = between(1, 4)  # reading time between two actions

    def on_start(self):
        if not TOKEN:
            raise StopUser("MLINTERVIEW_TOKEN is not set")
        self.content = content()
        with self.client.get(f"/?token={TOKEN}", name="/?token= (login)", timeout=TIMEOUT,
                             catch_response=True) as r:
            if r.status_code != 200 or not r.history:
                r.failure(f"login: status {r.status_code}, redirects {len(r.history)}")

    def _read(self, url: str, name: str, **kwargs):
        with self.client.get(url, name=name, timeout=TIMEOUT, catch_response=True,
                             **kwargs) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            return r

    def _busy_aware(self, method: str, url: str, name: str, check, **kwargs):
        """Send until the server takes it, honouring ``503`` + ``Retry-After``; ``check``
        (the response) returns an error message or None."""
        for _ in range(MAX_TRIES):
            with self.client.request(method, url, name=name, timeout=TIMEOUT,
                                     catch_response=True, **kwargs) as r:
                delay = _retry_after(r)
                if delay is None:
                    problem = check(r) if r.status_code == 200 else f"status {r.status_code}"
                    if problem:
                        r.failure(problem)
                    return r
                r.request_meta["name"] = f"{name} [503 busy]"
                r.success()
            time.sleep(delay)  # gevent-patched: only this student waits
        self.environment.events.request.fire(
            request_type=method, name=f"{name} [gave up]", response_time=0, response_length=0,
            response=None, context={},
            exception=RuntimeError(f"still busy after {MAX_TRIES} tries"))
        return None

    def home(self):
        self._read("/", "/")

    def topic(self):
        self._read(f"/topics/{random.choice(self.content['slugs'])}", "/topics/[slug]")

    def search(self):
        self._read("/search", "/search", params={"q": random.choice(WORDS)})

    def source(self):
        self._read(f"/source/{random.choice(self.content['modules'])}", "/source/[module]")

    def stats(self):
        self._read("/stats", "/stats")

    def quick_checks(self):
        slug = random.choice(self.content["slugs"])
        right, wrong = self.content["answers"][slug]
        with self.client.post(f"/topics/{slug}/check", data=random.choice((right, wrong)),
                              name="/topics/[slug]/check", timeout=TIMEOUT,
                              catch_response=True) as r:
            if r.status_code != 200 or 'data-testid="outcome"' not in r.text:
                r.failure(f"status {r.status_code}, no outcome")

    def review(self):
        r = self._read("/review", "/review")
        found = re.search(r'action="/review/([\w-]+)"', r.text or "")
        if found is None:
            return  # nothing due
        slug = found.group(1)
        self.wait()
        right, wrong = self.content["answers"][slug]
        with self.client.post(f"/review/{slug}", data=random.choice((right, wrong)),
                              name="/review/[slug]", timeout=TIMEOUT, catch_response=True) as r:
            if r.status_code != 200 or 'data-testid="outcome"' not in r.text:
                r.failure(f"status {r.status_code}, no outcome")

    def demo(self):
        demo_id, params = random.choice(self.content["demo_runs"])
        self._busy_aware("GET", f"/demos/{demo_id}", "/demos/[id] (run)",
                         lambda r: None if "<svg" in r.text else "no figure",
                         params=params)

    def exercise(self):
        exercise_id, solution, wrong = random.choice(self.content["exercises"])
        self._read(f"/exercises/{exercise_id}", "/exercises/[id]")
        self.wait()
        right = random.random() < 0.5
        source = solution if right else random.choice(wrong)

        def check(r):
            found = re.search(r'data-testid="verdict-name">([^<]*)<', r.text)
            verdict = found.group(1).strip().lower() if found else "no verdict"
            if right and verdict != "accepted":
                return f"reference solution judged {verdict!r}"
            if not right and verdict == "accepted":
                return "a wrong solution was accepted"
            return None

        self._busy_aware("POST", f"/exercises/{exercise_id}",
                         f"/exercises/[id] ({'right' if right else 'wrong'})", check,
                         data={"source": source})

    tasks: ClassVar = {function: WEIGHTS[name] for name, function in list(locals().items())
                       if name in WEIGHTS and name not in SKIP}
