"""Plain text: paragraphs are separated by blank lines.

Suppression in plain text uses a line comment form: a line whose text ends with
``copylint: ignore RULE[, RULE]`` (optionally after ``#`` or ``//``) suppresses
those rules on that line, and when the marker stands alone on its line, on the
next line. ``copylint: disable RULE`` ... ``copylint: enable RULE`` on lines of
their own suppress a range. The markers themselves are masked.
"""

from __future__ import annotations

import regex

from ..document import Block, Directive, Document, url_ranges

_BLANK_SPLIT = regex.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*")
_DIRECTIVE = regex.compile(
    r"(?P<lead>^[ \t]*)?(?:#|//|--)?[ \t]*copylint:[ \t]*"
    r"(?P<action>ignore|disable-next-line|disable|enable)\b(?P<rules>[^\r\n]*)$",
    regex.M,
)


def parse_rules(text: str) -> tuple[str, ...]:
    return tuple(r for r in regex.split(r"[\s,]+", text.strip()) if r)


def directives_in(source: str, starts_line) -> tuple[list[Directive], list[tuple[int, int]]]:
    """Find plain-text directives; return them and the spans to mask."""
    out: list[Directive] = []
    masks: list[tuple[int, int]] = []
    for m in _DIRECTIVE.finditer(source):
        line, _ = starts_line(m.start())
        action = m.group("action")
        rules = parse_rules(m.group("rules"))
        alone = m.group("lead") is not None
        if action == "ignore":
            action = "disable-next-line" if alone else "disable-line"
        out.append(Directive(action, rules, line))
        masks.append((m.start(), m.end()))
    return out, masks


def text_blocks(source: str, start: int = 0, end: int | None = None) -> list[Block]:
    end = len(source) if end is None else end
    blocks = []
    pos = start
    for m in _BLANK_SPLIT.finditer(source, start, end):
        if m.start() > pos and source[pos : m.start()].strip():
            blocks.append(Block("paragraph", pos, m.start()))
        pos = m.end()
    if pos < end and source[pos:end].strip():
        e = end
        while e > pos and source[e - 1] in "\r\n":
            e -= 1
        blocks.append(Block("paragraph", pos, e))
    return blocks


def parse_text(source: str, path: str = "<text>") -> Document:
    from ..document import LineIndex

    index = LineIndex(source)
    directives, masks = directives_in(source, index.position)
    masks += url_ranges(source)
    return Document(
        path=path,
        source=source,
        format="text",
        mask_ranges=masks,
        blocks=text_blocks(source),
        directives=directives,
    )
