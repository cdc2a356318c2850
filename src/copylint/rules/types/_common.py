"""Helpers shared by the regex-driven rule types."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from ... import rx
from ...document import Document
from ...findings import Edit
from ...regexcache import compile as compile_regex
from ...regexcache import compile_re
from ..model import Rule
from ..patterns import _REGEX_ONLY, LazyPattern, class_end
from ..scope import reads_source, regions
from ._core import core_of, lead_scan

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex


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
    meta = rule.meta
    scope = meta.scope
    text = doc.source if "raw" in scope or "code" in scope else doc.prose  # reads_source
    if meta.vale:
        yield from _vale_search(rule, doc, pattern, text)
        return
    if not isinstance(pattern, LazyPattern):
        for start, end in regions(doc, scope):
            yield from pattern.finditer(text, start, end)
        return
    plan = pattern.plan
    if plan is not None and plan[0] is not None and plan[0].search(text) is None:
        return  # (the core again: see below)
    spans = regions(doc, scope)
    if plan is None:
        if pattern.anchors is None:
            # no literal tells whether it can match: its core does (``_core.py``)
            core = core_of(pattern)
            if core is not None and core.search(text) is None:
                return
        if not spans:
            return  # (worked out, and the pattern compiled, on a document it may match)
        plan = pattern.plan = _search_plan(pattern)
    find, finditer = plan[1].search, plan[1].finditer
    for start, end in spans:
        # most regions hold no match: a search allocates less than a finditer
        if find(text, start, end) is not None:
            yield from finditer(text, start, end)


def _search_plan(pattern: LazyPattern) -> tuple[Any, Any]:
    """How ``search`` searches ``pattern``, worked out once: the core that a document
    must hold (None: no test), and what the regions are searched with."""
    core = core_of(pattern) if pattern.anchors is None else None
    if pattern.timed:
        return core, pattern  # (its matching runs under the rule's time budget)
    # a pattern that ``re`` reads and that opens on an assertion: by its core
    found = pattern.compiled
    # (one searched in every document: by its core even where regex reads it)
    every = pattern.anchors is None
    return core, lead_scan(found, pattern.source, pattern.flags, every) or found


def _vale_search(rule: Rule, doc: Document, pattern: Any, text: str) -> Iterator[Any]:
    if isinstance(pattern, LazyPattern) and pattern.anchors is None:
        core = core_of(pattern)
        if core is not None and core.search(text) is None:
            return
    # Vale matches each block's text on its own: ^ and $ are the block's edges
    for start, end in regions(doc, rule.meta.scope, False):
        for m in pattern.finditer(text[start:end]):
            hit = _Shifted(m, start)
            rendered = _without_delimiters(doc, text, hit.start(), hit.end())
            if rendered is not None and pattern.fullmatch(rendered) is None:
                continue  # it matched only the blanks left by "**": Vale's text has none
            yield hit


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
    measured no quicker).

    Each pattern is weighed once (a rule holds its keyed pattern as ``pattern``,
    ``trigger`` and ``keyed.pattern``), and not at all when its keyed pattern knows
    already that ``re`` compiles it: the guess reads the whole source, 0.8 ms for
    house.Cliches' 56,000 characters."""
    seen: set[int] = set()
    keyed = getattr(rule, "keyed", None)
    if keyed is not None and getattr(keyed, "_engine", None) == "re":
        seen.add(id(keyed.pattern))
    for value in vars(rule).values():
        for item in value if isinstance(value, list) else (value,):
            # (an Exceptions or a KeyedPattern holds its pattern as ``pattern``)
            pattern = item if isinstance(item, LazyPattern) else getattr(item, "pattern", None)
            if not isinstance(pattern, LazyPattern) or id(pattern) in seen:
                continue
            seen.add(id(pattern))
            if pattern.compiled_yet is None and _regex_reads(pattern):
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
        or bool(pattern.flags & rx.V1)
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


# --------------------------------------------------------------------------- run counts

#: escapes a class of a run pattern may hold: a property, a class shorthand, or an
#: escaped mark (``\\-``); any other (``\\x41``, ``\\N{...}``) is not read here
_CLASS_ESCAPE = compile_re(r"\\[pP]\{[^}]*\}|\\[wWdDsS]|\\[^0-9A-Za-z]")
#: flags under which a class might match more than one character, or reads its
#: text otherwise (full case folding, version 1 sets, verbose)
_OTHER_READING = int(rx.IGNORECASE | rx.FULLCASE | rx.V1 | rx.VERBOSE)


def _class_items(body: str) -> frozenset[str] | None:
    """The items of a character class's body (``\\p{L}``, ``'``, ``a-z``), or None
    when the body is not read here (negated, nested, other escapes)."""
    if not body or body.startswith("^"):
        return None
    items: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "\\":
            m = _CLASS_ESCAPE.match(body, i)
            if m is None:
                return None
            item = m.group()
        elif c == "[":
            return None
        elif c == "-" and 0 < i < n - 1:
            # a range: between two plain characters only
            if not items or len(items[-1]) != 1 or body[i + 1] in "\\[]":
                return None
            items[-1] += body[i : i + 2]
            i += 2
            continue
        else:
            item = c
        items.append(item)
        i += len(item)
    return frozenset(items)


#: the single-byte codec whose letters a RunBound also counts in a span that is not
#: ASCII: Cyrillic's, with the curly apostrophe (in most words' classes) and quotes.
#: Its bytes below 128 are ASCII
_WIDER = "cp1251"


class RunBound:
    """An upper bound, worked out at C speed, on the number of matches of a *run
    pattern* in a span of text, so that a rule that only counts them (a sentence's
    words) need not find them where there cannot be enough.

    A run pattern is ``[A][B]*`` or ``\\b[A][B]*``, every item of the class A one of
    the class B's. Each match takes every character of B after its first (nothing
    follows the repeat to give one back), so the character just after a match, if it
    is inside the span, is not in B, nor in A: the next match starts after it. Two
    matches have at least one character outside B between them, and a span holds at
    most one match more than it has such characters. Counting the span's characters
    outside B is bounded in turn by its length less its ASCII characters in B (every
    other character is counted as outside it), one C call; where that is not enough,
    by its length less its characters in B that ``_WIDER`` encodes (a Cyrillic
    sentence: its letters are in B), one more.
    """

    __slots__ = ("_outside", "_inside", "_wide")

    def __init__(self, outside: bytes, inside: Any = None):
        #: the ASCII characters not in B
        self._outside = outside
        #: B, compiled (to read ``_WIDER``'s characters; None: not read)
        self._inside = inside
        #: the bytes of ``_WIDER`` whose characters are not in B (worked out on first use)
        self._wide: bytes | None = None

    def most(self, text: str, start: int, end: int, enough: float | None = None) -> int:
        """No span ``text[start:end]`` holds more matches than this. With ``enough``,
        the count of ``_WIDER``'s characters is made too where the first bound is
        above ``enough`` and the span is not ASCII."""
        span = text[start:end]
        known = span.encode("ascii", "ignore")
        most = 1 + len(span) - len(known.translate(None, self._outside))
        if enough is None or most <= enough or len(known) == len(span) or self._inside is None:
            return most
        wide = self._wide
        if wide is None:
            wide = self._wide = _outside_in(self._inside, _WIDER)
        return 1 + len(span) - len(span.encode(_WIDER, "ignore").translate(None, wide))


def most_by_length(start: int, end: int) -> int:
    """No span ``[start, end)`` holds more matches of a run pattern than this: each
    match takes a character, and each but the last one more, outside B, after it
    (see ``RunBound``), so 2k - 1 characters hold k matches. Worked out without
    reading the text: most sentences are too short to hold more than
    house.SentenceLength's 35 words (1,951 of the benchmark drafts' 4,166)."""
    return max(0, end - start + 1) // 2


def _outside_in(inside: Any, codec: str) -> bytes:
    """The bytes of a single-byte ``codec`` whose characters ``inside`` does not match."""
    out = bytearray()
    for b in range(256):
        try:
            c = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            c = ""
        if len(c) != 1 or inside.fullmatch(c) is None:
            out.append(b)
    return bytes(out)


def run_bound(source: str, flags: int, engine: Callable[[str], Any]) -> RunBound | None:
    """The :class:`RunBound` of ``source`` (a pattern compiled with ``flags``; its
    class B compiled by ``engine``, which compiles the pattern), or None when it is
    not a run pattern read here. A may be written as a class or as one escape
    (``\\p{L}``)."""
    if flags & _OTHER_READING:
        return None
    i = 2 if source.startswith("\\b") else 0
    if source.startswith("[", i):
        a_end = class_end(source, i, nested=False)
        if not 0 < a_end < len(source):
            return None
        a_items = _class_items(source[i + 1 : a_end])
        b_start = a_end + 1
    else:
        m = _CLASS_ESCAPE.match(source, i)
        if m is None:
            return None
        a_items = frozenset((m.group(),))
        b_start = m.end()
    if not source.startswith("[", b_start):
        return None
    b_end = class_end(source, b_start, nested=False)
    if not 0 < b_end < len(source) or source[b_end + 1 :] != "*":
        return None
    b_body = source[b_start + 1 : b_end]
    b_items = _class_items(b_body)
    if a_items is None or b_items is None or not a_items <= b_items:
        return None
    try:
        inside = engine(f"[{b_body}]")
    except Exception:  # noqa: BLE001 - not read here: no bound
        return None
    return RunBound(bytes(c for c in range(128) if inside.fullmatch(chr(c)) is None), inside)


def pattern_run_bound(pattern: LazyPattern) -> RunBound | None:
    """:func:`run_bound` for a rule's pattern, its class compiled by the engine that
    compiles the pattern (the two then read characters alike)."""
    flags = pattern.flags
    if isinstance(pattern.compiled, re.Pattern):
        from ..patterns import _RE_FLAGS

        return run_bound(pattern.source, flags, lambda s: re.compile(s, flags & _RE_FLAGS))
    return run_bound(pattern.source, flags, lambda s: compile_regex(s, flags))
