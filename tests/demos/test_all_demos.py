"""Every registered demo runs at its defaults, deterministically, and renders."""

import pytest

from mlinterview.demos import registry
from mlinterview.demos._figures import to_svg
from mlinterview.topics import all_topics

from ._defaults import at_defaults

DEMOS = sorted(registry())


def test_every_demo_belongs_to_a_card_that_links_it():
    linked = {d for t in all_topics().values() for d in t.demos}
    assert set(DEMOS) <= linked


@pytest.mark.parametrize("demo_id", DEMOS)
def test_demo_runs_at_defaults_and_is_deterministic(demo_id):
    first = at_defaults(demo_id)   # the run the area's own tests read too
    second = registry()[demo_id].run().result
    assert first.table.rows, "a demo must return a table"
    assert first.figures, "a demo must return figures"
    # Compared as text: a NaN in a table (a width with no free support vector) is
    # reproducible too, and NaN == NaN is False; repr keeps every digit of a float.
    assert repr(first.table.reproducible_rows()) == repr(second.table.reproducible_rows())
    for name, fig in first.figures.items():
        svg = to_svg(fig)
        assert svg.startswith("<svg") and "</svg>" in svg, name
    # The figure a card shows inline from this demo is one it draws at its defaults.
    for topic in all_topics().values():
        if topic.figure is not None and topic.figure.demo == demo_id:
            assert topic.figure.name in first.figures, (
                f"{topic.slug}: figure {topic.figure.name!r} is not one of "
                f"{sorted(first.figures)}")
    # How long a demo takes is measured by `make bench` (bench_demos), not asserted here:
    # a busy machine must not fail this test.
