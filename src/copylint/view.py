"""A prose view of a document: entities read as their characters, inline tags gone.

``Document.prose`` keeps the source's length, so an entity (``&rsquo;``) cannot
stand for its one character and a tag inside a word (``<b>gover</b>nment``)
splits it. A parser that finds such markup lists *replacements* (a source range
and the text it stands for: the decoded character, or nothing for an inline tag);
:func:`build_view` makes a second Document whose source is the rendered text, with
an :class:`OffsetMap` back to the original. The engine runs every rule on the view
and maps the findings back (:func:`map_findings`), so each rule type sees the same
text and no rule needs a special case. A document without such markup has no view:
plain text and plain Markdown run exactly as before.

A replacement never spans a line end, so the view has the source's lines (line
numbers, directives and per-line filters agree); only columns move.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from .document import Block, Document
from .findings import Edit, Finding
from .regexcache import compile as compile_regex

#: phrasing elements a browser renders with nothing in their place: their tags are
#: left out of the prose view, so ``<b>gover</b>nment`` reads as one word (not ``q``,
#: which shows quotes, nor ``sup``/``sub``/``ins``/``del``, which end a word)
SEAMLESS = frozenset("a abbr b bdi bdo cite dfn em font i mark s small span strong time u".split())


class OffsetMap:
    """View offsets <-> source offsets for a source with ``replacements`` applied."""

    __slots__ = (
        "pieces",
        "text_pieces",
        "vstarts",
        "sstarts",
        "removed",
        "view_len",
        "source_len",
        "source",
    )

    def __init__(self, source: str, replacements: list[tuple[int, int, str]]):
        self.source = source
        source_len = len(source)
        #: (view start, source start, view length, source length, copied as is)
        self.pieces: list[tuple[int, int, int, int, bool]] = []
        #: source ranges that stand for nothing in the view (inline tags)
        self.removed: list[tuple[int, int]] = []
        v = s = 0
        for rs, re_, text in replacements:
            if rs > s:
                self.pieces.append((v, s, rs - s, rs - s, True))
                v += rs - s
            self.pieces.append((v, rs, len(text), re_ - rs, False))
            if not text:
                self.removed.append((rs, re_))
            v += len(text)
            s = re_
        if source_len > s:
            self.pieces.append((v, s, source_len - s, source_len - s, True))
            v += source_len - s
        self.view_len, self.source_len = v, source_len
        self.sstarts = [p[1] for p in self.pieces]
        self.text_pieces = [p for p in self.pieces if p[2]]
        self.vstarts = [p[0] for p in self.text_pieces]

    def _holding(self, v: int) -> tuple[int, int, int, int, bool]:
        """The piece holding view character ``v``."""
        return self.text_pieces[bisect.bisect_right(self.vstarts, v) - 1]

    def source_start(self, v: int) -> int:
        """Where view character ``v`` starts in the source (after any removed tag)."""
        if v >= self.view_len:
            return self.source_len
        vs, ss, _, _, copied = self._holding(v)
        return ss + (v - vs) if copied else ss

    def source_end(self, v: int) -> int:
        """Where view character ``v - 1`` ends in the source (before any removed tag)."""
        if v <= 0:
            return 0
        vs, ss, _, sl, copied = self._holding(v - 1)
        return ss + (v - vs) if copied else ss + sl

    def to_view(self, s: int, end: bool = False) -> int:
        """Source offset ``s`` in the view; inside a replaced range, its view start
        (or its view end when ``end``)."""
        if s >= self.source_len:
            return self.view_len
        vs, ss, vl, _, copied = self.pieces[bisect.bisect_right(self.sstarts, s) - 1]
        if copied:
            return vs + (s - ss)
        return vs + vl if end and s > ss else vs

    def _tags(self, start: int, end: int) -> list[str]:
        """The removed tags inside ``start:end``, as source text."""
        i = bisect.bisect_left(self.removed, (start, start))
        out = []
        while i < len(self.removed) and self.removed[i][1] <= end:
            out.append(self.source[self.removed[i][0] : self.removed[i][1]])
            i += 1
        return out

    def _widened(self, start: int, end: int) -> tuple[int, int]:
        """``start:end`` with the removed tags right before and after it."""
        starts = {s: e for s, e in self.removed}
        ends = {e: s for s, e in self.removed}
        while start in ends:
            start = ends[start]
        while end in starts:
            end = starts[end]
        return start, end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A view span as a source span: a span inside an entity is the whole entity."""
        s = self.source_start(start)
        return (s, s) if end <= start else (s, max(s, self.source_end(end)))

    def edit(self, edit: Edit, html: bool) -> Edit | None:
        """``edit`` in the source, or None when applying it there would cut through
        markup (a tag inside the span, part of an entity's text)."""
        start, end = self.span(edit.start, edit.end)
        if edit.end > edit.start:
            for v in (edit.start, edit.end - 1):
                vs, _, vl, _, copied = self._holding(v)
                if not copied and (edit.start > vs or edit.end < vs + vl):
                    return None  # part of what one entity stands for
            if self._tags(start, end):
                if edit.text:
                    return None  # a tag inside the span would be lost
                start, end = self._widened(start, end)
                if not _balanced(self._tags(start, end)):
                    return None  # removing the span would leave a tag unmatched
        text = edit.text
        if html:
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Edit(start, end, text, safe=edit.safe)


def _balanced(tags: list[str]) -> bool:
    """True if the tags open and close each other in order."""
    stack: list[str] = []
    for tag in tags:
        name = _TAG_NAME.match(tag)
        if name is None:
            return False
        if tag.startswith("</"):
            if not stack or stack.pop() != name.group(1).lower():
                return False
        else:
            stack.append(name.group(1).lower())
    return not stack


_TAG_NAME = compile_regex(r"</?([A-Za-z][^\s/>]*)")


def build_view(doc: Document, replacements: Iterable[tuple[int, int, str]]) -> None:
    """Give ``doc`` a view with ``replacements`` (sorted, disjoint, masked in ``doc``,
    no line end in them) applied; leave it without one when there are none."""
    reps = [r for r in replacements if "\n" not in r[2] and "\r" not in r[2]]
    if not reps:
        return
    src = doc.source
    omap = OffsetMap(src, reps)
    parts: list[str] = []
    pos = 0
    for s, e, text in reps:
        parts.append(src[pos:s])
        parts.append(text)
        pos = e
    parts.append(src[pos:])
    masks: list[tuple[int, int]] = []
    j = 0
    for ms, me in doc.mask_ranges:
        while j < len(reps) and reps[j][1] <= ms:
            j += 1
        pos = ms
        k = j
        while k < len(reps) and reps[k][0] < me:
            if reps[k][0] > pos:
                masks.append((omap.to_view(pos), omap.to_view(reps[k][0])))
            pos = max(pos, reps[k][1])
            k += 1
        if me > pos:
            masks.append((omap.to_view(pos), omap.to_view(me, end=True)))
    tv = omap.to_view
    view = Document(
        path=doc.path,
        source="".join(parts),
        format=doc.format,
        mask_ranges=masks,
        blocks=[
            Block(b.kind, tv(b.start), tv(b.end, end=True), b.level, b.meta) for b in doc.blocks
        ],
        directives=list(doc.directives),
        bom=doc.bom,
        encoding=doc.encoding,
        inline=[(k, tv(s), tv(e, end=True)) for k, s, e in doc.inline],
    )
    doc.view, doc.view_map = view, omap


def map_findings(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Findings made on ``doc.view`` as findings in ``doc``'s source."""
    omap = doc.view_map
    if omap is None:
        return findings
    html = doc.format == "html"
    out = []
    for f in findings:
        start, end = omap.span(f.start, f.end)
        line, col = doc.lines.position(start)
        end_line, end_col = doc.lines.position(end)
        fix = omap.edit(f.fix, html) if f.fix is not None else None
        out.append(
            dataclasses.replace(
                f,
                start=start,
                end=end,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                fix=fix,
            )
        )
    return out
