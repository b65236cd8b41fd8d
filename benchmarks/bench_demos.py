"""Every demo at its default parameters: how long a user waits for its page.

A demo has no reference library to race, so the reference column is the fastest demo
(the ratio says how many times slower than the quickest one each is). The figures are
rendered to SVG as the web page does. (A test used to assert a time bound per demo; a
busy machine made it fail, so it is measured here instead.)
"""

from __future__ import annotations

TITLE = "Demos at their defaults (run + SVG)"
REFERENCE = "fastest demo"


def _run_and_render(demo_id: str) -> None:
    from mlinterview.demos import registry
    from mlinterview.demos._figures import to_svg

    outcome = registry()[demo_id].run()
    for fig in outcome.result.figures.values():
        to_svg(fig)


def main() -> None:
    from _harness import Timing, best_time, print_table
    from mlinterview.demos import registry

    times = {d: best_time(lambda d=d: _run_and_render(d), repeats=1)
             for d in sorted(registry())}
    fastest = min(times.values())
    rows = [Timing(d, "defaults", t, fastest) for d, t in times.items()]
    print_table(TITLE, REFERENCE, rows)


if __name__ == "__main__":
    main()
