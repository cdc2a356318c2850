"""balance: double quotation marks that are opened or closed without their partner.

One pass over the document's prose, linear in its length (the regex this replaces
took seconds on a paragraph with thousands of marks). Paragraphs are the runs of
prose between blank lines; a line that starts a new block (a list item, a heading,
a table row, a plain-text line kept as its own paragraph) starts a new one too.

Straight and curly double marks count alike. A straight mark right after a
free-standing figure (``65"``, ``1.5"``) is an inch mark and does not count, and
so is a curly closing mark there when no quotation is open (``the 13” model``).
In a paragraph with an odd number of marks:

- if its last mark closes a quotation (``”``, or ``"`` after a word and before
  a space, punctuation or the end), that mark is reported;
- if its last mark opens one (``“``, or ``"`` after a space, bracket or dash), the
  quotation may run on into the next paragraph only if that paragraph starts with
  an opening mark (the convention for quoting several paragraphs); otherwise the
  first word of the next paragraph is reported.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

from ..model import Hit, Rule
from ..scope import reads_source, regions

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

_MARKS = frozenset('"“”')
_MARK = re.compile('["“”]')
_BREAK = re.compile(r"\r\n|\r|\n")
#: characters before a figure that make it part of something else (A4", 1,5", "65")
_NOT_FREE = frozenset('"“”.,')
#: after a closing straight mark
_AFTER_CLOSE = frozenset(".,;:!?)]’")
#: before an opening straight mark
_BEFORE_OPEN = frozenset("([—–-")


class BalanceRule(Rule):
    type_name = "balance"
    word_level = True
    checks_quotes = True
    keys = frozenset()

    def configure(self, spec: dict[str, Any]) -> None:
        pass

    def check(self, doc, config) -> Iterator[Hit]:
        raw = reads_source(self.meta.scope)
        text = doc.source if raw else doc.prose
        spans = regions(doc, self.meta.scope)
        if not spans or not any(c in text for c in _MARKS):
            return
        spans = sorted(spans)
        starts = [s for s, _ in spans]
        block_starts = sorted({b.start for b in doc.blocks})
        previous_open = False  # the previous paragraph left a quotation open
        # with no curly marks in the text, its marks are found by ``str.find`` (C speed)
        straight = "“" not in text and "”" not in text
        for start, end in paragraphs(text, block_starts):
            hits: list[tuple[int, int]] = []
            first = _first_word(text, start, end)
            if previous_open and text[first[0]] not in '"“':
                hits.append(first)
            previous_open = False
            marks: list[int] = []
            found = (
                _straight_marks(text, start, end)
                if straight
                else (m.start() for m in _MARK.finditer(text, start, end))
            )
            for i in found:
                # after a figure, a straight mark is an inch mark; so is a curly closing
                # one when no quotation is open ("the 13” model", but "in 2019”")
                if text[i] != "“" and _after_figure(text, i):
                    if text[i] == '"' or len(marks) % 2 == 0:
                        continue
                marks.append(i)
            if len(marks) % 2:
                last = marks[-1]
                if _closing(text, last):
                    hits.append((last, last + 1))
                elif _opening(text, last):
                    previous_open = True
            for s, e in hits:
                i = bisect.bisect_right(starts, s) - 1
                if i >= 0 and e <= spans[i][1]:
                    word = doc.source[s:e]
                    yield Hit(s, e, self.format_message(word), match=word)


def paragraphs(text: str, block_starts: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of ``text``: lines between blank lines, and a
    new paragraph at each line that starts a block (``block_starts``, sorted)."""
    start = -1
    last_end = 0
    pos = 0
    n = len(text)
    # with no carriage return every line break is a "\n", found by ``str.find`` (C
    # speed); the pattern's search tests each character against its set
    plain = "\r" not in text
    while pos < n:
        if plain:
            line_end = text.find("\n", pos)
            next_line = line_end + 1
            if line_end < 0:
                line_end = next_line = n
        else:
            brk = _BREAK.search(text, pos)
            line_end, next_line = (brk.start(), brk.end()) if brk else (n, n)
        content = pos
        while content < line_end and text[content] in " \t\f\v":
            content += 1
        if content == line_end:  # a blank line ends the paragraph
            if start >= 0:
                yield start, last_end
                start = -1
        else:
            if start >= 0 and _starts_block(block_starts, pos, content):
                yield start, last_end
                start = -1
            if start < 0:
                start = content
            last_end = line_end
        pos = next_line
    if start >= 0:
        yield start, last_end


def _straight_marks(text: str, start: int, end: int) -> Iterator[int]:
    """Where ``_MARK`` matches from ``start`` to ``end`` in a text with no curly marks:
    its straight marks, in order."""
    i = text.find('"', start, end)
    while i >= 0:
        yield i
        i = text.find('"', i + 1, end)


def _starts_block(block_starts: list[int], line_start: int, content: int) -> bool:
    i = bisect.bisect_left(block_starts, line_start)
    return i < len(block_starts) and block_starts[i] <= content


def _first_word(text: str, start: int, end: int) -> tuple[int, int]:
    e = start
    while e < end and not text[e].isspace():
        e += 1
    return start, e


def _after_figure(text: str, i: int) -> bool:
    """Whether ``text[i]`` comes right after a figure that stands alone: ``65`` or ``1.5``."""
    j = i
    while j > 0 and text[j - 1].isdecimal():
        j -= 1
    if j == i:
        return False
    if _free(text, j):
        return True
    if j >= 2 and text[j - 1] == "." and text[j - 2].isdecimal():
        k = j - 1
        while k > 0 and text[k - 1].isdecimal():
            k -= 1
        return _free(text, k)
    return False


def _free(text: str, k: int) -> bool:
    """Whether a figure starting at ``k`` is not part of a word, a number or a quotation."""
    if k == 0:
        return True
    c = text[k - 1]
    return c not in _NOT_FREE and unicodedata.category(c)[0] not in "LN"


def _closing(text: str, i: int) -> bool:
    if text[i] == "”":
        return True
    if text[i] != '"' or i == 0 or text[i - 1].isspace() or text[i - 1] in _MARKS:
        return False
    after = text[i + 1] if i + 1 < len(text) else ""
    return not after or after.isspace() or after in _AFTER_CLOSE


def _opening(text: str, i: int) -> bool:
    if text[i] == "“":
        return True
    return text[i] == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN)


RULE_TYPE = BalanceRule
