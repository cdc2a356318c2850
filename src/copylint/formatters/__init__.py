"""Output formats. ``FORMATTERS`` maps a ``--format`` name to its class.

A format's module is imported only when that format is used, so start-up does not
pay for XML or SARIF when the report is plain text.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from .base import Formatter, Summary

_MODULES = {
    "text": ("text", "TextFormatter"),
    "json": ("jsonout", "JsonFormatter"),
    "sarif": ("sarif", "SarifFormatter"),
    "github": ("github", "GithubFormatter"),
    "rdjson": ("rdjson", "RdjsonFormatter"),
    "junit": ("junit", "JunitFormatter"),
    "vale-json": ("valejson", "ValeJsonFormatter"),
}


class _Registry(Mapping[str, type[Formatter]]):
    def __getitem__(self, name: str) -> type[Formatter]:
        module, cls = _MODULES[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, type[Formatter]] = _Registry()

DEFAULT_FORMAT = "text"


def get_formatter(name: str) -> type[Formatter]:
    """The formatter class called ``name``; ValueError naming the choices otherwise."""
    try:
        return FORMATTERS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(FORMATTERS)
        raise ValueError(f"unknown output format {name!r} (choose from {choices})") from None


__all__ = ["DEFAULT_FORMAT", "FORMATTERS", "Formatter", "Summary", "get_formatter"]
