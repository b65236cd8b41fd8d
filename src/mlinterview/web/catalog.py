"""What the pages show that is the same for every visitor, built once when the app is made.

The cards, their rendered HTML, the library code they link to, the tags on the home page
and the search index do not change while the server runs. Building them takes seconds
(importing every demo, rendering Markdown and MathML, highlighting code), so
:func:`build` does it once, before the server accepts a connection, and :func:`warm`
fills the render caches. A request then only reads the user's study state from SQLite
and fills a template.

Nothing here reads ``tests/`` or ``benchmarks/``: an installed wheel has neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlinterview import coverage, render, search, sources, topics
from mlinterview.topics import Area, Topic


@dataclass(frozen=True)
class HomeEntry:
    """One slug of ``content/index.yaml`` on the home page."""

    slug: str
    card: Topic | None  # None: listed, not written yet
    demo: bool
    exercise: bool


@dataclass(frozen=True)
class AreaGroup:
    """An area with its slugs, in index order."""

    area: Area
    entries: tuple[HomeEntry, ...]

    @property
    def written(self) -> int:
        return sum(e.card is not None for e in self.entries)


@dataclass(frozen=True)
class LibraryLink:
    """A library symbol a card names: where it lives and its highlighted source."""

    symbol: str
    where: sources.Location | None  # None outside mlinterview.ml / mlinterview.algo
    code: str | None  # HTML, shown folded under the link


@dataclass(frozen=True)
class TopicView:
    """What a topic page shows besides the card itself and the user's review state."""

    topic: Topic
    library: tuple[LibraryLink, ...]
    demos: tuple  # DemoSpec, in the card's order
    exercises: tuple  # Exercise, in the card's order
    read_first: tuple[Topic, ...] = ()  # its prerequisites
    comes_next: tuple[Topic, ...] = ()  # the topics that list it as a prerequisite


@dataclass(frozen=True)
class Catalog:
    """The visitor-independent part of every page."""

    areas: dict[str, Area]
    groups: tuple[AreaGroup, ...]
    topics: dict[str, TopicView]
    order: tuple[str, ...] = ()  # every slug after its prerequisites: the study order
    path: tuple[HomeEntry, ...] = ()  # the written topics' entries in that order


def _library_link(symbol: str) -> LibraryLink:
    where = sources.locate(symbol)
    text = sources.symbol_source(symbol) if where else None
    code = render.highlight_code(text, "python") if text else None
    return LibraryLink(symbol, where, code)


def build() -> Catalog:
    """The catalog of the cards as loaded now (seconds the first time in a process: it
    imports every demo and library module a card names; the parts are cached)."""
    from mlinterview import exercises as exercise_registry
    from mlinterview.demos import registry as demo_registry

    areas, index = topics.load_index()
    cards = topics.all_topics()
    demos = demo_registry()
    exercises = exercise_registry.registry()
    # The parts each slug has, as `mlinterview coverage` counts them, minus the parity
    # tests: those live in tests/, which a page must never read.
    parts = {t.slug: t for t in coverage.report(parity=False).topics}
    groups = tuple(
        AreaGroup(area, tuple(HomeEntry(slug, cards.get(slug), parts[slug].demo > 0,
                                        parts[slug].exercise > 0)
                              for slug, entry in index.items() if entry.area == area.id))
        for area in areas.values())
    views = {
        slug: TopicView(
            topic=topic,
            library=tuple(_library_link(s) for s in topic.library),
            demos=tuple(demos[d] for d in topic.demos if d in demos),
            exercises=tuple(exercises[e] for e in topic.exercises if e in exercises),
            read_first=tuple(cards[p] for p in topic.prerequisites if p in cards),
            comes_next=tuple(cards[n] for n in topics.next_topics(slug, cards)))
        for slug, topic in cards.items()}
    order = _study_order(cards)
    entries = {e.slug: e for g in groups for e in g.entries}
    return Catalog(areas=areas, groups=groups, topics=views, order=order,
                   path=tuple(entries[s] for s in order if s in entries))


def _study_order(cards: dict[str, Topic]) -> tuple[str, ...]:
    """Every slug in an order that puts each topic after its prerequisites (the index
    order where the prerequisites leave a choice); the index order if they form a cycle
    (which ``coverage --check`` reports)."""
    if topics.prerequisite_cycle(cards):
        return tuple(cards)
    order: list[str] = []
    for slug in cards:
        order += [s for s in topics.study_path(slug, cards) if s not in order]
    return tuple(order)


def warm(catalog: Catalog, templates) -> None:
    """Render once what the first visitor of each page would otherwise wait for: every
    card's sections and quick checks, every exercise statement and solution, every demo
    description, the search index, the stylesheet and the compiled templates."""
    from mlinterview import exercises as exercise_registry
    from mlinterview.demos import registry as demo_registry

    for view in catalog.topics.values():
        for text in view.topic.sections.values():
            render.markdown_to_html(text)
        if view.topic.figure is not None:
            render.inline_markdown_to_html(view.topic.figure.caption)
        for check in view.topic.quick_checks:
            render.inline_markdown_to_html(check.prompt)
            for choice in check.choices:
                render.inline_markdown_to_html(choice)
    for exercise in exercise_registry.registry().values():
        render.markdown_to_html(exercise.statement)
        render.highlight_code(exercise.solution, "python")
    for spec in demo_registry().values():
        render.markdown_to_html(spec.description)
    search.index()
    render.pygments_css()
    for name in templates.env.list_templates():
        templates.env.get_template(name)
