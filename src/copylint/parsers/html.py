"""HTML with the standard library's ``html.parser``.

Only text content is prose; everything else is masked: tags with their attributes,
comments, doctype and processing instructions, entity and character references,
and the whole content of ``script``, ``style``, ``code``, ``pre``, ``kbd``,
``samp``, ``textarea``, ``svg``, ``math``, ``template`` and ``noscript``.

Blocks: ``p`` (paragraph), ``h1``-``h6`` (heading, level), ``li`` (list, level =
list depth), ``blockquote`` (text inside, also in a ``p`` inside it), ``td``/``th``
(table, meta "td"/"th"), ``title`` (heading level 1, meta "title"), ``pre``/``code``
blocks (code), and loose text directly in ``div``, ``article``, ``section``,
``body`` and the like (paragraph). Text inside a block is only prose in the
innermost block that holds it; inline elements (``a``, ``em``...) do not split
blocks. Implied end tags of ``p``, ``li``, ``td``/``th`` are handled.

Positions: ``HTMLParser.getpos()`` counts lines by ``\\n`` only, so its (line, col)
is turned into an offset with a ``\\n``-only line table; every data chunk is checked
against the source before it is used.

Inline elements: the text of ``a``, ``strong``/``b``, ``em``/``i`` and ``code``/``tt``
is kept as ``Document.inline`` (Vale's ``link``, ``strong``, ``emphasis``, ``code``
scopes).

Directives: the same comments as in Markdown
(``<!-- copylint-disable-next-line RULE -->`` etc.).
"""

from __future__ import annotations

import html
import html.parser
from html.entities import html5 as html5_entities
from html.parser import HTMLParser

from ..document import Block, Directive, Document, LineIndex, url_ranges
from ..regexcache import compile as compile_regex
from ..view import SEAMLESS, build_view
from .markdown import find_directives

MASKED = frozenset("script style code pre kbd samp var textarea svg math template noscript".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HEADINGS = {f"h{i}": i for i in range(1, 7)}
BLOCKS = frozenset(("p", "li", "blockquote", "td", "th", "title", *HEADINGS))
# elements whose start closes an open <p>
CLOSES_P = frozenset(
    """address article aside blockquote details div dl fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul""".split()
)
CONTAINERS = frozenset(
    """html body div article section main header footer aside nav figure figcaption
    details summary form fieldset address dd dt dl center""".split()
)
LISTS = frozenset(("ul", "ol", "menu"))
STRUCTURE = BLOCKS | CONTAINERS | LISTS | {"table", "tr", "thead", "tbody", "tfoot", "hr"}
INLINE_MASKED = frozenset(("code", "kbd", "samp", "var"))
#: inline elements whose text Vale's inline scopes name (``Document.inline``)
INLINE_KINDS = {
    "a": "link",
    "strong": "strong",
    "b": "strong",
    "em": "emphasis",
    "i": "emphasis",
    "code": "code",
    "tt": "code",
}
#: a start tag runs at most this far before it is ended at its next ">" unread:
#: html.parser scans every "<" to the end of a tag that never closes, so text such
#: as "<x <x <x ..." took time quadratic in its length
MAX_TAG = 4096
#: html.parser's own "where does this start tag end" pattern (None if renamed)
_TAG_END = getattr(html.parser, "locatestarttagend_tolerant", None)

_NEWLINE = compile_regex(r"\n")


class _Parser(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.nl = [0] + [m.end() for m in _NEWLINE.finditer(source)]
        self.index = LineIndex(source)
        self.stack: list[str] = []
        self.masked_depth = 0
        self.prose: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.open: list[tuple[int, int]] = []  # data ranges of the current block
        self.code_start = -1
        #: open inline elements (tag, kind, where their text starts); closed ones
        self.inline_open: list[tuple[str, str, int]] = []
        self.inline: list[tuple[str, int, int]] = []
        #: (start, end, text) of entities and seamless tags in prose (see view.py)
        self.replacements: list[tuple[int, int, str]] = []

    def parse_marked_section(self, i, report=1):
        # Python < 3.13 raises AssertionError on "<![word"; treat it as a bogus comment
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i + 3)
            return -1 if j < 0 else j + 1

    def check_for_whole_start_tag(self, i):
        rawdata = self.rawdata
        if _TAG_END is not None and len(rawdata) - i > MAX_TAG:
            m = _TAG_END.match(rawdata, i, i + MAX_TAG)
            if m is not None and m.end() == i + MAX_TAG:
                k = rawdata.find(">", i + MAX_TAG)
                return -1 if k < 0 else k + 1
        return super().check_for_whole_start_tag(i)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    # -- structure -----------------------------------------------------------
    def _close_block(self) -> None:
        """Emit the block for the data collected since the last block boundary."""
        ranges = [r for r in self.open if self.src[r[0] : r[1]].strip()]
        self.open = []
        if not ranges:
            return
        kind, level, meta = self._kind()
        s, e = ranges[0][0], ranges[-1][1]
        while s < e and self.src[s].isspace():
            s += 1
        while e > s and self.src[e - 1].isspace():
            e -= 1
        self.blocks.append(Block(kind, s, e, level, meta))

    def _kind(self) -> tuple[str, int, str]:
        stack = self.stack
        if "blockquote" in stack:
            return "blockquote", 0, ""
        for tag in reversed(stack):
            if tag in HEADINGS:
                return "heading", HEADINGS[tag], ""
            if tag == "title":
                return "heading", 1, "title"
            if tag in ("td", "th"):
                return "table", 0, tag
            if tag == "li":
                return "list", sum(1 for t in stack if t in LISTS) or 1, ""
        return "paragraph", 0, ""

    def _pop_to(self, tag: str) -> None:
        """Close ``tag`` and every element opened inside it (implied end tags)."""
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack[-1]
            if not self.masked_depth and top in STRUCTURE:
                self._close_block()
            self.stack.pop()
            if top in MASKED:
                self.masked_depth -= 1
                if self.masked_depth == 0 and self.code_start >= 0:
                    self._code_end()
            if top == tag:
                break

    def _code_end(self) -> None:
        end = self._pos()
        if end > self.code_start:
            self.blocks.append(Block("code", self.code_start, end))
        self.code_start = -1

    def handle_starttag(self, tag, attrs):
        kind = INLINE_KINDS.get(tag)
        if kind:
            text = self.get_starttag_text() or ""
            self.inline_open.append((tag, kind, self._pos() + len(text)))
        if tag in SEAMLESS and not self.masked_depth:
            self._seamless(self.get_starttag_text() or "")
        self._start(tag, void=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, void=True)

    def _start(self, tag: str, void: bool) -> None:
        if self.masked_depth:
            if not void:
                self.stack.append(tag)
                if tag in MASKED:
                    self.masked_depth += 1
            return
        if tag in STRUCTURE or (tag in MASKED and tag not in INLINE_MASKED):
            self._close_block()
        elif tag == "br" and (not self.stack or self.stack[-1] in CONTAINERS):
            self._close_block()  # <br> splits loose text, not a paragraph
        if tag in CLOSES_P and "p" in self.stack:
            self._pop_to("p")
        if tag == "li" and self.stack:
            for t in reversed(self.stack):
                if t in LISTS:
                    break
                if t == "li":
                    self._pop_to("li")
                    break
        if tag in ("td", "th", "tr"):
            for t in reversed(self.stack):
                if t in ("table", "tr") and tag != "tr":
                    break
                if t in ("td", "th"):
                    self._pop_to(t)
                    break
        if void:
            return
        self.stack.append(tag)
        if tag in MASKED:
            self.masked_depth += 1
            if tag in ("pre", "code") and self.masked_depth == 1 and not self._inline_code():
                self.code_start = self._pos()

    def _inline_code(self) -> bool:
        # <code> inside a paragraph-like block is inline code, not a code block
        return self.stack[-1] == "code" and any(t in BLOCKS for t in self.stack[:-1])

    def _seamless(self, text: str) -> None:
        s = self._pos()
        if text and "\n" not in text and "\r" not in text and self.src.startswith(text, s):
            self.replacements.append((s, s + len(text), ""))

    def handle_entityref(self, name):
        self._reference(1 + len(name), named=True)

    def handle_charref(self, name):
        self._reference(2 + len(name), named=False)

    def _reference(self, length: int, named: bool) -> None:
        """An entity or character reference in prose stands for its character(s)."""
        if self.masked_depth:
            return
        s = self._pos()
        e = s + length
        if self.src.startswith(";", e):
            e += 1
        ref = self.src[s:e]
        if named and ref[1:] not in html5_entities:
            return  # not a name HTML knows ("&copyright;" is not "&copy" + "right;")
        text = html.unescape(ref)
        if not ref.startswith("&") or text == ref or not text:
            return
        self.replacements.append((s, e, text))
        if not text.isspace():
            self.open.append((s, e))

    def handle_endtag(self, tag):
        if tag in SEAMLESS and not self.masked_depth:
            s = self._pos()
            close = self.src.find(">", s)
            if close > 0:
                self._seamless(self.src[s : close + 1])
        if tag in INLINE_KINDS:
            for i in range(len(self.inline_open) - 1, -1, -1):
                if self.inline_open[i][0] == tag:
                    _, kind, start = self.inline_open.pop(i)
                    end = self._pos()
                    if end > start:
                        self.inline.append((kind, start, end))
                    break
        if tag not in self.stack:
            return
        self._pop_to(tag)

    def handle_data(self, data):
        if self.masked_depth or not data:
            return
        s = self._pos()
        e = s + len(data)
        if self.src[s:e] != data:
            return
        self.prose.append((s, e))
        self.open.append((s, e))

    def handle_comment(self, data):
        s = self._pos()
        e = s + len(data) + 7
        self.directives.extend(find_directives(self.src, s, min(e, len(self.src)), self.index))

    def finish(self, tail: int) -> None:
        """End the parse; ``src[tail:]`` (after the last ">", fed to no parser) is
        text of the blocks still open, as html.parser itself would read it."""
        self.close()
        if tail < len(self.src) and not self.masked_depth:
            self.prose.append((tail, len(self.src)))
            self.open.append((tail, len(self.src)))
        self._close_block()
        if self.code_start >= 0:
            end = len(self.src)
            self.blocks.append(Block("code", self.code_start, end))


def parse_html(source: str, path: str = "<html>") -> Document:
    p = _Parser(source)
    # No tag ends after the last ">": html.parser would read that tail as text, but
    # only after scanning from each of its "<" to the end. It is text here at once.
    cut = source.rfind(">") + 1
    if "<" not in source[cut:]:
        cut = len(source)
    try:
        p.feed(source[:cut])
        p.finish(cut)
    except (AssertionError, ValueError, IndexError):
        # html.parser gave up on malformed markup: keep what was read, mask the rest
        p._close_block()
    masks = []
    pos = 0
    for s, e in sorted(p.prose):
        if s > pos:
            masks.append((pos, s))
        masks.extend(url_ranges(source, s, e))
        pos = max(pos, e)
    if pos < len(source):
        masks.append((pos, len(source)))
    doc = Document(
        path=path,
        source=source,
        format="html",
        mask_ranges=masks,
        blocks=sorted(p.blocks, key=lambda b: (b.start, b.end)),
        directives=sorted(p.directives, key=lambda d: d.line),
        inline=sorted(p.inline, key=lambda x: (x[1], x[2])),
    )
    doc.lines = p.index  # the source's line index, made once
    build_view(doc, _disjoint(p.replacements))
    return doc


def _disjoint(reps: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for r in sorted(reps):
        if not out or r[0] >= out[-1][1]:
            out.append(r)
    return out
