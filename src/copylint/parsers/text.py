"""Plain text: paragraphs are separated by blank lines.

Drafts that keep each paragraph on one line, with no blank lines between them
(what many editors and exports write), are read line by line instead: a run of
lines counts as one paragraph per line when at least half of its text stands on
lines longer than :data:`WRAP_WIDTH` characters, which text hard-wrapped at
72-80 columns does not have; a line that starts with a lowercase letter still
goes on the paragraph before it. Hard-wrapped paragraphs stay one paragraph
each, also with a long URL or one overlong line among them.

Suppression in plain text uses a line comment form: a line whose text ends with
``copylint: ignore RULE[, RULE]`` (optionally after ``#`` or ``//``) suppresses
those rules on that line, and when the marker stands alone on its line, on the
next line. ``copylint: disable RULE`` ... ``copylint: enable RULE`` on lines of
their own suppress a range. The markers themselves are masked.
"""

from __future__ import annotations

from ..document import Block, Directive, Document, url_ranges
from ..regexcache import compile as compile_regex

#: a line longer than this (in characters, without its indentation) is not a hard wrap
WRAP_WIDTH = 100
#: a line break: CRLF, CR or LF (a CR before an LF is never a break of its own)
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_BLANK_SPLIT = compile_regex(rf"{_EOL}[ \t]*{_EOL}(?:[ \t]*{_EOL})*")
_LINE_BREAK = compile_regex(_EOL)
#: (a line starts after CR or LF and ends before either: CRLF and CR-only files too)
_DIRECTIVE = compile_regex(
    r"(?P<lead>(?<![^\r\n])[ \t]*)?(?:#|//|--)?[ \t]*copylint:[ \t]*"
    r"(?P<action>ignore|disable-next-line|disable|enable)\b(?P<rules>[^\r\n]*)(?![^\r\n])"
)

#: the rule names of a directive: separated by spaces or commas
_RULES_SPLIT = compile_regex(r"[\s,]+")


def parse_rules(text: str) -> tuple[str, ...]:
    return tuple(r for r in _RULES_SPLIT.split(text.strip()) if r)


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
    blocks: list[Block] = []
    pos = start
    for m in _BLANK_SPLIT.finditer(source, start, end):
        if m.start() > pos and source[pos : m.start()].strip():
            blocks.extend(paragraphs(source, pos, m.start()))
        pos = m.end()
    if pos < end and source[pos:end].strip():
        e = end
        while e > pos and source[e - 1] in "\r\n":
            e -= 1
        blocks.extend(paragraphs(source, pos, e))
    return blocks


def paragraphs(source: str, start: int, end: int) -> list[Block]:
    """The paragraphs of a run of lines without blank lines: the whole run when it is
    hard-wrapped, one per line when its lines are long (one paragraph per line)."""
    lines: list[tuple[int, int]] = []
    pos = start
    for m in _LINE_BREAK.finditer(source, start, end):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, end))
    if len(lines) > 1:
        sizes = [len(source[s:e].strip()) for s, e in lines]
        long = sum(n for n in sizes if n > WRAP_WIDTH)
        if long and 2 * long >= sum(sizes):
            blocks: list[Block] = []
            for s, e in lines:
                text = source[s:e].strip()
                if blocks and text[:1].islower():  # the sentence goes on: same paragraph
                    blocks[-1] = Block("paragraph", blocks[-1].start, e)
                elif text:
                    blocks.append(Block("paragraph", s, e))
            return blocks
    return [Block("paragraph", start, end)]


def parse_text(source: str, path: str = "<text>") -> Document:
    from ..document import LineIndex

    index = LineIndex(source)
    directives, masks = directives_in(source, index.position)
    masks += url_ranges(source)
    doc = Document(
        path=path,
        source=source,
        format="text",
        mask_ranges=masks,
        blocks=text_blocks(source),
        directives=directives,
    )
    doc.lines = index  # the source's line index, made once
    return doc
