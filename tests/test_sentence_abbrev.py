"""The sentence splitter's abbreviation test without its pattern (``_abbreviation_before``)
answers as the pattern (``_word_before``, ``_WORD_BEFORE.search``) does, and
``split_sentences`` cuts where the pattern-only splitter cuts."""

from __future__ import annotations

import random

from copylint import document as D

#: pieces of text near a stop: abbreviations and initials in both cases, words,
#: dots, letters outside ASCII (some that ``regex`` and ``str.isalpha`` may read
#: differently), digits, quotes, spaces and line breaks
PIECES = (
    sorted(D.ABBREVIATIONS)
    + [a.upper() for a in sorted(D.ABBREVIATIONS)][:20]
    + [a.title() for a in sorted(D.ABBREVIATIONS)][:20]
    + "a B x Z I the said U.S. e.g. Ph.D. café Zoë naïve ß ǅ ʰ ª º µ ͅ ᾈ ℌ Ⅻ ー 中 한 ﬁ".split()
    + ["word", "Smith", "approx", "etc", "no", "vs", "St", "Mt", "Dr"]
    + list(". . . .. ... ! ? … , ; : ' \" ’ ” ) ] ( [ “ ‘ 1 42 3.5 _ - – \u0301 \u200d")
    + [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028"]
)


def _pattern_split(text: str, start: int, end: int, whole: bool = False) -> list[D.Span]:
    """``split_sentences`` as it was: every stop's word found by ``_WORD_BEFORE``."""
    saved = D._abbreviation_before
    D._abbreviation_before = D._word_before
    try:
        return D.split_sentences(text, start, end, whole)
    finally:
        D._abbreviation_before = saved


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            parts.append(rng.choice(PIECES))
            if rng.random() < 0.5:
                parts.append(rng.choice((" ", ". ", ".", "! ", "? ", ".\n", "… ")))
        out.append("".join(parts))
    return out


def test_abbreviation_test_answers_as_the_pattern_at_every_position():
    checked = 0
    for text in _texts(1500, 13):
        n = len(text)
        for after in range(1, n + 1):
            for lo in {0, max(0, after - 12), max(0, after - 3), after - 1, after}:
                fast = D._abbreviation_before(text, lo, after)
                assert fast == D._word_before(text, lo, after), (text, lo, after)
                checked += 1
    assert checked > 100_000


def test_split_sentences_cuts_as_with_the_pattern():
    for text in _texts(3000, 7):
        n = len(text)
        for start, end in ((0, n), (min(3, n), n), (0, max(0, n - 2))):
            for whole in (False, True):
                fast = D.split_sentences(text, start, end, whole)
                assert fast == _pattern_split(text, start, end, whole), (text, start, end)


def test_known_abbreviations_and_initials_do_not_cut():
    text = "Mr. Smith met Dr. Jones at 5 p.m. Then J. R. Tolkien left. It rained."
    spans = [text[s.start : s.end] for s in D.split_sentences(text, 0, len(text))]
    assert spans == [
        "Mr. Smith met Dr. Jones at 5 p.m. Then J. R. Tolkien left.",
        "It rained.",
    ]
    # a word outside ASCII before the stop goes to the pattern: the same answer
    text = "Il a vu Zoë. Elle dort. Voir St. Étienne."
    assert D.split_sentences(text, 0, len(text)) == _pattern_split(text, 0, len(text))
