"""Format parsers: each turns source text into a Document with blocks and masks."""

from __future__ import annotations

from pathlib import PurePath

from ..document import Document

FORMATS = ("text", "markdown", "html")

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def format_for(path: str | None, default: str = "text") -> str:
    if not path:
        return default
    return _EXTENSIONS.get(PurePath(path).suffix.lower(), default)


def parse(source: str, path: str = "<text>", fmt: str | None = None) -> Document:
    """Parse ``source`` as ``fmt`` (guessed from ``path`` when None)."""
    fmt = fmt or format_for(path)
    if fmt not in FORMATS:
        from ..errors import InputError

        raise InputError(f"unknown format {fmt!r} (expected text, markdown or html)", path)
    if fmt == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(source, path)
    if fmt == "html":
        from .html import parse_html

        return parse_html(source, path)
    from .text import parse_text

    return parse_text(source, path)
