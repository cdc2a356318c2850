"""The promo pack's short cuts of the fifth round answer as the full tests would: content
words found by the standard ``re`` on Latin-1 text. Texts made at random from a fixed
seed."""

from __future__ import annotations

import random
import re

import regex

from copylint.promo import detect, layout, scorer


def _latin_range() -> list[int]:
    return [*range(0x100), *range(0x2000, 0x2070)]


def test_the_latin_letters_are_regex_letters_on_every_character_let_through():
    # every character ``latin`` lets through is in ``LATIN_LETTER`` exactly when it is
    # in ``regex``'s ``[^\W\d_]`` (the class of both ``_CONTENT`` patterns)
    letters = regex.compile(r"[^\W\d_]")
    mine = re.compile(f"[{layout.LATIN_LETTER}]")
    for code in _latin_range():
        ch = chr(code)
        assert layout.latin(ch), hex(code)
        assert (letters.match(ch) is None) is (mine.match(ch) is None), hex(code)
    # and nothing beyond those ranges gets through
    for code in [*range(0x100, 0x2000), *range(0x2070, 0xD800), *range(0xE000, 0x10000)]:
        assert not layout.latin(chr(code)), hex(code)
    assert not layout.latin("caf\u00e9 \u0131") and layout.latin("caf\u00e9 \u2014 \u00bd")


def _detect_stems_by_regex(text: str) -> set[str]:
    """``detect._stems`` as it was before the short cut: ``regex`` alone."""
    low = text.lower()
    if "'" not in low and "\u2019" not in low:
        return {w[:5] for w in detect._CONTENT.findall(low) if w not in detect._STOP}
    out = set()
    for w in detect._CONTENT.findall(low.replace("\u2019", "'")):
        if w.endswith("'s"):
            w = w[:-2]
        if w not in detect._STOP and len(w) >= 4:
            out.add(w[:5])
    return out


def _random_texts(count: int) -> list[str]:
    rng = random.Random(5)
    pieces = (
        "harbour|ferry|Stra\u00dfe|\u00c9cole|na\u00efve|\u00bdkm|x\u00b2|people's|"
        "people\u2019s|rock'n'roll|O'Brien|don\u2019t|ma\u00f1ana|\u00aaordinal|\u00b5metre|"
        "caf\u00e9s|THE|and|x|2024|a_b|\u201cquoted\u201d|\u2014|\u2026|\u200dzwj|"
        "join\u203fed|\u0131stanbul|\u0130zmir|\u017fhip|\u0441\u043b\u043e\u0432\u043e|"
        "\ud55c\uad6d\uc5b4\ub294|e\u0301cole|\u00d7|\u00f7|well-known|e-mail|\u00a0|\n|\t"
    ).split("|")
    texts = []
    for _ in range(count):
        words = rng.choices(pieces, k=rng.randint(0, 14))
        texts.append("".join(w + rng.choice([" ", "", ", ", ". ", "'"]) for w in words))
    texts += ["".join(chr(c) for c in _latin_range()), ""]
    return texts


def test_content_words_on_latin_text_are_those_regex_finds():
    texts = _random_texts(3000)
    assert sum(layout.latin(t.lower()) for t in texts) > 500  # (both paths taken)
    assert sum(not layout.latin(t.lower()) for t in texts) > 500
    for text in texts:
        assert detect._stems(text) == _detect_stems_by_regex(text), repr(text)
        expected = {w[:5] for w in scorer._CONTENT.findall(text.lower()) if w not in scorer._STOP}
        assert scorer._stems(text) == expected, repr(text)
