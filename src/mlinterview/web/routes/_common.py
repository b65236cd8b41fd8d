"""Helpers shared by the routes: rendering with the base context, services, forms."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

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
         due_count: int | None = None, due_exercises: int | None = None,
         **context: Any) -> HTMLResponse:
    """Render ``template`` with the base context: the numbers of due cards and of due
    exercises shown in the menu (counted here unless the route already has them)."""
    try:
        if due_count is None:
            due_count = len(study(request).due())
        if due_exercises is None:
            due_exercises = len(study(request).due_exercises())
    except Exception:  # the menu must not take a page down; the log says why
        log.exception("cannot count what is due for the menu")
    return state(request).templates.TemplateResponse(
        request, template, {"due_count": due_count, "due_exercises": due_exercises, **context},
        status_code=status_code)


def topic_or_404(slug: str):
    from mlinterview.topics import UnknownTopicError, get_topic

    try:
        return get_topic(slug)
    except UnknownTopicError as exc:
        raise HTTPException(404, str(exc)) from None


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def form_dict(request: Request) -> dict[str, str]:
    """The submitted form fields as plain strings (files are not accepted).

    Only what an HTML form sends is read: a body of another type (JSON, plain text) is
    refused with 415 rather than read as an empty form, which would store a review of
    unanswered checks. A request without a content type has no fields.
    """
    content_type = request.headers.get("content-type")
    if content_type is not None and \
            content_type.split(";")[0].strip().lower() not in FORM_TYPES:
        raise HTTPException(415, "The request body must be an HTML form (content type "
                            f"{' or '.join(FORM_TYPES)}).")
    try:
        # No files at all: Starlette then refuses a file part before it opens a temporary
        # file for it (a file part cut short would leave that file open until collected).
        form = await request.form(max_files=0)
    except StarletteHTTPException as exc:  # what Starlette raises for a malformed form
        if str(exc.detail).startswith("Too many files"):
            raise HTTPException(400, "file uploads are not accepted: paste the code into "
                                "the editor") from None
        raise
    return dict(form.multi_items())  # a repeated field: the last value counts
