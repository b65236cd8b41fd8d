"""SIGKILL a CLI session while it waits at the ticks prompt, synchronised on its output."""

from __future__ import annotations

import signal
import subprocess
import threading


def kill_at_ticks_prompt(command: list[str], answer: str, env: dict[str, str]) -> tuple[bool, int]:
    """Run ``command``, type ``answer`` (ended by two empty lines), wait until it asks for the
    ticks (the answer is stored before that prompt), then SIGKILL it.

    Returns (whether the prompt came, the return code). Stdin stays open, so the child waits
    at the prompt until it is killed; the guard only ends a hung child (then the caller's
    assertion fails), it bounds nothing that passes."""
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        guard = threading.Timer(120, proc.kill)
        guard.start()
        try:
            proc.stdin.write(answer + "\n\n\n")
            proc.stdin.flush()
            asked = any(line.startswith("Points you covered") for line in proc.stdout)
            proc.send_signal(signal.SIGKILL)
        finally:
            guard.cancel()
            proc.kill()  # a no-op once it is dead; never leave one behind on a failure
    return asked, proc.returncode
