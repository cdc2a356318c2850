"""Format parsers: each turns source text into a Document with blocks and masks."""

from __future__ import annotations

from pathlib import PurePath

from ..document import Document

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

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
    parser = _PARSERS.get(fmt)
    if parser is None:
        parser = _parser(fmt, path)
    return parser(source, path)


#: the parse function of each format, imported on its first document (an import
#: statement here cost ~2 µs a document)
_PARSERS: dict[str, Callable[[str, str], Document]] = {}


def _parser(fmt: str, path: str) -> Callable[[str, str], Document]:
    if fmt not in FORMATS:
        from ..errors import InputError

        raise InputError(f"unknown format {fmt!r} (expected text, markdown or html)", path)
    parser: Callable[[str, str], Document]
    if fmt == "markdown":
        from .markdown import parse_markdown

        parser = parse_markdown
    elif fmt == "html":
        from .html import parse_html

        parser = parse_html
    else:
        from .text import parse_text

        parser = parse_text
    _PARSERS[fmt] = parser
    return parser
