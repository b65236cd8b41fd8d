"""Home, topic pages (with their quick checks), search, stats and library source."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.web.routes._common import form_dict, page, study, topic_or_404

router = APIRouter(tags=["pages"])


@router.get("/")
def home(request: Request):
    from mlinterview import coverage
    from mlinterview.topics import all_topics, load_index

    areas, index = load_index()
    report = {t.slug: t for t in coverage.report().topics}
    cards = all_topics()
    due = {d.slug for d in study(request).due() if not d.new}
    groups = []
    for area in areas.values():
        entries = [{"slug": slug, "card": cards.get(slug), "cov": report[slug],
                    "due": slug in due}
                   for slug, entry in index.items() if entry.area == area.id]
        groups.append({"area": area, "entries": entries,
                       "written": sum(e["card"] is not None for e in entries)})
    return page(request, "home.html", groups=groups, stats=study(request).stats())


@router.get("/topics")
def topics_index():
    return RedirectResponse("/", status_code=303)


def _symbol_code(symbol: str) -> str | None:
    """The highlighted source of one library symbol (already located inside the library),
    shown folded under its link so the answer and its code sit on one page."""
    import inspect

    from mlinterview.render import highlight_code
    from mlinterview.topics import resolve_symbol

    try:
        text = inspect.getsource(resolve_symbol(symbol))
    except (ImportError, OSError, TypeError):
        return None
    return highlight_code(text, "python")


def _topic_context(request: Request, slug: str):
    from mlinterview import exercises as ex_registry
    from mlinterview.demos import registry as demo_registry
    from mlinterview.sources import locate

    topic = topic_or_404(slug)
    library = []
    for symbol in topic.library:
        where = locate(symbol)  # None outside mlinterview.ml / mlinterview.algo
        library.append((symbol, where, _symbol_code(symbol) if where else None))
    demos = [demo_registry()[d] for d in topic.demos if d in demo_registry()]
    exercises = [ex_registry.get(e) for e in topic.exercises if e in ex_registry.registry()]
    state = study(request).card_state(slug)
    return {"topic": topic, "library": library, "demos": demos, "exercises": exercises,
            "card_state": state}


@router.get("/topics/{slug}")
def topic_page(request: Request, slug: str):
    return page(request, "topic.html", **_topic_context(request, slug))


@router.post("/topics/{slug}/check")
async def topic_check(request: Request, slug: str):
    """Answering a card's quick checks is a review: grade, store, show the result."""
    context = _topic_context(request, slug)
    answers = await form_dict(request)
    outcome = await run_in_threadpool(study(request).review, slug, answers)
    return page(request, "topic.html", outcome=outcome, answers=answers, **context)


@router.post("/reviews/{uid}/rating")
async def change_rating(request: Request, uid: str):
    form = await form_dict(request)
    try:
        rating = int(form.get("rating", ""))
        outcome = await run_in_threadpool(study(request).override, uid, rating)
    except ValueError as exc:
        raise HTTPException(400, str(exc) if "rating" in str(exc) else
                            "rating: expected 1, 2, 3 or 4") from None
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    back = form.get("next", "")
    # Only a plain path of this app: browsers read "//x", "/\\x" and "/<tab>/x" as another
    # site, so anything beyond letters, digits and -_./ after a single slash is refused.
    if not re.fullmatch(r"/(?![/\\])[\w\-./]*", back):
        back = f"/topics/{outcome.slug}"
    return RedirectResponse(f"{back}?rated={outcome.rating}", status_code=303)


@router.get("/search")
def search_page(request: Request, q: str = ""):
    from mlinterview.search import MAX_QUERY, search

    if len(q) > MAX_QUERY:
        raise HTTPException(400, f"q: the query is longer than {MAX_QUERY} characters")
    hits = search(q) if q.strip() else []
    return page(request, "search.html", q=q, hits=hits)


@router.get("/stats")
def stats_page(request: Request):
    s = study(request).stats()
    today = s.now.date()
    weeks = 26
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    top = max(s.per_day.values(), default=0)
    grid = []
    for weekday in range(7):
        row = []
        for w in range(weeks):
            day = start + timedelta(days=7 * w + weekday)
            count = s.per_day.get(day, 0)
            level = 0 if count == 0 else 1 + min(3, int(3 * count / max(top, 1)))
            row.append({"day": day, "count": count, "level": level, "future": day > today})
        grid.append(row)
    return page(request, "stats.html", s=s, grid=grid,
                weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))


@router.get("/source/{module}")
def source_page(request: Request, module: str, symbol: str = ""):
    from mlinterview.render import highlight_code
    from mlinterview.sources import module_source

    try:
        text = module_source(module)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return page(request, "source.html", module=module, symbol=symbol,
                code=highlight_code(text, "python", line_anchors=True), lines=text.count("\n") + 1)


@router.get("/assets/pygments.css")
def pygments_css():
    from mlinterview.render import pygments_css as css

    return PlainTextResponse(css(), media_type="text/css",
                             headers={"cache-control": "max-age=3600"})
