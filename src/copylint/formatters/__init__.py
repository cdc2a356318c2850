"""Output formats. ``FORMATTERS`` maps a ``--format`` name to its class."""

from __future__ import annotations

from .base import Formatter, Summary
from .github import GithubFormatter
from .jsonout import JsonFormatter
from .junit import JunitFormatter
from .rdjson import RdjsonFormatter
from .sarif import SarifFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    cls.name: cls
    for cls in (
        TextFormatter,
        JsonFormatter,
        SarifFormatter,
        GithubFormatter,
        RdjsonFormatter,
        JunitFormatter,
    )
}

DEFAULT_FORMAT = "text"


def get_formatter(name: str) -> type[Formatter]:
    """The formatter class called ``name``; ValueError naming the choices otherwise."""
    try:
        return FORMATTERS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(FORMATTERS)
        raise ValueError(f"unknown output format {name!r} (choose from {choices})") from None


__all__ = ["DEFAULT_FORMAT", "FORMATTERS", "Formatter", "Summary", "get_formatter"]
