"""The review page: the next due card's quick checks; answering stores a review."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from mlinterview.web.routes._common import form_dict, page, study, topic_or_404

router = APIRouter(tags=["review"])


@router.get("/review")
def review_page(request: Request, area: str | None = None):
    from mlinterview.topics import load_index

    areas, _ = load_index()
    if area is not None and area not in areas:
        raise HTTPException(400, f"area: expected one of {', '.join(areas)}; got {area!r}")
    items = study(request).due(area=area)
    item = items[0] if items else None
    topic = topic_or_404(item.slug) if item else None
    return page(request, "review.html", item=item, topic=topic, remaining=len(items),
                area=area, areas=areas, outcome=None, stats=study(request).stats())


@router.post("/review/{slug}")
async def review_submit(request: Request, slug: str):
    from mlinterview.topics import load_index

    topic = topic_or_404(slug)
    answers = await form_dict(request)
    area = answers.pop("area", None) or None
    outcome = await run_in_threadpool(study(request).review, slug, answers)
    areas, _ = load_index()
    items = study(request).due(area=area if area in areas else None)
    return page(request, "review.html", item=None, topic=topic, remaining=len(items),
                area=area, areas=areas, outcome=outcome, answers=answers,
                stats=study(request).stats())
