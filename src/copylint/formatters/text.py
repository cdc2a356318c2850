"""``text``: one line per finding, the source line with the match underlined, a summary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from ..findings import Finding
from .base import Formatter, Summary, hint_text, level_name, summary_text

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ..document import Document

#: Tabs in source lines are expanded to this width, in the line and under it alike.
TAB_SIZE = 4
#: Longer source lines (a paragraph on one line) are cut to a window around the match,
#: keeping ``CONTEXT`` characters on either side.
MAX_LINE_WIDTH = 100
CONTEXT = 40
#: A longer match (a whole long sentence) is shown and underlined for its first
#: ``MAX_SPAN`` columns only, with ``…`` and its length after the underline, as ruff
#: and rustc cut long spans.
MAX_SPAN = 60
#: A multi-line finding (such as a promo block) shows at most this many lines.
MAX_BLOCK_LINES = 6

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "suggestion": "\x1b[36m"}
_GREEN = "\x1b[32m"


_ZWJ, _VS15, _VS16 = "\u200d", "\ufe0e", "\ufe0f"


def char_width(c: str) -> int:
    """Columns a terminal gives ``c``: 2 for East Asian wide and full-width characters
    and emoji, 0 for combining marks and invisible format characters, else 1
    (control characters are shown as one replacement character)."""
    if c < "\u0300":
        return 1
    cat = unicodedata.category(c)
    if cat in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(c) in ("W", "F") or "\U0001f300" <= c <= "\U0001faff":
        return 2
    return 1


def _widths(text: str) -> Iterator[tuple[str, int]]:
    """Each character of ``text`` with its display width; tabs get their width to the
    next tab stop. A character after a zero-width joiner joins the one before it (0);
    variation selector 16 makes a narrow symbol before it an emoji (one more column)."""
    col = 0
    before = 0  # width of the last visible character
    joined = False
    for c in text:
        if c == "\t":
            w = TAB_SIZE - col % TAB_SIZE
        elif joined:
            w = 0
        elif c == _VS16:
            w = 1 if before == 1 else 0
        else:
            w = char_width(c)
        joined = c == _ZWJ
        if c not in (_ZWJ, _VS15, _VS16):
            before = w
        col += w
        yield c, w


def expand_tabs(text: str) -> str:
    """``text`` with each tab turned into spaces up to the next stop of display width."""
    if "\t" not in text:
        return text
    return "".join(" " * w if c == "\t" else c for c, w in _widths(text))


#: the characters ``char_width`` does not answer 1 for without looking them up
_WIDE_OR_NARROW = re.compile("[^\x00-\u02ff]")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal once tabs are expanded (wide characters and
    emoji count two, combining marks none)."""
    if text.isascii() and "\t" not in text:
        return len(text)
    if "\t" in text or _ZWJ in text or _VS15 in text or _VS16 in text:
        return sum(w for _, w in _widths(text))
    # no tab, joiner or selector: each character has its own width, and only those
    # from U+0300 on can be other than 1 (curly quotes and dashes in a long line)
    high = _WIDE_OR_NARROW.findall(text)
    return len(text) - len(high) + sum(map(char_width, high))


def underline(line: str, start_col: int, end_col: int) -> str:
    """Spaces then ``^~~~`` under characters ``start_col..end_col`` (1-based, end exclusive)."""
    start_col = max(1, min(start_col, len(line) + 1))
    end_col = max(start_col, min(end_col, len(line) + 1))
    left = display_width(line[: start_col - 1])
    right = display_width(line[: end_col - 1])
    width = max(1, right - left)
    return " " * left + "^" + "~" * (width - 1)


def clip(line: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """Cut a long line to a window around columns ``start_col..end_col``.

    Returns the shown text (with ``…`` where it was cut) and the columns within it.
    """
    if display_width(line) <= MAX_LINE_WIDTH:
        return line, start_col, end_col
    start = max(0, start_col - 1 - CONTEXT)
    end = max(end_col - 1, start_col) + CONTEXT
    if end - start < MAX_LINE_WIDTH:
        end = start + MAX_LINE_WIDTH
    end = min(len(line), end)
    shown = line[start:end]
    shift = start
    if start > 0:
        shown = "…" + shown
        shift -= 1
    if end < len(line):
        shown += "…"
    return shown, start_col - shift, end_col - shift


def clip_span(line: str, start_col: int, end_col: int) -> tuple[str, int, int] | None:
    """For a match wider than ``MAX_SPAN`` columns: the line from ``CONTEXT``
    characters before the match to ``MAX_SPAN`` columns into it, then ``…``, with the
    columns of the shown part of the match (the ``…`` after it included). None for a
    shorter match."""
    start_col = max(1, min(start_col, len(line) + 1))
    end_col = max(start_col, min(end_col, len(line) + 1))
    match = line[start_col - 1 : end_col - 1]
    if display_width(match) <= MAX_SPAN:
        return None
    cut = start_col - 1
    width = 0
    for _, w in _widths(match):
        if width + w > MAX_SPAN:
            break
        width += w
        cut += 1
    start = max(0, start_col - 1 - CONTEXT)
    shown = line[start:cut] + "…"
    shift = start
    if start > 0:
        shown = "…" + shown
        shift -= 1
    return shown, start_col - shift, cut + 2 - shift


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAK = re.compile("\r\n|[\r\n]")


def _printable(line: str) -> str:
    """The source line with tabs expanded and control characters (escapes) made harmless."""
    return _CONTROL.sub("\ufffd", expand_tabs(line))


def _one_line(text: str) -> str:
    """Messages and paths on one line, with no terminal escapes in them."""
    return _CONTROL.sub("\ufffd", _BREAK.sub(" ", text.replace("\t", " ")))


class TextFormatter(Formatter):
    name = "text"
    description = "Readable lines with the source line and the match underlined (default)."

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color and text else text

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        for finding in findings:
            self.write_finding(finding, doc)

    def heading(self, f: Finding) -> str:
        sev = level_name(f.severity)
        where = self._c(_BOLD, f"{_one_line(f.path)}:{f.line}:{f.column}:")
        parts = [where, self._c(_COLORS.get(sev, ""), sev), self._c(_DIM, f.rule)]
        parts.append(_one_line(f.message))
        hint = hint_text(f)
        if hint:
            parts.append(_one_line(hint))
        return " ".join(p for p in parts if p)

    def write_finding(self, f: Finding, doc: Document | None) -> None:
        self.write(self.heading(f))
        lines = self.snippet(f, doc)
        for line in lines:
            self.write(line)
        if lines:
            self.write()

    def snippet(self, f: Finding, doc: Document | None) -> list[str]:
        if doc is None or f.line < 1 or f.line > len(doc.lines):
            return []
        last = max(f.line, min(f.end_line or f.line, len(doc.lines)))
        if last > f.line and f.end_column <= 1:
            last -= 1  # the span ends with the previous line's line break
        gutter = len(str(last))
        color = _COLORS.get(level_name(f.severity), "")
        if last == f.line:
            text = doc.lines.line_text(f.line)
            end_col = f.end_column if f.end_line == f.line else len(text) + 1
            long = clip_span(text, f.column, end_col)
            if long:
                length = end_col - f.column
                text, start_col, end_col = long
                mark = f"{underline(text, start_col, end_col)} {length} characters"
            else:
                text, start_col, end_col = clip(text, f.column, end_col)
                mark = underline(text, start_col, end_col)
            bar = self._c(_DIM, f"{f.line:>{gutter}} |")
            return [
                f"  {bar} {_printable(text)}".rstrip(),
                f"  {' ' * gutter} {self._c(_DIM, '|')} {self._c(color, mark)}",
            ]
        out = []
        lines = list(range(f.line, last + 1))
        shown = lines if len(lines) <= MAX_BLOCK_LINES else lines[: MAX_BLOCK_LINES - 1]
        for n in shown:
            number = self._c(_DIM, f"{n:>{gutter}}")
            text = _printable(clip(doc.lines.line_text(n), 1, 1)[0])
            out.append(f"  {number} {self._c(color, '>')} {text}".rstrip())
        if len(shown) < len(lines):
            rest = len(lines) - len(shown)
            out.append(
                f"  {' ' * gutter} {self._c(color, '>')} … ({rest} more lines, to line {last})"
            )
        return out

    def finish(self, summary: Summary) -> None:
        text = summary_text(summary)
        if summary.total:
            worst = next(n for n in ("error", "warning", "suggestion") if summary.count(n))
            self.write(self._c(_BOLD + _COLORS[worst], text))
        else:
            self.write(self._c(_GREEN, text))
