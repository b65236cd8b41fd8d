"""atomic_write: a file appears complete or not at all, even when the writer is killed.

The kills are synchronised on the writer's own output (it reports each step and waits),
never on a delay.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from mlinterview.study import atomic
from mlinterview.study.atomic import atomic_write, remove_stale_temps, temp_name

HAS_TMPFILE = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


@pytest.fixture(params=["unnamed", "named"])
def way(request, monkeypatch):
    """Both ways of writing: an O_TMPFILE file (Linux) and a named temporary file."""
    if request.param == "unnamed" and not HAS_TMPFILE:
        pytest.skip("no O_TMPFILE on this system")
    if request.param == "named":
        monkeypatch.setattr(atomic, "_open_unnamed", lambda folder: None)
    return request.param


def test_writes_text_and_bytes(tmp_path, way):
    with atomic_write(tmp_path / "a.txt") as fh:
        fh.write("é\n")
    with atomic_write(tmp_path / "b.bin", "wb") as fh:
        fh.write(b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "é\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_overwrites_in_one_step_and_keeps_the_mode(tmp_path, way):
    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with atomic_write(target) as fh:
        fh.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_new_file_gets_an_ordinary_mode(tmp_path, way):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "new.json") as fh:
            fh.write("{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_an_error_in_the_block_leaves_the_old_file_and_nothing_else(tmp_path, way):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"), atomic_write(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_bad_targets_raise_oserror_and_create_nothing(tmp_path, way):
    with pytest.raises(FileNotFoundError), atomic_write(tmp_path / "missing" / "x.json"):
        pass
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError), atomic_write(tmp_path / "folder"):
        pass
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError), atomic_write(tmp_path / "file" / "x.json"):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_mode_must_be_w_or_wb(tmp_path):
    with pytest.raises(ValueError, match="mode: expected 'w' or 'wb', got 'a'"), \
            atomic_write(tmp_path / "x", "a"):
        pass


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path, way):
    dead = tmp_path / f".out.json.{_dead_pid()}.0badf00d.tmp"
    alive = tmp_path / f".out.json.{os.getppid()}.0badf00d.tmp"  # our parent is alive
    other = tmp_path / f".other.json.{_dead_pid()}.0badf00d.tmp"  # another target's
    for p in (dead, alive, other):
        p.write_text("{}", encoding="utf-8")
    with atomic_write(tmp_path / "out.json") as fh:
        fh.write("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, other.name, "out.json"])
    assert remove_stale_temps(tmp_path, "other.json") == 1


def test_temp_names_name_their_target_and_writer():
    name = temp_name("backup.json")
    assert name.startswith(f".backup.json.{os.getpid()}.") and name.endswith(".tmp")
    assert temp_name("backup.json") != name


# A writer that reports each step on stdout and waits for a line on stdin before going
# on, so that the test can kill it at exactly that step.
WRITER = textwrap.dedent("""
    import os, sys
    from mlinterview.study import atomic

    if sys.argv[2] == "named":
        atomic._open_unnamed = lambda folder: None
    real_replace, real_link = os.replace, os.link

    def step(name):
        print(name, flush=True)
        sys.stdin.readline()

    def replace(*args, **kwargs):
        step("replace")
        real_replace(*args, **kwargs)

    def link(*args, **kwargs):
        step("link")
        real_link(*args, **kwargs)

    os.replace, os.link = replace, link
    with atomic.atomic_write(sys.argv[1]) as fh:
        fh.write("new " * 10000)
        fh.flush()
        step("written")
""")


def _kill_at(target, way: str, at: str, tmp_path) -> None:
    """Run WRITER on ``target`` and SIGKILL it when it reports step ``at``."""
    log = open(tmp_path / "writer.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), way],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                            text=True)
    try:
        for line in proc.stdout:
            if line.strip() == at:
                proc.send_signal(signal.SIGKILL)
                break
            proc.stdin.write("\n")
            proc.stdin.flush()
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, (tmp_path / "writer.log").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdin.close()
        proc.stdout.close()
        log.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("existing", [False, True], ids=["new", "overwrite"])
def test_killed_while_writing_leaves_the_old_file(tmp_path, way, existing):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "backup.json"
    if existing:
        target.write_text("old", encoding="utf-8")
    _kill_at(target, way, "written", tmp_path)
    names = [p.name for p in out.iterdir()]
    if way == "unnamed":
        # The data went to a file without a name: nothing at all is left of it.
        assert names == (["backup.json"] if existing else [])
    else:
        # A named temporary file cannot clean up after SIGKILL; the next write does.
        assert len([n for n in names if n.endswith(".tmp")]) == 1
        with atomic_write(target) as fh:
            fh.write("next")
        assert [p.name for p in out.iterdir()] == ["backup.json"]
    if existing:
        assert target.read_text(encoding="utf-8") in ("old", "next")


@pytest.mark.skipif(not HAS_TMPFILE, reason="no O_TMPFILE on this system")
def test_killed_between_link_and_rename_leaves_a_complete_copy_removed_next_time(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "backup.json"
    target.write_text("old", encoding="utf-8")
    # Overwriting: link to a temporary name (reported as "link"), then "replace".
    _kill_at(target, "unnamed", "replace", tmp_path)
    temps = [p for p in out.iterdir() if p.name != "backup.json"]
    assert len(temps) == 1 and temps[0].read_text(encoding="utf-8") == "new " * 10000
    assert target.read_text(encoding="utf-8") == "old"
    with atomic_write(target) as fh:
        fh.write("next")
    assert [p.name for p in out.iterdir()] == ["backup.json"]


@pytest.mark.skipif(not HAS_TMPFILE, reason="no O_TMPFILE on this system")
@pytest.mark.parametrize("existing", [False, True], ids=["new", "overwrite"])
def test_where_the_unnamed_file_cannot_be_linked_it_is_copied(tmp_path, monkeypatch, existing):
    target = tmp_path / "backup.json"
    if existing:
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)

    def no_link(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    with atomic_write(target) as fh:
        fh.write("x" * 3_000_000)  # more than one chunk of the copy
    assert target.read_text(encoding="utf-8") == "x" * 3_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]
    if existing:
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
