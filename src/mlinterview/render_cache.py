"""The web app's rendered HTML kept on disk, so a second start renders only what changed.

``mlinterview serve`` renders every card, quick check, exercise statement and library
listing before it prints its URL (:mod:`mlinterview.web.catalog`): Markdown, MathML and
Pygments highlighting, about 4 of the 6 seconds of a start. The same text always gives the
same HTML with the same code, so :data:`mlinterview.render.STORE` (every HTML rendered,
keyed by the function and its arguments) is saved after a start and loaded before the
next one; the rendering functions look there first.

The file is ``<cache_dir>/render/<fingerprint>.pickle``. The fingerprint hashes
``render.py`` itself and the versions of the libraries that shape the HTML (markdown-it,
its plugins, latex2mathml, Pygments), so a change to any of them starts a new file and the
old ones are removed. A text that changed is a new key: it is rendered, never served stale.
A damaged or unreadable file is ignored and written again. The cache folder is the user's
own, like Python's bytecode caches: its pickle is trusted as they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from importlib import metadata
from pathlib import Path

from mlinterview import render

#: Changes when the file's layout changes: older files are then ignored.
FORMAT = 1
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "latex2mathml", "Pygments")


def fingerprint() -> str:
    """What the stored HTML depends on besides the text: this layout, ``render.py``'s
    source and the rendering libraries' versions."""
    digest = hashlib.sha256(f"{FORMAT}\0".encode())
    digest.update(Path(render.__file__).read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{name}=-".encode())
    return digest.hexdigest()[:32]


def folder() -> Path:
    from mlinterview.search import cache_dir

    return cache_dir() / "render"


#: The keys of the file this process loaded: saving them again would change nothing.
_on_disk: frozenset = frozenset()


def load() -> int:
    """Put the HTML a previous run saved into :data:`render.STORE`; how many entries (0 if
    there is no file for this fingerprint or it cannot be read)."""
    global _on_disk
    try:
        with open(folder() / f"{fingerprint()}.pickle", "rb") as fh:
            stored = pickle.load(fh)
    except Exception:  # missing, truncated or foreign, as the case cache treats its files
        return 0
    if not (isinstance(stored, dict) and all(
            isinstance(k, tuple) and isinstance(v, str) for k, v in stored.items())):
        return 0
    for key, value in stored.items():
        render.STORE.setdefault(key, value)
    _on_disk = frozenset(stored)
    return len(stored)


def save() -> bool:
    """Write the HTML this process asked for (:data:`render.USED`) for the next run,
    atomically, unless the file already holds exactly that; what is no longer asked for (a
    card's old text) is dropped, and so are the files of other fingerprints. Whether it
    wrote (not when the folder cannot be written: the cache is only a speed-up)."""
    from mlinterview.study.atomic import atomic_write

    global _on_disk
    here = folder()
    path = here / f"{fingerprint()}.pickle"
    keys = frozenset(render.USED)
    if keys == _on_disk and path.exists():
        return False
    try:
        here.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, "wb") as fh:
            pickle.dump({k: render.STORE[k] for k in keys}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a full disk or a read-only cache folder: the next start renders again
        return False
    _on_disk = keys
    for other in here.glob("*.pickle"):
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()
    return True
