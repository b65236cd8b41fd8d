"""Starting the web app: pick a port, print the URL with its token, run uvicorn."""

from __future__ import annotations

import ipaddress
import secrets
import socket

from mlinterview.web.security import LOOPBACK

MAX_PORT_TRIES = 20


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str, preferred: int) -> int:
    """``preferred`` if it can be bound, else the next free port (or any with 0)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    candidates = [0] if preferred == 0 else range(preferred, preferred + MAX_PORT_TRIES)
    for port in candidates:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise OSError(f"no free port in {preferred}-{preferred + MAX_PORT_TRIES - 1} on {host}")


def run(host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> None:
    """Serve the app until Ctrl-C."""
    import uvicorn

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
    port = free_port(host, port)
    app = create_app(token, allowed_hosts=frozenset(allowed), cookie_name=f"mlinterview_{port}")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    url = f"http://{shown}:{port}/?token={token}"
    o.say("mlinterview is running. Open this URL in your browser:", style="bold")
    o.say(f"    {url}", style="cyan")
    o.say(f"Data folder: {data_dir()}   (Ctrl-C stops the server)", style="dim")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
