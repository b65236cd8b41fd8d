"""Helpers shared by the routes: rendering with the base context, services, forms."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from mlinterview.study import Study

log = logging.getLogger("mlinterview.web")


def state(request: Request):
    return request.app.state.web


def study(request: Request) -> Study:
    return state(request).study


def catalog(request: Request):
    """The visitor-independent part of the pages (:mod:`mlinterview.web.catalog`)."""
    return state(request).catalog


def page(request: Request, template: str, status_code: int = 200, *,
         due_count: int | None = None, **context: Any) -> HTMLResponse:
    """Render ``template`` with the base context: the due count shown in the menu (counted
    here unless the route already has it)."""
    if due_count is None:
        try:
            due_count = len(study(request).due())
        except Exception:  # the menu must not take a page down; the log says why
            log.exception("cannot count the due cards for the menu")
    return state(request).templates.TemplateResponse(
        request, template, {"due_count": due_count, **context}, status_code=status_code)


def topic_or_404(slug: str):
    from mlinterview.topics import UnknownTopicError, get_topic

    try:
        return get_topic(slug)
    except UnknownTopicError as exc:
        raise HTTPException(404, str(exc)) from None


async def form_dict(request: Request) -> dict[str, str]:
    """The submitted form fields as plain strings (files are not accepted)."""
    form = await request.form()
    try:
        out = {}
        for key, value in form.multi_items():
            if not isinstance(value, str):
                raise HTTPException(400, f"field {key!r}: file uploads are not accepted")
            out[key] = value
        return out
    finally:
        await form.close()  # an upload's spooled temporary file must not outlive the request
