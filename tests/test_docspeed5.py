"""The per-document shortcuts of issue 13 (doc5) against the slow ways.

- ``char_positions``: the offsets ``finditer`` of the character class finds.
- ``split_sentences``: the stops tried only at stop characters (``_stop_ends``) give
  the cuts of ``_SENTENCE_STOP.finditer``.
- ``find_quotes``: the quotes found by ``str.find`` pair as those found by the
  pattern ``["“”]``.
- ``rules.types.spelling``: the checker and the confusables' functions are taken
  once, not by an import statement a document.
- ``url_ranges``: a text without an "@" is searched without ``_URL``'s e-mail branch,
  and finds what ``_URL`` finds.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from copylint import document
from copylint.document import (
    _EMAIL,
    _SENTENCE_STOP,
    _STOPS,
    _URL,
    _URL_NO_EMAIL,
    Span,
    _abbreviation_before,
    _stop_ends,
    char_positions,
    find_quotes,
    split_sentences,
    url_ranges,
)
from copylint.regexcache import compile as compile_regex

_PIECES = [
    "word",
    "Council",
    "Dr.",
    "U.S.",
    "e.g.",
    "3.5",
    "now.",
    "Now!",
    "why?",
    "wait…",
    "…",
    "?!",
    "...",
    ".",
    '"',
    "“",
    "”",
    "’",
    "'",
    ")",
    "]",
    "(",
    "[",
    "42",
    "Über",
    "🙂",
    "\u200d",
    "é",
    "“Yes.”",
    '"No."',
    "(Yes.)",
    "A.",
    "i.e.",
]
_GAPS = [" ", " ", " ", "", "\n", "  ", "\t", "\u00a0", "\u2003", " \n "]


def _text(rng: random.Random) -> str:
    n = rng.randrange(0, 40)
    return "".join(rng.choice(_PIECES) + rng.choice(_GAPS) for _ in range(n))


def _slow_sentences(text: str, start: int, end: int, whole: bool = False) -> list[Span]:
    """``split_sentences`` as it was: ``_SENTENCE_STOP.finditer`` over the span."""
    saved = document._stop_ends

    def finditer_ends(t: str, s: int, e: int) -> list[tuple[int, int]]:
        return [(m.start() + 1, m.end()) for m in _SENTENCE_STOP.finditer(t, s, e)]

    document._stop_ends = finditer_ends
    try:
        return split_sentences(text, start, end, whole)
    finally:
        document._stop_ends = saved


def test_char_positions_match_the_class() -> None:
    rng = random.Random(5)
    for chars in (_STOPS, '"“”', ".", "“"):
        pattern = compile_regex("[" + "".join("\\" + c if c in "]\\^-" else c for c in chars) + "]")
        for _ in range(600):
            text = _text(rng)
            start = rng.randrange(0, len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            want = [m.start() for m in pattern.finditer(text, start, end)]
            assert char_positions(text, chars, start, end) == want, (text, start, end)


def test_stop_ends_match_the_pattern() -> None:
    rng = random.Random(13)
    seen = 0
    for _ in range(3000):
        text = _text(rng)
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        want = [(m.start() + 1, m.end()) for m in _SENTENCE_STOP.finditer(text, start, end)]
        assert _stop_ends(text, start, end) == want, (text, start, end)
        seen += bool(want)
    assert seen > 500  # the texts have stops to find


def test_split_sentences_unchanged() -> None:
    rng = random.Random(21)
    for _ in range(2000):
        text = _text(rng)
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert split_sentences(text, start, end) == _slow_sentences(text, start, end)
    # the abbreviation test still sees each stop's own offset
    assert split_sentences("Dr. Okafor said so. He left.", 0, 28) == [Span(0, 19), Span(20, 28)]
    assert not _abbreviation_before("He left. Then", 0, 8)


_QUOTE = compile_regex(r'["“”]')


def _slow_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``find_quotes`` as it was, by the pattern."""
    out: list[tuple[int, int]] = []
    open_at = -1
    for m in _QUOTE.finditer(text, start, end):
        ch = m.group()
        i = m.start()
        if open_at < 0:
            if ch == "”":
                continue
            if ch == '"' and i + 1 < end and text[i + 1].isspace() and i > start:
                continue
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


@pytest.mark.parametrize("seed", range(3))
def test_find_quotes_unchanged(seed: int) -> None:
    rng = random.Random(seed)
    paired = 0
    for _ in range(1000):
        text = _text(rng)
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        want = _slow_quotes(text, start, end)
        assert find_quotes(text, start, end) == want, (text, start, end)
        paired += bool(want)
    assert paired > 200


_URL_PIECES = [
    "word",
    "mail",
    "@",
    "a@b.org",
    "A.B+c@Ex-ample.CO.uk",
    "x@y",
    "@home",
    "www.",
    "WWW.example.org",
    "https://example.com/a.",
    "HTTP://X.io)",
    "ftp://f",
    "w.",
    "é@é.fr",
    ".",
    ",",
    "<",
    '"',
]


def test_url_ranges_without_an_at_sign() -> None:
    rng = random.Random(34)
    emails = 0
    for _ in range(3000):
        n = rng.randrange(0, 14)
        text = "".join(rng.choice(_URL_PIECES) + rng.choice(_GAPS) for _ in range(n))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        want = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
        assert url_ranges(text, start, end) == want, (text, start, end)
        emails += any("@" in text[s:e] for s, e in want)
    assert emails > 200
    # the branch left out is the e-mail one, and it is the pattern's last
    assert _URL.pattern.endswith("|" + _EMAIL)
    assert _URL_NO_EMAIL.pattern + "|" + _EMAIL == _URL.pattern
    assert _URL_NO_EMAIL.flags == _URL.flags


def test_spelling_modules_taken_once_and_late() -> None:
    """``_misspellings`` and ``_confusables`` take the checker and the confusables'
    functions from globals set on first use: the same objects as the modules', and
    the modules are still not imported with the rule type."""
    code = (
        "import sys\n"
        "from copylint.rules.types import spelling as s\n"
        "assert 'copylint.spelling.checker' not in sys.modules\n"
        "assert 'copylint.spelling.confusables' not in sys.modules\n"
        "assert s._CHECKER is None and s._CONFUSABLES is None\n"
        "from copylint.spelling import checker, confusables\n"
        "assert s._checker() is checker.Checker is s._CHECKER\n"
        "want = (confusables.find, confusables.folds_alike, confusables.possible)\n"
        "assert s._confusables() == want == s._CONFUSABLES\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
