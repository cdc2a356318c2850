"""The promo layout counts a line's words with the standard ``re`` where it reads
letters and digits as ``regex`` does (``layout._words``): the same words as the
``regex`` pattern, on every character of the ranges where it is used. Texts written for
these tests."""

from __future__ import annotations

import pytest
import regex

from copylint.promo import layout

LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


def test_re_and_regex_agree_on_every_character_where_re_is_used():
    for code in range(0x110000):
        ch = chr(code)
        if layout._RE_DISAGREES.search(ch) is not None:
            continue  # outside the ranges: regex is used
        assert (layout._WORD_RE.fullmatch(ch) is None) == (LETTER_OR_DIGIT.fullmatch(ch) is None), (
            hex(code)
        )


@pytest.mark.parametrize(
    "text",
    [
        "The mayor’s office said the road would reopen on Tuesday.",
        "Rock & roll: a 3-day festival at St. Mary's field, 12.5 km out of town",
        "Café owners in Zürich met the Ærø ferry crew at 9.30 a.m. — “all good”",
        "Совет города утвердил новый план, сказал мэр.",
        "Η βουλή ψήφισε το νέο νόμο την Τρίτη.",
        "x²+y² = ½ of the __init__ total_count, said O'Neil-Smith & co.",
        "Մեր քաղաքը 東京 と 大阪 ١٢٣ mixed with English words",
        "",
        "   ",
        "— … ‘quoted’ – dashes only —",
    ],
)
def test_words_are_the_regex_patterns_words(text):
    assert layout._words(text) == layout._WORD.findall(text)
    # (a piece of a long line: the words between two offsets, cut ones included)
    n = len(text)
    for s, e in ((min(3, n), max(0, n - 2)), (0, n // 2), (n // 3, n)):
        assert layout._words(text, s, e) == layout._WORD.findall(text, s, e), (s, e)


def test_a_line_with_a_character_re_reads_otherwise_uses_regex():
    # (a CJK line goes to regex; Latin, Cyrillic, Greek and typographic quotes do not)
    assert layout._RE_DISAGREES.search("Tokyo 東京") is not None
    assert layout._RE_DISAGREES.search("Tokyo, “quoted” — Москва, Αθήνα") is None
