"""Each demo run once per test process at its defaults, for every test that reads that run.

test_all_demos runs every demo at its defaults, and most areas' own tests read the same
run to check what the card claims: a demo takes 1-6 s, and up to three tests ran it. The
demo tests sit together in the suite's order, so one test worker runs them all and the
first one to ask computes the run. (test_all_demos still runs each demo a second time, to
prove the two runs equal.)
"""

import functools

from mlinterview.demos import DemoResult, registry


@functools.cache
def at_defaults(demo_id: str) -> DemoResult:
    """What demo ``demo_id`` returns at its defaults, computed once per process. Read it,
    never change it: every caller gets the same object."""
    return registry()[demo_id].run().result
