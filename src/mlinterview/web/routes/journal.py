"""The answer journal in the browser.

- ``GET /journal``: every question answered, the first and the latest answer side by
  side, with dates, time taken and the key points each covered;
- ``GET /journal/SLUG``: one topic's questions in full, every answer listed;
- ``GET /journal/export.md`` (the seed's format) and ``/journal/export.json``: downloads;
- ``POST /journal/import``: a journal file uploaded through the page's form (size capped
  by the server's request limit, token, Host and Origin checked as for every POST),
  previewed or imported (:func:`mlinterview.practice.journal.import_text`); the result
  page lists what was added, what was already there and what matched no topic.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from mlinterview.practice import Practice
from mlinterview.practice import journal as jn
from mlinterview.web.routes._common import page, study, topic_or_404

router = APIRouter(tags=["journal"])

UPLOAD_TYPE = "multipart/form-data"


def _practice(request: Request) -> Practice:
    return Practice(study(request))


@router.get("/journal")
def journal_page(request: Request):
    questions = jn.journal(_practice(request))
    return page(request, "journal.html", questions=questions, topic=None,
                total=sum(len(q.answers) for q in questions))


@router.get("/journal/export.md")
def export_markdown(request: Request):
    practice = _practice(request)
    text = jn.render(jn.journal(practice), "md", now=practice.study._now(None))
    return _download(text, "text/markdown; charset=utf-8", "mlinterview-journal.md")


@router.get("/journal/export.json")
def export_json(request: Request):
    text = jn.render(jn.journal(_practice(request)), "json")
    return _download(text, "application/json", "mlinterview-journal.json")


def _download(text: str, media_type: str, filename: str) -> Response:
    return Response(text.encode("utf-8"), media_type=media_type, headers={
        "content-disposition": f'attachment; filename="{filename}"',
        "cache-control": "no-store"})


@router.post("/journal/import")
async def import_upload(request: Request):
    """Import (or, with ``action=preview``, preview) the uploaded journal ``file``."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != UPLOAD_TYPE:
        raise HTTPException(415, f"Send the journal file from the form ({UPLOAD_TYPE}).")
    # One file and a few fields; the body is already capped by the security middleware.
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        preview = form.get("action") == "preview"
        if not isinstance(upload, UploadFile) or not (upload.filename or "").strip():
            raise HTTPException(400, "Choose a journal file (Markdown, UTF-8) to import.")
        data = await upload.read()
        name = upload.filename
    try:
        text = jn.decode_journal(data, name)
    except jn.JournalError as exc:
        raise HTTPException(400, str(exc)) from None

    def run():
        try:
            summary = jn.import_text(text, _practice(request), dry_run=preview, name=name)
        except jn.JournalError as exc:
            raise HTTPException(400, str(exc)) from None
        return page(request, "journal_import.html", summary=summary, filename=name)

    return await run_in_threadpool(run)


@router.get("/journal/{slug}")
def journal_topic(request: Request, slug: str):
    topic = topic_or_404(slug)
    questions = jn.journal(_practice(request), slug)
    return page(request, "journal.html", questions=questions, topic=topic,
                total=sum(len(q.answers) for q in questions))
