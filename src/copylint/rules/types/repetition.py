"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator

from ... import rx
from ...findings import Edit
from ...regexcache import compile as compile_regex
from ...regexcache import compile_re
from ..model import Hit, Rule
from ._common import _WIDER, Exceptions, as_list, fix_mode, region_texts, warm

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


class RepetitionRule(Rule):
    type_name = "repetition"
    word_level = True
    keys = frozenset({"tokens", "alpha", "exceptions", "fix"})
    required = ("tokens",)

    def configure(self, spec: dict[str, Any]) -> None:
        tokens = as_list(spec.get("tokens"))
        self.pattern = self.compile("|".join(f"(?:{t})" for t in tokens), "tokens")
        self.alpha = bool(spec.get("alpha", False))
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)

    def check(self, doc, config) -> Iterator[Hit]:
        for start, end, text in region_texts(self, doc):
            if not self._may_repeat(text, start, end):
                continue
            prev = None
            for m in self.pattern.finditer(text, start, end):
                word = m.group()
                if self.alpha and not word.isalpha():
                    prev = None
                    continue
                if (
                    prev is not None
                    and _same(prev.group(), word, self.meta.ignorecase)
                    and text[prev.end() : m.start()].strip() == ""
                    and _gap_ok(doc.source[prev.end() : m.start()])
                    and word.lower() + " " + word.lower() not in self.exceptions
                    and word not in self.exceptions
                ):
                    fix = None
                    # only where plain space separates the two: never cut into markup
                    if self.fix != "none" and not doc.source[prev.end() : m.start()].strip():
                        fix = Edit(prev.end(), m.end(), "", safe=self.fix == "safe")
                    yield Hit(
                        prev.start(),
                        m.end(),
                        self.format_message(word),
                        fix=fix,
                        match=doc.source[prev.start() : m.end()],
                    )
                    prev = None
                    continue
                prev = m

    def _may_repeat(self, text: str, start: int, end: int) -> bool:
        """False when no two matches in a row are the same word (a hit needs that):
        found at C speed, so that a region with no repeat is not walked match by
        match in Python."""
        if self.pattern.groups:
            return True  # findall would give the groups, not the matches
        if (self.pattern.source, self.pattern.flags & ~_PLAIN_FLAGS) in _LETTER_RUNS:
            span = text[start:end]
            ignorecase = self.meta.ignorecase
            plain: bytes | None = None
            if span.isascii() or _NOT_PLAIN.search(span) is None:
                plain = span.encode("ascii", "replace")
                table = _LOWER_LETTERS_ONLY if ignorecase else _LETTERS_ONLY
            else:
                wide = _wide_tables() if _WIDE_TABLES is None else _WIDE_TABLES
                if wide:
                    try:
                        plain = span.encode(_WIDER)
                    except UnicodeEncodeError:
                        pass
                    table = wide[1] if ignorecase else wide[0]
            if plain is not None:
                # (its words are its runs of letters: see _PLAIN_MARKS, _wide_tables)
                words = plain.translate(table).split()
                if not any(map(operator.eq, words, itertools.islice(words, 1, None))):
                    return False
            elif _REPEAT_SHAPE.search(span.casefold() if ignorecase else span) is None:
                return False
        found: list[str] = self.pattern.findall(text, start, end)
        if self.meta.ignorecase:
            found = list(map(str.lower, found))
        return any(map(operator.eq, found, itertools.islice(found, 1, None)))


#: tokens that are runs of letters and marks (as the rule joins them; no flags but
#: those in _PLAIN_FLAGS), whose repeats _REPEAT_SHAPE finds first
_LETTER_RUNS = frozenset(
    (source, 0) for source in (r"(?:[\p{L}\p{M}]+)", r"(?:[\p{M}\p{L}]+)", r"(?:\p{L}+)")
)
_PLAIN_FLAGS = int(rx.IGNORECASE | rx.V0)
#: letters of some scripts (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, Hangul)
#: that nothing but a letter or mark folds to, nor begins or ends its folding with
#: (checked over every character in tests/test_housespeed5.py): a run next to one is
#: no whole word. (With ASCII letters alone, the search in a Cyrillic paragraph tried
#: a run at every letter, and 106 of the 110 regions it let through held no repeat.)
_SOME_LETTERS = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0391-\u03a1\u03a3-\u03a9"
    "\u03ac-\u03ce\u0400-\u045f\uac00-\ud7a3"
)
#: a run of characters that are neither ASCII non-letters nor blanks, blanks, the same run
#: again, with none of _SOME_LETTERS either side (ASCII letters, at first): searched by ``re`` over the region
#: case-folded (``str.casefold``, one character at a time), it finds every repeat
#: of a run of letters and marks that the slow way would find, and most regions have
#: none (house.RepeatedWords over the 300 drafts: 110 of 1,200 blocks; 20.8 -> 12 ms).
#: Why it misses none: two words the same but for case (``a.lower() == b.lower()``) are
#: the same case-folded (a character folds as its lowercase does, and both final and
#: other sigma fold to σ); a letter or mark folds to no ASCII non-letter and no blank,
#: anything else to no ASCII letter, and a blank to itself (checked over every
#: character in tests/test_housespeed3.py), so the first word folded is a whole run
#: with no ASCII letter before it, the blanks between are blanks, and the second word
#: folded is the run again with no ASCII letter after it
_REPEAT_SHAPE = compile_re(
    rf"(?<![{_SOME_LETTERS}])([^\x00-\x40\x5b-\x60\x7b-\x7f\s]++)\s+\1(?![{_SOME_LETTERS}])"
)


#: marks, blanks and signs outside ASCII that are neither letters nor marks: a region
#: of ASCII and these is read as bytes, each of these as ``?``. Its letters and marks
#: are then its ASCII letters (checked over these in tests/test_housespeed5.py), so
#: its words are its runs of ASCII letters, found at C speed (each other byte read as a
#: blank, ``_LETTERS_ONLY``; lowercased where the rule ignores case, as its words are
#: compared), and a word repeated has its run twice in a row there (with anything
#: but letters between: the slow way sees to the rest). 944 of the 1,200 blocks of
#: the benchmark's drafts are read so, the others as cp1251 (_wide_tables) or by
#: _REPEAT_SHAPE; 28 are left to ``findall`` (110 before): house.RepeatedWords over
#: the 300 drafts 195 -> 113 M instructions
_PLAIN_MARKS = (
    "\u00a0\u00a2-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u00d7\u00f7"
    "\u2000-\u200a\u2010-\u2027\u202f-\u205e\u20a0-\u20c0\u2122\u2190-\u21ff"
    "\u2212\u3000"
)
_NOT_PLAIN = compile_re(f"[^\\x00-\\x7f{_PLAIN_MARKS}]")
_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
_LOWER_LETTERS_ONLY = _LETTERS_ONLY.lower()


#: (_wide_tables: worked out on first use; () where the codec is not read so)
_WIDE_TABLES: tuple[bytes, ...] | None = None


def _wide_tables() -> tuple[bytes, ...]:
    """A region that ``_WIDER`` (cp1251: Cyrillic, curly quotes, dashes) encodes whole
    is read as bytes as a plain one is (see _PLAIN_MARKS): each character is one byte
    and back (checked over every character in tests/test_housespeed5.py), its letters
    (the tokens' letters and marks: the same characters there) are kept, lowercased in
    the second table (each to one letter of the codec), and every other byte is read
    as a blank. 126 blocks of the benchmark's drafts are read so (house.RepeatedWords
    113 -> 107 M instructions), 130 are left to _REPEAT_SHAPE."""
    global _WIDE_TABLES
    letter = compile_regex(r"[\p{L}\p{M}]", rx.IGNORECASE | rx.V0)
    keep, lower = bytearray(b" " * 256), bytearray(b" " * 256)
    for b in range(256):
        try:
            c = bytes((b,)).decode(_WIDER)
        except UnicodeDecodeError:
            continue
        if letter.fullmatch(c) is None:
            continue
        low = c.lower().encode(_WIDER, "replace")
        if len(low) != 1 or low.decode(_WIDER) != c.lower() or low[0] == 32:
            _WIDE_TABLES = ()  # (not read so: _REPEAT_SHAPE)
            return _WIDE_TABLES
        keep[b], lower[b] = b, low[0]
    _WIDE_TABLES = (bytes(keep), bytes(lower))
    return _WIDE_TABLES


def _gap_ok(gap: str) -> bool:
    """Spaces, maybe emphasis marks (``**very very**``), or one plain line break (a wrap)."""
    if "\n" in gap:
        return gap.count("\n") == 1 and not gap.strip()
    return gap.strip(" \t*_~") == ""


def _same(a: str, b: str, ignorecase: bool) -> bool:
    return a.lower() == b.lower() if ignorecase else a == b


RULE_TYPE = RepetitionRule
