"""Starting the web app: build it, open the port, print the URL with its token, serve.

The order matters. The port is reserved first (bound, so the URL can name it), the app is
built next (it renders every card, a few seconds), and only then does the socket listen
and the URL appear: whoever reads the URL finds a server that answers at once, and the
first request is as fast as the others.
"""

from __future__ import annotations

import gc
import ipaddress
import secrets
import socket

from mlinterview.web.security import LOOPBACK

MAX_PORT_TRIES = 20
# Seconds an idle keep-alive connection stays open. uvicorn's 5 s is shorter than the
# pause of a person reading a page, so a client reusing its connection could race the
# server closing it; browsers keep theirs for minutes.
KEEP_ALIVE = 75
BACKLOG = 2048


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, preferred: int) -> socket.socket:
    """A TCP socket bound to ``preferred`` on ``host``, or to the next free port (any free
    port with 0); not listening yet, so connections are refused until :func:`run` is
    ready for them."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [0] if preferred == 0 else range(preferred, preferred + MAX_PORT_TRIES)
    for port in candidates:
        # proto named, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that
        # say they are TCP, and with Nagle on, a small page waits ~40 ms for a delayed ACK.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        # As uvicorn does: a port left in TIME_WAIT by the last run can be bound again.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            continue
        return sock
    raise OSError(f"no free port in {preferred}-{preferred + MAX_PORT_TRIES - 1} on {host}")


def _start_heavy_work(o, app=None) -> None:
    """Before the first request: start the demo workers (they import every demo, a few
    seconds, in the background), have them draw the cards' figures not yet on disk (once
    per demo version, at low priority), probe how the judge isolates submissions (once),
    and say how it does: a user should know when submissions can read their files."""
    from mlinterview.demos import _worker
    from mlinterview.exercises.judge import isolation
    from mlinterview.web import admission

    workers = _worker.shared(admission.SLOTS)
    workers.start()
    if app is not None:
        shelf = app.state.web.figures
        if shelf.fill_in_background(workers.run):
            o.say(f"Drawing {len(shelf.missing)} card figures in the background (once).",
                  style="dim")
    how = isolation()
    if how.isolated:
        o.say(f"Exercises are judged {how.description}.", style="dim")
    else:
        o.err().print(f"warning: exercises are judged {how.description}.", markup=False)


def run(host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> None:
    """Serve the app until Ctrl-C (or SIGTERM)."""
    import uvicorn

    from mlinterview import render_cache
    from mlinterview.cli import _output as o
    from mlinterview.study.store import data_dir
    from mlinterview.web.app import create_app

    if token is not None and len(token) < 16:
        raise ValueError("--token: use at least 16 characters (or let serve make one)")
    token = token or secrets.token_urlsafe(24)
    allowed = set(LOOPBACK)
    if not _is_loopback(host):
        allowed.add(host.lower())
        o.err().print(f"warning: binding {host}: anyone who can reach it and has the token "
                      "can run code on this machine.", markup=False)
    with bind(host, port) as sock:
        port = sock.getsockname()[1]
        o.say("Preparing the pages (every card is rendered once, now)...", style="dim")
        render_cache.load()  # what the last start rendered: only changed texts render again
        app = create_app(token, allowed_hosts=frozenset(allowed),
                         cookie_name=f"mlinterview_{port}")
        render_cache.save()
        # What is built by now lives as long as the server: move it out of the garbage
        # collector's sight. A full collection walks every tracked object (~160,000 here,
        # 150-200 ms, every thread waiting); frozen, it walks only what requests made.
        gc.collect()
        gc.freeze()
        _start_heavy_work(o, app)
        sock.listen(BACKLOG)
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        if ":" in shown:
            shown = f"[{shown}]"
        url = f"http://{shown}:{port}/?token={token}"
        o.say("mlinterview is running. Open this URL in your browser:", style="bold")
        o.say(f"    {url}", style="cyan")
        o.say(f"Data folder: {data_dir()}   (Ctrl-C stops the server)", style="dim")
        config = uvicorn.Config(app, log_level="warning", access_log=False,
                                timeout_keep_alive=KEEP_ALIVE, backlog=BACKLOG)
        uvicorn.Server(config).run(sockets=[sock])
