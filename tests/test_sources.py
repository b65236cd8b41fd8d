"""sources.py finds a library symbol by reading its source; importing it is the oracle.

The import-based lookup (``_find_by_import``: ``inspect`` on the imported object) is what
the module did before; reading must give the same file, line and text for every symbol a
card names, without importing the library.
"""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
import textwrap

import pytest

from mlinterview import sources
from mlinterview.topics import all_topics

SYMBOLS = sorted({s for t in all_topics().values() for s in t.library})
_CACHES = (sources._module_file, sources._parsed, sources._read, sources._find_by_import,
           sources.module_source)


def test_reading_settles_every_symbol_a_card_names_as_importing_does():
    unsure, differ = [], []
    for symbol in SYMBOLS:
        read = sources._read(symbol)
        if read is sources._UNSURE:
            unsure.append(symbol)
            continue
        imported = sources._find_by_import(symbol)
        if imported is None or read is None:
            if (read is None) != (imported is None):
                differ.append(symbol)
            continue
        if read[0] != imported[0] or sources.symbol_source(symbol) != imported[1]:
            differ.append(symbol)
    assert not unsure, f"only an import can tell: {unsure}"
    assert not differ, f"reading and importing disagree on: {differ}"


def test_a_module_reads_as_inspect_reads_it():
    modules = sorted({sources.locate(s).module for s in SYMBOLS if sources.locate(s)})
    assert len(modules) > 20
    for module in modules:
        assert sources.module_source(module) == inspect.getsource(
            importlib.import_module(module)), module


def test_showing_where_symbols_live_imports_no_library():
    code = ("import json, sys\n"
            "from mlinterview import sources\n"
            f"found = [sources.locate(s) is not None for s in {SYMBOLS[:60]!r}]\n"
            "print(json.dumps([all(found), sorted(m for m in ('numpy', 'scipy', "
            "'mlinterview.ml') if m in sys.modules)]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == [True, []]


@pytest.mark.parametrize("name", [
    "mlinterview.ml.a/../b", "mlinterview.ml..metrics", "mlinterview.ml.metrics/",
    "mlinterview.web.app", "os", "mlinterview.ml.no_such_module", "mlinterview.ml.metrics.",
    "mlinterview.ml." + "a" * 300,
])
def test_only_library_modules_have_a_source(name):
    with pytest.raises(LookupError):
        sources.module_source(name)


# ---------------------------------------------------------------------------------------
# What reading cannot settle is imported (a small library of its own)
# ---------------------------------------------------------------------------------------

LIBRARY = {
    "__init__.py": "",
    "ml/__init__.py": "",
    "ml/pkg/__init__.py": """
        from typing import TYPE_CHECKING

        from ._impl import Thing, helper
        from . import sub
        from .other import *

        if TYPE_CHECKING:
            from ._impl import hidden

        alias = helper

        def twice():
            return 1

        def twice():
            return 2
        """,
    "ml/pkg/_impl.py": """
        import functools


        class Thing:
            def method(self):
                return 1

            @property
            def prop(self):
                return 2


        @functools.cache
        def helper(x):
            return x


        def hidden():
            pass
        """,
    "ml/pkg/sub.py": "def inner():\n    return 0\n",
    "ml/pkg/other.py": "def starred():\n    return 0\n",
}


@pytest.fixture
def library(tmp_path, monkeypatch):
    root = tmp_path / "mlinterview"
    for name, text in LIBRARY.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    monkeypatch.setattr(sources, "PACKAGE_ROOT", root)
    for cache in _CACHES:
        cache.cache_clear()
    yield root
    for cache in _CACHES:
        cache.cache_clear()


def _read(symbol):
    found = sources._read(symbol)
    return found if found in (None, sources._UNSURE) else (found[0].path, found[0].line)


def test_imports_are_followed_to_the_definition(library):
    assert _read("mlinterview.ml.pkg.Thing") == ("mlinterview/ml/pkg/_impl.py", 4)
    assert _read("mlinterview.ml.pkg.Thing.method") == ("mlinterview/ml/pkg/_impl.py", 5)
    # A decorated function starts at its decorator, as inspect.getsourcelines says.
    assert _read("mlinterview.ml.pkg.helper") == ("mlinterview/ml/pkg/_impl.py", 13)
    assert sources.symbol_source("mlinterview.ml.pkg.helper") == (
        "@functools.cache\ndef helper(x):\n    return x\n")
    assert _read("mlinterview.ml.pkg.sub.inner") == ("mlinterview/ml/pkg/sub.py", 1)
    assert _read("mlinterview.ml.pkg") == ("mlinterview/ml/pkg/__init__.py", 1)
    assert sources.module_source("mlinterview.ml.pkg.sub") == LIBRARY["ml/pkg/sub.py"]


@pytest.mark.parametrize("symbol", [
    "mlinterview.ml.pkg.alias",          # an assignment
    "mlinterview.ml.pkg.twice",          # bound twice
    "mlinterview.ml.pkg.starred",        # from a star import
    "mlinterview.ml.pkg.hidden",         # imported only for type checkers
    "mlinterview.ml.pkg.Thing.prop",     # a decorated member: a property here
])
def test_what_reading_cannot_settle_is_left_to_an_import(library, symbol):
    assert sources._read(symbol) is sources._UNSURE


def test_a_name_outside_the_library_is_not_shown(library):
    (library / "ml/pkg/np_user.py").write_text("from numpy import mean\n", encoding="utf-8")
    assert sources._read("mlinterview.ml.pkg.np_user.mean") is None
    assert sources.locate("mlinterview.web.app") is None
