"""The sandbox's first process: build a private root, then run the judge's runner in it.

Started by :mod:`mlinterview.exercises.judge` as::

    unshare [--user --map-root-user] --mount --net --pid --fork --kill-child \\
        python -I -S _jail.py CONFIG

so it runs as process 1 of new mount, network and PID namespaces (and, when the judge is
not root, of a new user namespace in which it is root). Its steps:

1. Build the new root, a small tmpfs: read-only bind mounts of what the interpreter needs
   (its prefixes, ``/usr``, ``/lib*``, ``/etc/ld.so.cache``), an empty read-only tmpfs
   over every secret path that lies under one of them (the mlinterview package in a
   non-editable install, the study folder), data files the cases name, ``/dev/null``,
   ``/dev/zero``, ``/dev/urandom``, and the work folder (``/work``): a size-capped tmpfs
   holding copies of the runner, the submission and the job (inputs only). No ``/proc``,
   no ``/tmp``, no other host folder.
2. ``pivot_root`` into it and detach the old root, so no path leads back to the host's
   files (a chroot could be escaped by a process with root rights in its namespace).
3. Fork the runner with the resource limits, a lower priority, ``no_new_privs`` and no
   capabilities: as host root it switches to an unused user id (so ``RLIMIT_NPROC``,
   which root is exempt from, counts its processes); in a user namespace it keeps uid 0
   there but loses every capability (``SECBIT_NOROOT``).
4. Wait for the runner, enforcing the wall-clock limit (minus the time the runner alone
   waited for a CPU: a busy machine does not make a verdict), reaping orphans, and report how
   it ended on the status descriptor: ``status N`` (the raw wait status), ``timeout``,
   or ``error MESSAGE`` if the sandbox could not be built. When this process exits the
   kernel kills every process left in the PID namespace, including ones that called
   ``setsid`` or double-forked. If the judge dies, the lifeline pipe reads EOF and this
   process exits too.

Standard library only, and nothing here runs submitted code: the runner is exec'd.
"""

from __future__ import annotations

import ctypes
import marshal
import os
import resource
import select
import signal
import sys
import time

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
# Flags a bind remount must keep: in a user namespace, dropping a flag the original mount
# has (noexec, atime flags) is refused with EPERM. statvfs reports them with MS_ values.
_KEEP = MS_NOSUID | MS_NODEV | MS_NOEXEC | 1024 | 2048 | 4096  # + noatime, nodiratime, relatime
PR_SET_DUMPABLE, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS = 4, 28, 38
# SECBIT_NOROOT and NO_SETUID_FIXUP, each with its lock: uid 0 gets no capabilities on exec.
SECBITS_NO_ROOT = 0b1111
PIVOT_ROOT = {"x86_64": 155, "amd64": 155, "aarch64": 41, "arm64": 41, "riscv64": 41}
DEVICES = ("null", "zero", "urandom", "random")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    enc = lambda s: None if s is None else os.fsencode(s)  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags),
                       enc(data)), f"mount {target}")


def _inside(root: str, path: str) -> str:
    return os.path.join(root, path.lstrip("/"))


def _bind(root: str, path: str, *, device: bool = False) -> None:
    """Bind ``path`` read-only at the same path under ``root`` (a symlink is copied)."""
    target = _inside(root, path)
    if os.path.islink(path):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(os.readlink(path), target)
        return
    if os.path.isdir(path):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "w").close()  # a mount point for a file
    _mount(path, target, None, MS_BIND | MS_REC)
    keep = os.statvfs(target).f_flag & _KEEP
    flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | keep
    _mount(None, target, None, flags if device else flags | MS_NODEV)


def _copy(source: str, target: str) -> None:
    """Copy a file (shutil is not imported: this process starts on every submission)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)


def build_root(cfg: dict) -> int | None:
    """Steps 1 and 2 of the module docstring; afterwards the process is in its folder.
    Returns the private /proc descriptor of :func:`_private_proc`."""
    root = cfg["root"]
    # Mounts made here must not propagate to the host (unshare already does this).
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("jail", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path in cfg["binds"]:
        if os.path.lexists(path):
            _bind(root, path)
    for path in cfg["masks"]:  # only paths that exist under a bind (the judge checks)
        _mount("masked", _inside(root, path), "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY,
               "size=4k,mode=0555")
    os.makedirs(_inside(root, "/dev"))
    for name in DEVICES:
        _bind(root, f"/dev/{name}", device=True)
    work = _inside(root, cfg["work"])
    os.makedirs(work)
    _mount("work", work, "tmpfs", MS_NOSUID | MS_NODEV,
           f"size={cfg['work_mb']}m,nr_inodes=4096,mode=0700")
    for name in os.listdir(cfg["stage"]):
        _copy(os.path.join(cfg["stage"], name), os.path.join(work, name))
    uid = cfg.get("uid")
    if uid is not None:  # the runner's own user owns its folder and nothing else
        for name in (".", *os.listdir(work)):
            os.chown(os.path.join(work, name), uid, uid)
    proc_fd = _private_proc(root)
    _mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)

    # pivot_root(".", "."): the old root ends up stacked under the new one; detaching it
    # leaves the new root alone, with no directory for a put_old to be found in.
    machine = os.uname().machine
    number = PIVOT_ROOT.get(machine.lower())
    if number is None:
        raise OSError(f"pivot_root: unknown system call number on {machine}")
    os.chdir(root)
    _check(_libc.syscall(ctypes.c_long(number), b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir(cfg["work"])
    return proc_fd


def _private_proc(root: str) -> int | None:
    """A descriptor of this PID namespace's /proc, mounted and detached at once: this
    process can read the runner's scheduler statistics through it; the runner, with no
    /proc in its root and no such descriptor, cannot. None where proc cannot be mounted
    (some containers forbid it); the wall limit then counts plain elapsed time."""
    where = _inside(root, "/.proc")
    os.mkdir(where)
    try:
        _mount("proc", where, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except OSError:
        os.rmdir(where)
        return None
    fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY)
    _check(_libc.umount2(os.fsencode(where), MNT_DETACH), "umount private proc")
    os.rmdir(where)
    return fd


def _run_queue_seconds(pid: int, proc_fd: int | None) -> float:
    """Seconds ``pid`` spent runnable but waiting for a CPU (``/proc/PID/schedstat``)."""
    if proc_fd is None:
        return 0.0
    try:
        fd = os.open(f"{pid}/schedstat", os.O_RDONLY, dir_fd=proc_fd)
        try:
            return int(os.read(fd, 200).split()[1]) / 1e9
        finally:
            os.close(fd)
    except (OSError, ValueError, IndexError):
        return 0.0


def _drop_and_exec(cfg: dict) -> None:
    """In the forked child: limits, priority, privileges, then exec the runner."""
    for fd in (cfg["status_fd"], cfg["lifeline_fd"]):
        os.close(fd)
    limits = cfg["limits"]
    cpu = limits["cpu"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    for name, value in (("AS", limits["memory"]), ("FSIZE", limits["fsize"]), ("CORE", 0),
                        ("NPROC", limits["nproc"])):
        what = getattr(resource, f"RLIMIT_{name}")
        resource.setrlimit(what, (value, value))
    os.nice(cfg["nice"])
    uid = cfg.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # from root to another user: every capability is dropped
    else:
        _check(_libc.prctl(PR_SET_SECUREBITS, ctypes.c_ulong(SECBITS_NO_ROOT), 0, 0, 0),
               "securebits")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), 0, 0, 0), "no_new_privs")
    argv = cfg["argv"]
    os.execve(argv[0], argv, cfg["env"])


def _alone(pid: int, proc_fd: int | None) -> bool:
    """Whether the runner is the only process of the jail besides this one."""
    if proc_fd is None:
        return False
    try:
        return {n for n in os.listdir(proc_fd) if n.isdigit()} <= {"1", str(pid)}
    except OSError:
        return False


SAMPLE_SECONDS = 0.25


def _wait(pid: int, cfg: dict, proc_fd: int | None) -> str:
    """Wait for the runner; ``status N`` or ``timeout``. Exits if the judge went away.

    The wall limit is charged with elapsed time, minus the time the runner waited in the
    CPU run queue while it was the jail's only process (sampled every quarter second): a
    submission that sleeps, blocks or keeps processes of its own busy runs out of it; one
    that is only slowed down by a busy machine (or by its low priority) does not. CPU
    time has its own limit (RLIMIT_CPU), and the judge kills a run that takes far longer.
    """
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    lifeline = cfg["lifeline_fd"]
    charged = 0.0
    last, queued = time.monotonic(), _run_queue_seconds(pid, proc_fd)
    while True:
        # Reap every child: the runner, and orphans the submission left to process 1.
        while True:
            try:
                child, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                child = 0
            if child == 0:
                break
            if child == pid:
                return f"status {status}"
        now, now_queued = time.monotonic(), _run_queue_seconds(pid, proc_fd)
        waited = now_queued - queued if _alone(pid, proc_fd) else 0.0
        charged += max(0.0, (now - last) - waited)
        last, queued = now, now_queued
        remaining = cfg["wall_seconds"] - charged
        if remaining <= 0:
            return "timeout"
        timeout = remaining if proc_fd is None else min(remaining, SAMPLE_SECONDS)
        ready, _, _ = select.select([wake_r, lifeline], [], [], timeout)
        if lifeline in ready:  # the judge closed it or died: stop everything
            os._exit(3)
        if wake_r in ready:
            os.read(wake_r, 512)


def main(argv: list[str]) -> int:
    cfg = marshal.loads(bytes.fromhex(argv[1]))  # marshal: built in, nothing to import
    status_fd = cfg["status_fd"]

    def report(text: str) -> None:
        os.write(status_fd, text.encode("utf-8", "replace")[:2000] + b"\n")

    try:
        # Not dumpable: in a user namespace the runner has this process's uid, and must
        # not be able to ptrace it (it keeps capabilities there and the status descriptor).
        _check(_libc.prctl(PR_SET_DUMPABLE, ctypes.c_ulong(0), 0, 0, 0), "dumpable")
        proc_fd = build_root(cfg)
    except BaseException as exc:
        report(f"error {exc}")
        return 1
    pid = os.fork()
    if pid == 0:
        try:
            _drop_and_exec(cfg)
        except BaseException as exc:
            os.write(2, f"sandbox: cannot start the runner: {exc}\n".encode())
        os._exit(126)
    report(_wait(pid, cfg, proc_fd))
    return 0  # leaving process 1 makes the kernel kill whatever is left


if __name__ == "__main__":
    sys.exit(main(sys.argv))
