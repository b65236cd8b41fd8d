"""Home, topic pages (with their quick checks), search, stats and library source."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.web.routes._common import catalog, form_dict, page, study, topic_or_404

router = APIRouter(tags=["pages"])


@router.get("/")
def home(request: Request, order: str = "area"):
    """The areas and their topics (built at start-up), with what is due for this user;
    ``?order=path`` lists every topic after its prerequisites instead (a study order)."""
    if order not in ("area", "path"):
        raise HTTPException(400, f"order: expected 'area' or 'path', got {order[:40]!r}")
    due = study(request).due()
    pages = catalog(request)
    return page(request, "home.html", due_count=len(due), groups=pages.groups,
                path=pages.path if order == "path" else None, order=order,
                views=pages.topics, due={d.slug for d in due if not d.new},
                stats=study(request).stats())


@router.get("/topics")
def topics_index():
    return RedirectResponse("/", status_code=303)


def _topic_context(request: Request, slug: str) -> dict:
    """The card, its library code, demos and exercises (from the catalog) and the
    user's review state of it."""
    view = catalog(request).topics.get(slug)
    if view is None:
        topic_or_404(slug)  # a 404 page that suggests the closest slugs
        # A card the registry knows but the catalog does not (it came after start-up).
        raise HTTPException(404, f"topic {slug!r} has no page yet; restart the server")
    shelf = request.app.state.web.figures
    return {"topic": view.topic, "library": view.library, "demos": view.demos,
            "exercises": view.exercises, "card_state": study(request).card_state(slug),
            "read_first": view.read_first, "comes_next": view.comes_next,
            "figure_svg": shelf.get(slug), "figure_failed": shelf.failed(slug)}


@router.get("/topics/{slug}")
def topic_page(request: Request, slug: str):
    return page(request, "topic.html", **_topic_context(request, slug))


@router.post("/topics/{slug}/check")
async def topic_check(request: Request, slug: str):
    """Answering a card's quick checks is a review: grade, store, show the result."""
    answers = await form_dict(request)

    def review_and_render():
        context = _topic_context(request, slug)  # a 404 before anything is stored
        outcome = study(request).review(slug, answers)
        context["card_state"] = study(request).card_state(slug)
        return page(request, "topic.html", outcome=outcome, answers=answers, **context)

    return await run_in_threadpool(review_and_render)


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
def search_page(request: Request, q: str = "", kind: str = ""):
    """Cards, exercises and demos that answer ``q`` (all, or one ``kind``); the nearest
    topics when nothing matches."""
    from mlinterview.search import KINDS, MAX_QUERY, find

    if len(q) > MAX_QUERY:
        raise HTTPException(400, f"q: the query is longer than {MAX_QUERY} characters")
    if kind and kind not in KINDS:
        raise HTTPException(400, f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    results = find(q, kind=kind or None) if q.strip() else None
    return page(request, "search.html", q=q, kind=kind, kinds=KINDS, max_query=MAX_QUERY,
                results=results)


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
    from mlinterview.web.routes.mock import mock_history

    return page(request, "stats.html", s=s, grid=grid,
                weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                **mock_history(request))


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
