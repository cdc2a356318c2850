"""Helpers shared by the regex-driven rule types."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

import regex

from ...document import Document
from ...findings import Edit
from ...regexcache import compile as compile_regex
from ..model import Rule
from ..patterns import _REGEX_ONLY, LazyPattern
from ..scope import reads_source, regions
from ._core import core_of


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def word_pattern(tokens: list[str], nonword: bool, vale: bool = False) -> str:
    """Tokens as one pattern matching whole words (unless ``nonword``). A rule of a
    Vale style (``vale``) uses Vale's word template, ``\\b(?:...)\\b``: a hyphen is a
    word boundary there."""
    body = "|".join(f"(?:{t})" for t in tokens)
    if nonword:
        return body
    return rf"\b(?:{body})\b" if vale else rf"(?<![\w-])(?:{body})(?![\w-])"


def search(rule: Rule, doc: Document, pattern: regex.Pattern) -> Iterator[Any]:
    """Matches of ``pattern`` in every region of the rule's scope."""
    text = doc.source if reads_source(rule.meta.scope) else doc.prose
    if isinstance(pattern, LazyPattern) and pattern.anchors is None:
        # no literal tells whether it can match: its core does (``_core.py``)
        core = core_of(pattern)
        if core is not None and core.search(text) is None:
            return
    if rule.meta.vale:
        # Vale matches each block's text on its own: ^ and $ are the block's edges
        for start, end in regions(doc, rule.meta.scope, not rule.meta.vale):
            for m in pattern.finditer(text[start:end]):
                hit = _Shifted(m, start)
                rendered = _without_delimiters(doc, text, hit.start(), hit.end())
                if rendered is not None and pattern.fullmatch(rendered) is None:
                    continue  # it matched only the blanks left by "**": Vale's text has none
                yield hit
        return
    for start, end in regions(doc, rule.meta.scope, not rule.meta.vale):
        yield from pattern.finditer(text, start, end)


#: emphasis delimiters: a rendered page shows nothing in their place (nor in place of
#: a link's brackets and destination)
_DELIMITERS = frozenset("*_~")


def _without_delimiters(doc: Document, text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` as Vale reads it, without the emphasis delimiters and link
    syntax masked inside it (copylint's prose has blanks there); None when there are
    none."""
    ranges = doc.mask_ranges
    i = max(0, bisect.bisect_right(doc._mask_starts, start) - 1)
    cut: list[tuple[int, int]] = []
    while i < len(ranges) and ranges[i][0] < end:
        s, e = max(ranges[i][0], start), min(ranges[i][1], end)
        run = doc.source[s:e]
        if e > s and (all(c in _DELIMITERS for c in run) or run in ("[", "![") or run[0] == "]"):
            cut.append((s, e))
        i += 1
    if not cut:
        return None
    out, pos = [], start
    for s, e in cut:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:end])
    return "".join(out)


class _Shifted:
    """A match in a slice, answering with offsets into the whole text."""

    __slots__ = ("m", "shift")

    def __init__(self, m: regex.Match, shift: int):
        self.m, self.shift = m, shift

    def group(self, *args):
        return self.m.group(*args)

    def groups(self, *args):
        return self.m.groups(*args)

    def groupdict(self, *args):
        return self.m.groupdict(*args)

    def start(self, group=0) -> int:
        s = self.m.start(group)
        return s if s < 0 else s + self.shift

    def end(self, group=0) -> int:
        e = self.m.end(group)
        return e if e < 0 else e + self.shift

    def span(self, group=0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    @property
    def lastgroup(self):
        return self.m.lastgroup


def warm(rule: Rule) -> None:
    """Compile now the rule's patterns that ``regex`` compiles (``Rule.prepare``: before
    worker processes are forked, so that they share them). ``regex`` parses a pattern
    in Python, and its program is kept in the pattern cache only by a process that
    exits normally: a worker compiled them afresh on every run. Patterns that ``re``
    reads are left to first use: they cost a tenth as much to compile, and a rule
    whose anchors a document lacks never needs its pattern (compiling them all here
    measured no quicker)."""
    for value in vars(rule).values():
        for item in value if isinstance(value, list) else (value,):
            # (an Exceptions or a KeyedPattern holds its pattern as ``pattern``)
            pattern = item if isinstance(item, LazyPattern) else getattr(item, "pattern", None)
            if (
                isinstance(pattern, LazyPattern)
                and pattern.compiled_yet is None
                and _regex_reads(pattern)
            ):
                try:
                    pattern.compiled  # noqa: B018 - compiles it
                except Exception:  # noqa: BLE001 - first use reports it, naming the rule
                    return


def _regex_reads(pattern: LazyPattern) -> bool:
    """Whether ``patterns.compile_pattern`` hands ``pattern`` to ``regex`` (a guess that
    errs both ways: a wrong one only moves a compile from a worker to the parent, or
    leaves it there)."""
    source = pattern.source
    return (
        pattern.timed
        or bool(pattern.flags & regex.V1)
        or "\\p{" in source
        or "\\P{" in source
        or _REGEX_ONLY.search(source) is not None
    )


def region_texts(rule: Rule, doc: Document) -> Iterator[tuple[int, int, str]]:
    text = doc.source if reads_source(rule.meta.scope) else doc.prose
    for start, end in regions(doc, rule.meta.scope, not rule.meta.vale):
        yield start, end, text


class Exceptions:
    """A list of exception strings or patterns; a match that equals or fully matches one is skipped."""

    def __init__(self, rule: Rule, values: Any, key: str = "exceptions"):
        items = as_list(values)
        self.items = tuple(items)
        self.exact = {i.lower() if rule.meta.ignorecase else i for i in items}
        self.ignorecase = rule.meta.ignorecase
        self.pattern = rule.compile("|".join(f"(?:{i})" for i in items), key) if items else None

    def __contains__(self, text: str) -> bool:
        if not self.pattern:
            return False
        if (text.lower() if self.ignorecase else text) in self.exact:
            return True
        return self.pattern.fullmatch(text) is not None


def fix_mode(rule: Rule, spec: dict[str, Any]) -> str:
    mode = str(spec.get("fix", "safe")).lower()
    if mode not in ("safe", "unsafe", "none"):
        rule.error("'fix' must be safe, unsafe or none", "fix")
    return mode


def removal(doc: Document, start: int, end: int, safe: bool) -> Edit:
    """An edit removing ``start:end`` and one adjoining space so no double space is left."""
    src = doc.source
    if end < len(src) and src[end] == " " and (start == 0 or src[start - 1] in " \n"):
        end += 1
    elif start > 0 and src[start - 1] == " " and (end == len(src) or src[end] in " .,;:!?\r\n"):
        start -= 1
    return Edit(start, end, "", safe=safe)


#: a line break with the blanks around it, inside a match of a soft pattern
_BREAK = compile_regex(r"[ \t]*\r?\n[ \t]*")


def one_line(text: str) -> str:
    """A match of a soft pattern (``patterns.soften``) with each line break in it,
    and the blanks around it, read as one space: "uphill\n  battle" is "uphill battle"
    in messages, exceptions and replacements."""
    return _BREAK.sub(" ", text) if "\n" in text else text


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``template``."""
    if template.isupper() and len(template) > 1 and not replacement.isupper():
        return replacement.upper()
    if template[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
