"""The Document: source text, line index, blocks, sentences, tokens and masks.

Every span is a pair of offsets into ``source`` (the decoded file, BOM removed,
line endings kept as they are). ``prose`` has the same length as ``source``;
characters that are not prose (markup, code, URLs, front matter keys) are
replaced by spaces there, newlines kept, so a regex over ``prose`` yields
offsets that are valid in ``source`` without any searching afterwards.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from . import rx
from .regexcache import compile as compile_regex

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable
    from typing import Any

# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class Span:
    """A range ``[start, end)`` of the source."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A structural block. ``kind`` is one of BLOCK_KINDS."""

    kind: str
    start: int
    end: int
    level: int = 0  # heading level, list depth
    meta: str = ""  # e.g. front matter key, table cell


BLOCK_KINDS = (
    "paragraph",
    "heading",
    "list",
    "blockquote",
    "table",
    "code",
    "frontmatter",
    "html",
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its range in the text and the word."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression directive found by a parser.

    ``action`` is ``disable``, ``enable``, ``disable-next-line`` or ``disable-line``;
    ``rules`` is empty for "all rules". ``line`` is the 1-based line it sits on.
    """

    action: str
    rules: tuple[str, ...]
    line: int


# --------------------------------------------------------------------------- line index


class LineIndex:
    """Offset <-> (line, column). Lines split on ``\\n`` (``\\r\\n`` and lone ``\\r`` too)."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        if "\r" in text:
            for m in _NEWLINE.finditer(text):
                starts.append(m.end())
        else:  # line feeds only: found by str.find (a seventh of the time)
            find = text.find
            i = find("\n")
            while i >= 0:
                i += 1
                starts.append(i)
                i = find("\n", i)
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, column: int = 1) -> int:
        return self.starts[line - 1] + column - 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end of ``line`` without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        s, e = self.line_bounds(line)
        return self.text[s:e]


_NEWLINE = compile_regex(r"\r\n|\r|\n")

# --------------------------------------------------------------------------- masks

_WEB_URL = r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'\)\]]+[^\s<>"'\)\].,;:!?]"""
_EMAIL = r"""\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"""
_URL = compile_regex(_WEB_URL + "|" + _EMAIL, rx.I)
#: ``_URL`` without its e-mail branch, for a text without an "@", where that branch
#: cannot match (it is tried, case-insensitively, at every position)
_URL_NO_EMAIL = compile_regex(_WEB_URL, rx.I)
_NON_NEWLINE = compile_regex(r"[^\r\n]")
#: characters of inline markup that stand for nothing in the rendered text
_MARKUP = frozenset("*_~`[]()<>#|\\!= \t\r\n")


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def apply_mask(source: str, ranges: list[tuple[int, int]]) -> str:
    """Blank out ``ranges`` of ``source`` (newlines kept); result has the same length."""
    if not ranges:
        return source
    parts = []
    pos = 0
    blanked = False
    for s, e in ranges:
        parts.append(source[pos:s])
        part = source[s:e]
        # (a range of spaces and line breaks, such as the blank lines between
        # Markdown paragraphs, is its own blanking)
        if part.strip(" \r\n"):
            part = _NON_NEWLINE.sub(" ", part)
            blanked = True
        parts.append(part)
        pos = e
    if not blanked:
        return source  # (the same text: ``Document`` then keeps the source as prose)
    parts.append(source[pos:])
    return "".join(parts)


#: letters that a case-insensitive ``re``/``regex`` pattern matches with an ASCII
#: letter but that ``str.lower`` leaves as they are (long s, dotless i)
_FOLD_EXTRA = {0x017F: "s", 0x0131: "i"}


def fold(text: str) -> str:
    """``text`` in lower case, with the few letters that case-insensitive matching
    takes for an ASCII letter made that letter, for does-this-literal-occur tests
    (an anchor found in ``fold(text)`` may match; one missing cannot)."""
    text = text.lower()
    if not text.isascii() and ("ſ" in text or "ı" in text):
        text = text.translate(_FOLD_EXTRA)
    return text


# --------------------------------------------------------------------------- sentences

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev
    hon pres supt det insp no nos vs etc inc ltd co corp jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx dept est fig vol ave blvd
    rd al op cf ph.d""".split()
)

#: a sentence ends at . ! ? … (and closing quotes) before a space and a capital or
#: digit, with any emoji or other symbols (and their joiners, modifiers) between
_SENTENCE_END = compile_regex(
    r"""(?<=[.!?…])['"’”)\]]*(?=\s+(?:[\p{So}\p{Sk}\p{Mn}\p{Cf}]+\s*)*['"‘“(\[]*[\p{Lu}\p{N}])""",
    rx.V1,
)
#: the same ends, matched from the stop itself (a third of the time: a search for a
#: look-behind tries it at every character); a match starts one character early
_SENTENCE_STOP = compile_regex(
    r"""[.!?…]['"’”)\]]*(?=\s+(?:[\p{So}\p{Sk}\p{Mn}\p{Cf}]+\s*)*['"‘“(\[]*[\p{Lu}\p{N}])""",
    rx.V1,
)
_STOPS = ".!?…"
_WORD_BEFORE = compile_regex(r"([\p{L}.]+)\.$")
_TOKEN = compile_regex(r"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*")

PROSE_KINDS = frozenset(("paragraph", "heading", "list", "blockquote", "table", "frontmatter"))


# --------------------------------------------------------------------------- document


@dataclass
class Document:
    """A parsed draft: its source, blocks, masked ranges and directives."""

    path: str
    source: str
    format: str = "text"
    mask_ranges: list[tuple[int, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    bom: bool = False
    encoding: str = "utf-8"
    #: inline elements as (kind, start, end) of their text: ``code`` (inside a code
    #: span), ``link`` (a link's label), ``alt`` (an image's alt text), ``strong``,
    #: ``emphasis`` (Vale's inline scopes)
    inline: list[tuple[str, int, int]] = field(default_factory=list)
    #: the rendered prose view (entities decoded, inline tags removed) that rules
    #: read, and its map back to this source; None when the view would be the
    #: source itself (see view.py)
    view: Document | None = field(default=None, repr=False, compare=False)
    view_map: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mask_ranges = merge_ranges(self.mask_ranges)
        self._mask_starts = [s for s, _ in self.mask_ranges]
        prose = apply_mask(self.source, self.mask_ranges)
        # masks over white space only (the blank lines between a Markdown draft's
        # paragraphs) leave the prose equal to the source: then it *is* the source,
        # and the folded and joined source, and the anchors found in it, are the
        # prose's (one fold and one anchor pass a document, not two)
        self.prose = self.source if prose == self.source else prose
        #: ids of rules skipped for this document because they ran out of time
        self.timed_out: list[str] = []
        self._present: dict[tuple[Any, bool], frozenset[str]] = {}
        #: ``rules.scope.regions`` by scope
        self._regions: dict[tuple[tuple[str, ...], bool], list[tuple[int, int]]] = {}

    @cached_property
    def lines(self) -> LineIndex:
        """The line index of ``source`` (made when a position is first asked for: most
        documents of a folder have no finding to place)."""
        return LineIndex(self.source)

    # -- masks ------------------------------------------------------------
    def is_masked(self, offset: int) -> bool:
        i = bisect.bisect_right(self._mask_starts, offset) - 1
        return i >= 0 and self.mask_ranges[i][0] <= offset < self.mask_ranges[i][1]

    def hides_token(self, start: int, end: int) -> bool:
        """True if ``start:end`` runs across masked text that stood for a word or more:
        inline code, a URL or a link target (a run of 3+ masked characters holding a
        character other than markup). Emphasis markers such as ``***`` do not count."""
        i = max(0, bisect.bisect_right(self._mask_starts, start) - 1)
        ranges = self.mask_ranges
        while i < len(ranges) and ranges[i][0] < end:
            s, e = max(ranges[i][0], start), min(ranges[i][1], end)
            if e - s >= 3 and any(c not in _MARKUP for c in self.source[s:e]):
                return True
            i += 1
        return False

    def edges_masked(self, start: int, end: int) -> bool:
        """True if a match's first or last character is not prose."""
        if end <= start:
            return self.is_masked(start)
        return self.is_masked(start) or self.is_masked(end - 1)

    @cached_property
    def folded_prose(self) -> str:
        """``prose`` folded (see :func:`fold`), for cheap does-this-literal-occur tests."""
        return fold(self.prose)

    @cached_property
    def folded_source(self) -> str:
        if self.prose is self.source:
            return self.folded_prose
        return fold(self.source)

    @cached_property
    def joined_prose(self) -> str:
        """``folded_prose`` with its line breaks joined (``rules.patterns.soft_joined``):
        where the anchors of phrases wrapped over two lines are found."""
        return (_SOFT_JOINED or _soft_joined())(self.folded_prose)

    @cached_property
    def joined_source(self) -> str:
        if self.prose is self.source:
            return self.joined_prose
        return (_SOFT_JOINED or _soft_joined())(self.folded_source)

    def literals_in(self, literals: Any, raw: bool) -> frozenset[str]:
        """Which of ``literals`` (a ``rules.literals.LiteralSet``) occur in the folded
        source (``raw``) or the folded prose, worked out once per set (anchors without
        line breaks or runs of blanks: in the text with its line breaks joined)."""
        # (the source's anchors are the prose's when the two are the same text)
        key = (literals, raw and self.prose is not self.source)
        found = self._present.get(key)
        if found is None:
            if raw:
                found = literals.present(self.folded_source, self.joined_source)
            else:
                found = literals.present(self.folded_prose, self.joined_prose)
            self._present[key] = found
        return found

    # -- positions --------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    # -- derived structure -------------------------------------------------
    @cached_property
    def prose_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in PROSE_KINDS]

    @cached_property
    def sentences(self) -> list[Span]:
        out: list[Span] = []
        for b in self.prose_blocks:
            out.extend(split_sentences(self.prose, b.start, b.end, b.kind == "heading"))
        return out

    @cached_property
    def tokens(self) -> list[Token]:
        out: list[Token] = []
        for b in self.prose_blocks:
            for m in _TOKEN.finditer(self.prose, b.start, b.end):
                out.append(Token(m.start(), m.end(), m.group()))
        return out

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Quoted speech: paired double quotes inside prose blocks, and blockquotes."""
        ranges: list[tuple[int, int]] = []
        for b in self.prose_blocks:
            if b.kind == "blockquote":
                ranges.append((b.start, b.end))
                continue
            ranges.extend(find_quotes(self.prose, b.start, b.end))
        return merge_ranges(ranges)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quotes]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]

    def block_at(self, offset: int) -> Block | None:
        for b in self.blocks:
            if b.start <= offset < b.end:
                return b
        return None


#: ``rules.patterns.soft_joined``, imported on first use (an import statement in a
#: function costs ~3 µs a call, and ``joined_prose`` runs once a document)
_SOFT_JOINED: Callable[[str], str] | None = None


def _soft_joined() -> Callable[[str], str]:
    global _SOFT_JOINED
    from .rules.patterns import soft_joined

    _SOFT_JOINED = soft_joined
    return soft_joined


def split_sentences(text: str, start: int, end: int, whole: bool = False) -> list[Span]:
    """Split ``text[start:end]`` into sentence spans (trimmed of whitespace)."""
    spans: list[Span] = []
    if whole:
        cuts = [end]
    else:
        cuts = []
        if start > 0 and text[start - 1] in _STOPS:  # a stop just before the span
            ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text, start, end)]
        else:
            ends = _stop_ends(text, start, end)
        for after, cut in ends:  # after the stop, after its closing quotes
            if _abbreviation_before(text, max(start, after - 12), after):
                continue
            cuts.append(cut)
        cuts.append(end)
    pos = start
    for cut in cuts:
        s, e = pos, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
        pos = cut
    return spans


def _stop_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(m.start() + 1, m.end())`` for each match ``m`` of
    ``_SENTENCE_STOP.finditer(text, start, end)``. Every match starts at a stop
    character (its class is the pattern's first item), so the pattern is tried only at
    those, found by ``str.find`` (``char_positions``), where a search of the pattern
    tests every character against its class. What a match takes after its stop
    (closing quotes and brackets) holds no stop character, so no stop found lies
    inside an earlier match."""
    out = []
    match = _SENTENCE_STOP.match
    for i in char_positions(text, _STOPS, start, end):
        m = match(text, i, end)
        if m is not None:
            out.append((i + 1, m.end()))
    return out


def char_positions(text: str, chars: str, start: int, end: int) -> list[int]:
    """The offsets in ``text[start:end]`` of any of ``chars`` (each a single
    character), in order: what ``finditer`` of the class ``[chars]`` finds, by one
    ``str.find`` a character found (and one more for each of ``chars``), which skips
    the text between at memory speed."""
    out: list[int] = []
    find = text.find
    for ch in chars:
        i = find(ch, start, end)
        while i >= 0:
            out.append(i)
            i = find(ch, i + 1, end)
    if len(chars) > 1:
        out.sort()
    return out


#: the characters of ``_WORD_BEFORE``'s class that are ASCII (``\p{L}`` in ASCII is
#: the 52 letters)
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _abbreviation_before(text: str, lo: int, after: int) -> bool:
    """Does the stop at ``text[after - 1]`` end an abbreviation or an initial (no cut
    there)? As ``_WORD_BEFORE.search(text, lo, after)``'s word read below, without
    the pattern where every character of the word is ASCII: the search's match is the
    longest run of letters and dots that ends just before a final "." and starts at
    ``lo`` or later (its ``$`` is at ``after``, the stop, never a line break). A run
    that meets a character outside ASCII before ``lo`` is left to the pattern
    (``regex``'s letters are its own Unicode's)."""
    end = after - 1  # the stop, which must be a full stop
    if end <= lo:
        return False  # the pattern needs two characters
    if text[end] != ".":  # (a line break: ``$`` could match before it)
        return text[end] == "\n" and _word_before(text, lo, after)
    i = end
    while i > lo and text[i - 1] in _ASCII_WORD:
        i -= 1
    if i > lo and not text[i - 1].isascii():
        return _word_before(text, lo, after)
    if i == end:
        return False  # no letter or dot before the stop: no match
    word = text[i:end].lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _word_before(text: str, lo: int, after: int) -> bool:
    """``_abbreviation_before`` by the pattern."""
    w = _WORD_BEFORE.search(text, lo, after)
    if w is not None:
        word = w.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return True
    return False


#: the double quotes, straight and curly (found by ``char_positions``)
_QUOTE_CHARS = '"“”'


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pair double quotes (straight or curly) within one block.

    An opening quote left unclosed at the end of the block runs to the block's end
    (the convention for a quotation that continues into the next paragraph).
    """
    out: list[tuple[int, int]] = []
    open_at = -1
    for i in char_positions(text, _QUOTE_CHARS, start, end):
        ch = text[i]
        if open_at < 0:
            if ch == "”":
                continue
            if ch == '"' and i + 1 < end and text[i + 1].isspace() and i > start:
                continue  # a stray closing quote
            open_at = i
        else:
            if ch == "“":
                open_at = i
                continue
            out.append((open_at, i + 1))
            open_at = -1
    if open_at >= 0:
        out.append((open_at, end))
    return out


_WWW = compile_regex(r"www\.", rx.I)


def may_hold_url(text: str, start: int = 0, end: int | None = None) -> bool:
    """Can ``_URL`` match in ``text[start:end]``? Each of its matches holds an "@", a
    "://" or a "www." in any case (``_WWW``: case-insensitive without full case
    folding, where a ``w`` matches only "w" and "W"), and so an "@", a "://", a "w." or
    a "W.": without any of these (most prose), no. Four scans of the text, where the
    case-insensitive search of ``_WWW`` tests every character."""
    end = len(text) if end is None else end
    if text.find("@", start, end) >= 0 or text.find("://", start, end) >= 0:
        return True
    if text.find("w.", start, end) < 0 and text.find("W.", start, end) < 0:
        return False
    return _WWW.search(text, start, end) is not None


def url_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    if not may_hold_url(text, start, end):
        return []  # most prose: no URL or e-mail address can start anywhere
    pattern = _URL if text.find("@", start, end) >= 0 else _URL_NO_EMAIL
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
