"""Demo pages: a form built from the demo's parameters; figures inline as SVG.

A demo computes in a worker process at a lower priority
(:mod:`mlinterview.demos._worker`), so the server's interpreter stays free for page
reads, admitted through the app's :class:`~mlinterview.web.admission.Admission` (shared
with the judge: at most one heavy job per CPU, a bounded queue, then ``503`` with
``Retry-After`` and the form as the user filled it). Results are cached by their
parameters, and identical requests that arrive together compute once
(:class:`~mlinterview.web.admission.OnceCache`).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from mlinterview.demos._worker import DemoCrashed, DemoTooLong
from mlinterview.web import admission
from mlinterview.web.routes._common import page, topic_or_404

router = APIRouter(tags=["demos"])

RESULTS = admission.OnceCache(maxsize=32)


def run_demo(demo_id: str, params: tuple) -> dict:
    """Run a demo in a worker process and render its figures (blocks the calling thread);
    the same parameters give the same page."""
    from mlinterview.demos import _worker

    return _worker.shared(admission.SLOTS).run(demo_id, params)


@router.get("/demos")
def demo_index(request: Request):
    from mlinterview.demos import registry

    return page(request, "demos.html", demos=list(registry().values()))


async def _demo_page(request: Request, demo_id: str):
    from mlinterview.demos import ParamError, registry

    spec = registry().get(demo_id)
    if spec is None:
        import difflib

        close = difflib.get_close_matches(demo_id, list(registry()), n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise HTTPException(404, f"There is no demo {demo_id!r}.{hint}")
    def refused(status: int, error: str, form: dict, retry_after: int | None = None):
        """The form again, as the user filled it, with why no result is shown."""
        response = page(request, "demo.html", status_code=status, spec=spec, values=form,
                        error=error, topic=topic_or_404(spec.slug), run=None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    raw = dict(request.query_params)
    try:
        values = spec.parse(raw)
    except ParamError as exc:
        return refused(400, str(exc), raw)
    params = tuple(sorted(values.items()))
    jobs = admission.of_app(request.app)
    try:
        run = await RESULTS.get((spec.id, params), lambda: jobs.run(run_demo, spec.id, params))
    except ParamError as exc:
        # A condition only the run itself can see (parse checks the declared rules).
        return refused(400, str(exc), values)
    except DemoTooLong as exc:
        # Valid values, each within its bounds, that together ask for too much work: the
        # request cannot be served as it is (422), and the form keeps them to lower.
        return refused(422, f"The demo was stopped after {exc.cpu_seconds:g} s of computing: "
                       "these settings ask for more. Lower the largest sizes, steps or "
                       "rounds.", values)
    except admission.Busy as busy:
        return refused(503, f"The server is busy ({busy.load.running} demos and judges "
                       f"running, {busy.load.waiting} waiting). Run it again in about "
                       f"{busy.retry_after} s.", values, retry_after=busy.retry_after)
    except DemoCrashed as exc:
        # Our failure, not the user's, and a fresh worker is already on its way: a 503
        # that invites a retry (the server log has nothing more to say than this).
        return refused(503, f"The demo could not finish: {exc}. Run it again.", values,
                       retry_after=1)
    return page(request, "demo.html", spec=spec, values=values, error=None,
                topic=topic_or_404(spec.slug), run=run)


@router.get("/demos/{slug}")
async def demo_page(request: Request, slug: str):
    return await _demo_page(request, slug)


@router.get("/demos/{slug}/{name}")
async def named_demo_page(request: Request, slug: str, name: str):
    return await _demo_page(request, f"{slug}/{name}")
