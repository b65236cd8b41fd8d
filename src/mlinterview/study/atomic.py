"""Writing a file so that it appears whole or not at all, even if the process is killed.

The usual recipe is a temporary file in the target's folder, ``fsync``, then
``os.replace`` onto the target: a reader sees the old file or the new one, never half of
one. But a process killed with SIGKILL cannot clean up, so a named temporary file would
be left behind by every kill during the write.

On Linux we therefore write into an *unnamed* file (``O_TMPFILE``): it has no name in the
folder until it is complete, so a kill during the write leaves nothing. When it is done
it is linked in through ``/proc/self/fd``: straight to the target's name if that name is
free (``link`` never overwrites, so it is atomic), else to a temporary name that is at
once renamed onto the target. Only that last step, two system calls, ever has a named
temporary file, and the next write to the same target removes one whose writer is dead.
Elsewhere (macOS, file systems without ``O_TMPFILE``, or no ``/proc`` to link through)
a named temporary file is used, with the same clean-up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_PROC_FD = Path("/proc/self/fd")
# errno values meaning "this kernel or file system has no O_TMPFILE" (EISDIR: a kernel
# older than 3.11 reads the flag as O_DIRECTORY alone).
_NO_TMPFILE = frozenset({errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL})
# errno values of a link through /proc/self/fd that this system does not allow.
_NO_LINK = frozenset({errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EOPNOTSUPP, errno.EINVAL})


def temp_name(target: str) -> str:
    """A fresh name for a temporary file of ``target``: ``.TARGET.PID.RANDOM.tmp``."""
    return f".{target}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _is_stale(name: str, target: str) -> bool:
    """Whether ``name`` is a temporary file of ``target`` left by a process now dead."""
    prefix, suffix = f".{target}.", ".tmp"
    if not (name.startswith(prefix) and name.endswith(suffix)):
        return False
    pid_text = name[len(prefix):-len(suffix)].split(".")[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def remove_stale_temps(folder: Path, target: str) -> int:
    """Delete the temporary files of ``target`` in ``folder`` whose writer is dead (a kill
    between the last two steps of a write); returns how many were removed."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _is_stale(entry.name, target):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _open_unnamed(folder: Path) -> int | None:
    """A descriptor of a new unnamed file in ``folder``, or None where the system cannot
    make one."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _PROC_FD.is_dir():
        return None
    try:
        # Read-write: if it cannot be linked in after all, it is copied from.
        return os.open(folder, flag | os.O_RDWR | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in _NO_TMPFILE:
            return None
        raise


def _open_named(folder: Path, target: str) -> tuple[int, Path]:
    """A descriptor and the path of a new temporary file of ``target`` in ``folder``.
    Mode 0666 less the umask, like any file the user creates (``mkstemp`` would make it
    private, 0600)."""
    while True:
        path = folder / temp_name(target)
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                           0o666), path
        except FileExistsError:
            continue


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *,
                 encoding: str = "utf-8") -> Iterator[IO]:
    """Open ``path`` for writing (``mode`` ``"w"`` or ``"wb"``) so that it appears complete
    or not at all.

    The block writes to the yielded file; when it ends without an exception, the data is
    flushed and fsynced and the file takes ``path``'s name (replacing the old file, whose
    permission bits it keeps). If the block raises, ``path`` is untouched and nothing is
    left behind. Raises ``OSError`` as ``open`` would (missing folder, no permission,
    ``path`` a directory).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as fh:
    ...     _ = fh.write("all or nothing")
    >>> target.read_text()
    'all or nothing'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode: expected 'w' or 'wb', got {mode!r}")
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    named: Path | None = None
    fd = _open_unnamed(folder)
    if fd is None:
        fd, named = _open_named(folder, path.name)
    fh = os.fdopen(fd, mode, **({"encoding": encoding} if mode == "w" else {}))
    done = False
    try:
        yield fh
        fh.flush()
        with contextlib.suppress(FileNotFoundError):
            # Overwriting keeps the old file's permissions (a private backup stays private).
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        os.fsync(fd)
        remove_stale_temps(folder, path.name)
        if named is None:
            try:
                _link_into_place(fd, folder, path.name)
            except OSError as exc:
                if exc.errno not in _NO_LINK:
                    raise
                _copy_into_place(fd, folder, path)  # /proc or linkat not usable here
        else:
            os.replace(named, path)
            named = None
        _fsync_folder(folder)
        done = True
    finally:
        if done:
            fh.close()
        else:
            with contextlib.suppress(OSError):  # the block's own error is the one to see
                fh.close()
        if named is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(named)


def _link_into_place(fd: int, folder: Path, name: str) -> None:
    """Give the unnamed file ``fd`` the name ``name`` in ``folder``, replacing a file."""
    source = f"{_PROC_FD}/{fd}"
    dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            # link never overwrites: when the name is free, the file appears complete in
            # one step and no temporary name ever exists.
            os.link(source, name, dst_dir_fd=dir_fd, follow_symlinks=True)
            return
        except FileExistsError:
            pass
        tmp = temp_name(name)
        os.link(source, tmp, dst_dir_fd=dir_fd, follow_symlinks=True)
        try:
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=dir_fd)
            raise
    finally:
        os.close(dir_fd)


def _copy_into_place(fd: int, folder: Path, path: Path) -> None:
    """The fallback of :func:`_link_into_place`: copy the unnamed file ``fd`` to a named
    temporary file, fsync it and rename it onto ``path``."""
    tmp_fd, tmp = _open_named(folder, path.name)
    try:
        os.fchmod(tmp_fd, stat.S_IMODE(os.fstat(fd).st_mode))
        os.lseek(fd, 0, os.SEEK_SET)
        while chunk := os.read(fd, 1 << 20):
            os.write(tmp_fd, chunk)  # a regular file: a write takes all of it
        os.fsync(tmp_fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        os.close(tmp_fd)


def _fsync_folder(folder: Path) -> None:
    """Make the new name durable: fsync the folder (not possible on every system)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


__all__ = ["atomic_write", "remove_stale_temps", "temp_name"]
