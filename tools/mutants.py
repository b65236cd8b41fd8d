"""Mutation check of the exercises: how many small bugs in each reference do the cases catch?

For every exercise (or the ids given) the reference solution is mutated (flipped
comparisons, off-by-one, swapped operands, replaced arithmetic, dropped terms, negated
conditions, replaced axes and constants; see ``mlinterview.exercises.mutation``), each
mutant is run over the exercise's cases and judged as the judge would. The table shows,
per exercise, the mutants run (and found, before the cap), how many return exactly the
reference's output (equivalent) or differ only by rounding, how many the judge rejects
(killed) and how many it accepts although their output changed (survived), and the score
killed / (killed + survived). CI requires 0.90 per exercise.

An exercise author strengthens the cases until no survivor is left that a case could
catch: ``--show-survivors`` lists each one with the case where its output changed, and
``--show-equivalent`` the mutants no case tells apart from the reference (not counted, but
``n < 0 → n <= 0`` among them says no case has ``n = 0``).

    python tools/mutants.py                                # every exercise
    python tools/mutants.py lcs/lcs-length-and-sequence --show-survivors
    python tools/mutants.py --json > mutants.json

Exit code 0 when every exercise shown reaches the bar, 1 when one does not or cannot be
checked (its reference is rejected by its own cases), 2 on bad arguments (an unknown id).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from mlinterview import exercises
from mlinterview.exercises import mutation


def _score(report: mutation.Report) -> str:
    return "-" if report.score is None else f"{report.score:.3f}"


def _below(report: mutation.Report) -> bool:
    return report.score is None or report.score < mutation.THRESHOLD


def _show(outcomes: list[mutation.Outcome], label: str) -> None:
    for o in outcomes:
        m = o.mutant
        print(f"    {label} line {m.line}, {m.operator}: {m.description}")
        if o.status != mutation.EQUIVALENT:  # an equivalent one's reason says only that
            print(f"        {o.reason}")


def print_table(reports: list[mutation.Report], show_survivors: bool,
                show_equivalent: bool = False) -> None:
    """One line per exercise; survivors (and equivalent mutants) under it when asked."""
    width = max([len("exercise"), *(len(r.exercise_id) for r in reports)])
    header = (f"{'exercise':<{width}}  {'mutants':>9}  {'equiv':>5}  {'round':>5}  "
              f"{'killed':>6}  {'surv':>4}  {'score':>5}  {'secs':>5}")
    print(header)
    print("-" * len(header))
    for r in reports:
        mark = "  < bar" if _below(r) else ""
        run = f"{len(r.outcomes)}/{r.found}"
        print(f"{r.exercise_id:<{width}}  {run:>9}  {r.equivalent:>5}  {r.rounding:>5}  "
              f"{r.killed:>6}  {r.survived:>4}  {_score(r):>5}  {r.seconds:>5.1f}{mark}")
        if show_survivors:
            _show(r.survivors, "survived:")
        if show_equivalent:
            _show([o for o in r.outcomes if o.status == mutation.EQUIVALENT], "equivalent:")
    killed = sum(r.killed for r in reports)
    counted = killed + sum(r.survived for r in reports)
    below = [r.exercise_id for r in reports if _below(r)]
    print("-" * len(header))
    overall = f"{killed / counted:.3f}" if counted else "-"
    print(f"{len(reports)} exercises, {sum(len(r.outcomes) for r in reports)} mutants, "
          f"overall score {overall}; below {mutation.THRESHOLD:g}: "
          f"{', '.join(below) if below else 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", metavar="ID",
                        help="exercise ids (slug/name); default: every exercise")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON document (every mutant's outcome) instead")
    parser.add_argument("--show-survivors", action="store_true",
                        help="list each surviving mutant and the case where it changed")
    parser.add_argument("--show-equivalent", action="store_true",
                        help="list the mutants no case tells apart from the reference (a "
                             "flipped comparison here often means a boundary case is missing)")
    parser.add_argument("--cap", type=int, default=mutation.CAP,
                        help=f"mutants run per exercise, sampled when more (default "
                             f"{mutation.CAP}; 0: no cap)")
    parser.add_argument("--seed", type=int, default=mutation.SEED,
                        help="seed of the sample when an exercise has more than --cap")
    args = parser.parse_args(argv)
    if args.cap < 0:
        parser.error(f"--cap must be 0 or more, got {args.cap}")
    try:
        ids = [exercises.get(i).id for i in args.ids] or sorted(exercises.registry())
    except exercises.UnknownExerciseError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    progress = sys.stderr.isatty()  # a counter on the terminal, nothing in a log
    reports, errors = [], {}
    for n, exercise_id in enumerate(ids):
        if progress:
            print(f"\r{n}/{len(ids)} {exercise_id}\033[K", end="", file=sys.stderr,
                  flush=True)
        try:
            reports.append(mutation.check(exercise_id, cap=args.cap or None, seed=args.seed))
        except mutation.MutationError as exc:  # e.g. a reference its own cases reject
            errors[exercise_id] = str(exc)
    if progress:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    if args.json:
        json.dump({"threshold": mutation.THRESHOLD, "cap": args.cap or None,
                   "seed": args.seed, "seconds": round(time.perf_counter() - started, 3),
                   "exercises": [r.to_dict() for r in reports],
                   "errors": errors},
                  sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print_table(reports, args.show_survivors, args.show_equivalent)
        for exercise_id, message in errors.items():
            print(f"{exercise_id}: not checked: {message}")
    return 1 if errors or any(_below(r) for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
