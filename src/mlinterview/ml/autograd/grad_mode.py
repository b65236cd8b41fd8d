"""Whether operations record the graph: ``no_grad``, ``enable_grad``, ``is_grad_enabled``."""

from __future__ import annotations

import contextlib
import functools
import threading

_state = threading.local()


def is_grad_enabled() -> bool:
    """True when new operations are recorded for backward (the default)."""
    return getattr(_state, "enabled", True)


def set_grad_enabled(mode: bool) -> None:
    """Turn graph recording on or off for this thread."""
    _state.enabled = bool(mode)


class _GradMode(contextlib.ContextDecorator):
    mode = True

    def __enter__(self):
        self._prev = is_grad_enabled()
        set_grad_enabled(self.mode)
        return self

    def __exit__(self, *exc):
        set_grad_enabled(self._prev)
        return False

    def __call__(self, func):
        # A fresh context per call keeps nested/recursive use correct.
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with type(self)():
                return func(*args, **kwargs)

        return wrapper


class no_grad(_GradMode):
    """Context manager / decorator: operations inside are not recorded.

    Use it for evaluation and for optimiser updates, which must not become part of the
    graph they are updating.
    """

    mode = False


class enable_grad(_GradMode):
    """Context manager / decorator: record operations even inside ``no_grad``."""

    mode = True
