"""The review page: the next due card's quick checks (answering stores a review), and the
exercises due to be solved again, each linked to its page opened on a blank starter."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from mlinterview.web.routes._common import catalog, form_dict, page, study, topic_or_404

router = APIRouter(tags=["review"])


def _area_or_400(request: Request, area: str | None) -> str | None:
    """The area to filter by: None for all (the form's "all" sends an empty value)."""
    areas = catalog(request).areas
    if not area:
        return None
    if area not in areas:
        raise HTTPException(400, f"area: expected one of {', '.join(areas)}; got {area!r}")
    return area


@router.get("/review")
def review_page(request: Request, area: str | None = None):
    area = _area_or_400(request, area)
    items = study(request).due(area=area)
    exercises = study(request).due_exercises(area=area)
    item = items[0] if items else None
    topic = topic_or_404(item.slug) if item else None
    # Unfiltered, the lists are the menu's due counts too: no second query for them.
    menu = {"due_count": len(items), "due_exercises": len(exercises)} if area is None else {}
    return page(request, "review.html", item=item, topic=topic, remaining=len(items),
                exercises=exercises, area=area, areas=catalog(request).areas, outcome=None,
                stats=study(request).stats(), **menu)


@router.post("/review/{slug}")
async def review_submit(request: Request, slug: str):
    topic = topic_or_404(slug)
    answers = await form_dict(request)
    area = answers.pop("area", None) or None
    if area not in catalog(request).areas:
        area = None

    def review_and_render():
        outcome = study(request).review(slug, answers)
        items = study(request).due(area=area)
        return page(request, "review.html", item=None, topic=topic, remaining=len(items),
                    exercises=study(request).due_exercises(area=area), area=area,
                    areas=catalog(request).areas, outcome=outcome, answers=answers,
                    stats=study(request).stats())

    return await run_in_threadpool(review_and_render)
