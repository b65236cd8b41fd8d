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
    fields, upload = await _read_upload(request)
    if upload is None or not upload[0].strip():
        raise HTTPException(400, "Choose a journal file (Markdown, UTF-8) to import.")
    name, data = upload
    preview = fields.get("action") == "preview"
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


async def _read_upload(request: Request) -> tuple[dict[str, str], tuple[str, bytes] | None]:
    """The text fields and the one uploaded file (name, bytes) of a multipart form.

    Parsed in memory with python-multipart: the body is at most the server's request limit
    (the security middleware counts it), and Starlette's own parser leaves a temporary
    file unclosed when a file part is cut short. Only parts that end are kept; a second
    file is refused (400), as is a body that is not multipart.
    """
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import MultipartParser, parse_options_header

    content_type = request.headers.get("content-type", "")
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != UPLOAD_TYPE.encode():
        raise HTTPException(415, f"Send the journal file from the form ({UPLOAD_TYPE}).")
    if not boundary:
        raise HTTPException(400, "The upload has no multipart boundary.")
    body = await request.body()

    parts: list[dict] = []
    header = {"field": bytearray(), "value": bytearray()}

    def header_end() -> None:
        parts[-1]["headers"][bytes(header["field"]).lower()] = bytes(header["value"])
        header["field"].clear()
        header["value"].clear()

    callbacks = {
        "on_part_begin": lambda: parts.append({"headers": {}, "data": bytearray(),
                                               "ended": False}),
        "on_header_field": lambda d, a, b: header["field"].extend(d[a:b]),
        "on_header_value": lambda d, a, b: header["value"].extend(d[a:b]),
        "on_header_end": header_end,
        "on_part_data": lambda d, a, b: parts[-1]["data"].extend(d[a:b]),
        "on_part_end": lambda: parts[-1].update(ended=True),
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except FormParserError:
        raise HTTPException(400, "The upload is not a well-formed multipart form.") from None

    fields: dict[str, str] = {}
    upload = None
    for part in parts:
        if not part["ended"]:
            continue
        _, disposition = parse_options_header(part["headers"].get(b"content-disposition", b""))
        name = disposition.get(b"name", b"").decode("utf-8", "replace")
        filename = disposition.get(b"filename")
        if filename is None:
            fields[name] = part["data"].decode("utf-8", "replace")
        elif name == "file":
            if upload is not None:
                raise HTTPException(400, "Send one journal file at a time.")
            upload = (filename.decode("utf-8", "replace"), bytes(part["data"]))
    return fields, upload


@router.get("/journal/{slug}")
def journal_topic(request: Request, slug: str):
    topic = topic_or_404(slug)
    questions = jn.journal(_practice(request), slug)
    return page(request, "journal.html", questions=questions, topic=topic,
                total=sum(len(q.answers) for q in questions))
