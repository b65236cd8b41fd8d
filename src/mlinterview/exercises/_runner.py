"""The child side of the judge: run a submission's function on every case.

Started by :mod:`mlinterview.exercises.sandbox` as ``python -I _runner.py WORKDIR FD`` in
a scrubbed environment with resource limits (inside the sandbox, ``WORKDIR`` is ``/work``
and this file is a copy there). It reads ``WORKDIR/job.pickle`` (written by the judge: the
function name and the case inputs, never the expected answers), executes
``WORKDIR/solution.py``, calls the function once per case and appends one JSON line per
case to the inherited file descriptor ``FD`` (without ``FD``: ``WORKDIR/results.jsonl``).
The results file itself lies outside the submission's folder.

Results travel as JSON, never pickle: the judge decodes them without running any code
the submission could have placed in them. The encoding keeps what a comparison needs:
numbers (NaN and infinity included), strings, booleans, None, lists, tuples, dicts and
NumPy arrays and scalars.

This file imports only the standard library at module level (NumPy when the job needs
it), so the judge can import it cheaply for :func:`encode`.
"""

from __future__ import annotations

import errno
import math
import sys
import time
import traceback

MAX_DEPTH = 50


class UnsupportedValue(TypeError):
    """A returned object that the judge cannot compare (a function, a custom class...)."""


def _float(x: float) -> object:
    if math.isfinite(x):
        return x
    return {"$float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def encode(value: object, depth: int = 0) -> object:
    """A JSON-ready form of ``value``; raise :class:`UnsupportedValue` for other types."""
    if depth > MAX_DEPTH:
        raise UnsupportedValue("nested more than 50 levels deep")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, list):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            if value.dtype.kind not in "biufU":
                raise UnsupportedValue(f"a NumPy array of dtype {value.dtype}")
            flat = value.ravel().tolist()
            # NaN and infinities are tagged; long doubles come out of tolist() unconverted.
            if value.dtype.kind == "f" and (value.dtype.itemsize > 8
                                            or not np.isfinite(value).all()):
                flat = [_float(float(v)) for v in flat]
            return {"$array": {"dtype": value.dtype.str, "shape": list(value.shape),
                               "data": flat}}
        if isinstance(value, np.generic):
            if value.dtype.kind not in "biufU":
                raise UnsupportedValue(f"a NumPy scalar of dtype {value.dtype}")
            item = value.item()
            return {"$scalar": {"dtype": value.dtype.str,
                                "value": _float(item) if isinstance(item, float) else item}}
    raise UnsupportedValue(f"an object of type {type(value).__name__}")


def _user_traceback(exc: BaseException, filename: str) -> str:
    """The traceback lines that point into the submission, then the error line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    lines = traceback.format_list(frames[-5:])
    lines += traceback.format_exception_only(type(exc), exc)
    # Show "solution.py", not the judge's temporary folder.
    text = "".join(lines).replace(filename, "solution.py")
    return text[-2000:]


def main(workdir: str, results_fd: int | None = None) -> int:
    import json
    import os
    import pickle

    with open(os.path.join(workdir, "job.pickle"), "rb") as fh:
        job = pickle.load(fh)
    if results_fd is None:
        out = open(os.path.join(workdir, "results.jsonl"), "w", encoding="utf-8")  # noqa: SIM115
    else:
        out = os.fdopen(results_fd, "w", encoding="utf-8")

    def emit(record: dict) -> None:
        out.write(json.dumps(record, allow_nan=False) + "\n")
        out.flush()

    if job.get("needs_numpy"):
        import numpy  # noqa: F401  (imported before the submission so encode() sees it)

    filename = os.path.join(workdir, "solution.py")
    with open(filename, encoding="utf-8") as fh:
        source = fh.read()
    namespace = {"__name__": "solution", "__file__": filename}
    try:
        exec(compile(source, filename, "exec"), namespace)
    except MemoryError:
        emit({"event": "load", "status": "memory"})
        return 0
    except OSError as exc:
        status = "output" if exc.errno == errno.EFBIG else "error"
        emit({"event": "load", "status": status, "error": type(exc).__name__,
              "message": _user_traceback(exc, filename)})
        return 0
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too: report, not die
        emit({"event": "load", "status": "error", "error": type(exc).__name__,
              "message": _user_traceback(exc, filename)})
        return 0
    func = namespace.get(job["function"])
    if not callable(func):
        defined = sorted(k for k, v in namespace.items()
                         if callable(v) and not k.startswith("_")
                         and getattr(v, "__module__", None) == "solution")
        emit({"event": "load", "status": "missing", "defined": defined})
        return 0
    emit({"event": "load", "status": "ok"})

    for index, (args, kwargs) in enumerate(job["cases"]):
        emit({"event": "start", "case": index})
        start = time.perf_counter()
        try:
            value = func(*args, **kwargs)
        except MemoryError:
            emit({"event": "case", "case": index, "status": "memory"})
            return 0
        except OSError as exc:
            # Python ignores SIGXFSZ, so the output cap shows up as EFBIG on a write.
            if exc.errno == errno.EFBIG:
                emit({"event": "case", "case": index, "status": "output"})
                return 0
            emit({"event": "case", "case": index, "status": "raised",
                  "error": type(exc).__name__, "message": _user_traceback(exc, filename),
                  "seconds": time.perf_counter() - start})
            continue
        except BaseException as exc:
            emit({"event": "case", "case": index, "status": "raised",
                  "error": type(exc).__name__, "message": _user_traceback(exc, filename),
                  "seconds": time.perf_counter() - start})
            continue
        seconds = time.perf_counter() - start
        try:
            encoded = encode(value)
        except UnsupportedValue as exc:
            emit({"event": "case", "case": index, "status": "unsupported",
                  "message": str(exc), "seconds": seconds})
            continue
        emit({"event": "case", "case": index, "status": "returned", "value": encoded,
              "seconds": seconds})
    emit({"event": "done"})
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
