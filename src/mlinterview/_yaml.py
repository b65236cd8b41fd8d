"""YAML read the safe way, with libyaml's C parser when PyYAML was built with it.

``yaml.safe_load`` parses in pure Python: the 68 cards' front matter and the 203
exercises' ``meta.yaml`` took ~2 s that way, ten times what the C parser needs. Both build
the same plain values (dicts, lists, strings, numbers, booleans, None) through the same
safe constructor; only the parser differs.
"""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """The value of one YAML document ``text``; :class:`YAMLError` if it is not YAML."""
    return yaml.load(text, Loader=_LOADER)
