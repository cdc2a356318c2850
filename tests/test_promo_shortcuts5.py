"""The promo pack's short cuts of the fifth round answer as the full tests would: content
words found by the standard ``re`` on Latin-1 text, a marker tried only where it may
stand. Drafts and sentences written for these tests, and texts made at random from a
fixed seed."""

from __future__ import annotations

import random
import re

import pytest
import regex

from copylint.parsers import parse
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


def _marker_by_finditer(u, markers, live):
    """``Detector._marker`` as it was before the short cut: ``finditer`` over the unit."""
    core = u.core_start - u.start
    text = u.match_text
    for p in markers:
        if not live.could(p, u):
            continue
        for m in p.finditer(text, core):
            if m.start() == core or text[m.start() - 1] == "\n":
                return m
    return None


def _shipped_detectors():
    from copylint.config import Config
    from copylint.engine import Linter

    lint = Linter(Config(packs=("promo",)))
    cfg, levels = lint.settings_for(".")
    return [r.detector for r, _ in lint.plan(cfg, levels) if r.detector.markers]


LINES = [
    "More harbour stories Ferry fares rise again in spring",
    "The crew read more about it. Related stories: Pier closes",
    "Officials said there would be more news later. Read more: Council votes",
    "ADVERTISEMENT The harbour reopened on Monday after repairs.",
    "Advertisement",
    "You may also like The lighthouse keeper's last winter",
    "- Sponsored: Boat insurance from Harbour Mutual",
    "He wanted more stories. More stories From Harbour News",
    "Also read\n: Tide tables for May",
    "popular on Harbour TV this week",
    "There is more news\nMore news Tide turns",
]


def _drafts(count: int) -> list[str]:
    rng = random.Random(13)
    body = (
        "The lifeboat crew trained in the bay on Saturday, practising a rescue from the "
        "rocks below the lighthouse while the tide was still high."
    )
    drafts = []
    for _ in range(count):
        parts = [body]
        for _ in range(rng.randint(1, 6)):
            line = rng.choice(LINES)
            if rng.random() < 0.3:
                line = line.upper()
            parts.append(line if rng.random() < 0.6 else body + " " + line)
        parts.append(body)
        drafts.append(rng.choice(["\n\n", "\n"]).join(parts) + "\n")
    return drafts


def test_a_marker_tried_where_it_may_stand_is_the_one_finditer_finds():
    detectors = _shipped_detectors()
    assert detectors and all(detect._tried_alike(p) for d in detectors for p in d.markers)
    found = 0
    for i, text in enumerate(_drafts(150)):
        doc = parse(text, f"d{i}.txt", "text")
        lay = detect.layout_of(doc)
        for det in detectors:
            live = det._live(lay)
            for u in lay.units:
                short = det._marker(u, det.markers, live)
                full = _marker_by_finditer(u, det.markers, live)
                assert (short and short.span()) == (full and full.span()), (text, u.text)
                found += full is not None
    assert found > 50


def test_a_marker_that_runs_over_a_sentence_start_is_still_found_by_finditer():
    # ``x.\ny`` matches over the sentence start where ``y`` would: the quick test finds
    # ``y`` there, and the scan then answers as before (no match at a start)
    det = detect.Detector("test", markers=[regex.compile(r"x\.\ny|y", detect.FLAGS)])
    doc = parse("Some words on the ax. Y and more words follow here.\n", "m.txt", "text")
    lay = detect.layout_of(doc)
    (u,) = lay.units
    assert "ax.\nY" in u.match_text
    live = det._live(lay)
    assert det._marker(u, det.markers, live) is None
    assert _marker_by_finditer(u, det.markers, live) is None


@pytest.mark.parametrize(
    ("source", "flags", "alike"),
    [
        (r"advertisement", detect.FLAGS, True),
        (r"\Gadvertisement", detect.FLAGS, False),
        (r"advertisement", detect.FLAGS | regex.REVERSE, False),
        (r"(?r)advertisement", detect.FLAGS, False),
    ],
)
def test_patterns_tried_otherwise_by_finditer_are_scanned_whole(source, flags, alike):
    p = regex.compile(source, flags)
    assert detect._tried_alike(p) is alike
    det = detect.Detector("test", markers=[p])
    doc = parse("Body text here.\n\nAdvertisement The pier reopened.\n", "r.txt", "text")
    lay = detect.layout_of(doc)
    live = det._live(lay)
    for u in lay.units:
        short = det._marker(u, det.markers, live)
        full = _marker_by_finditer(u, det.markers, live)
        assert (short and short.span()) == (full and full.span())


@pytest.mark.parametrize(
    "text",
    [
        "ΟΔΟΣ\nΣΟΦΙΑ ΚΑΙ ΟΔΟΣ. Σ ΝΕΑ\n\nΑΣ\n'Σ' και Σ.\n",
        "The İzmir ferry ran late. The crew said so.\n\nİ\n",
        "The ſhip and the ıce. Nothing else.\nLine two\n",
        "Plain words only.\n\nA second line. And a third sentence here.\n",
        "\n",
        "Straße und ÜBER\n\nΣ\n",
    ],
)
def test_the_units_folded_texts_are_their_match_texts_folded(text):
    from copylint.document import fold

    lay = detect.layout_of(parse(text, "f.txt", "text"))
    assert lay.unit_folded == [fold(u.match_text) for u in lay.units]


def test_the_units_folded_texts_on_random_drafts():
    from copylint.document import fold

    for i, text in enumerate(_random_texts(400)):
        lay = detect.layout_of(parse(text.replace(". ", ".\n"), f"r{i}.txt", "text"))
        assert lay.unit_folded == [fold(u.match_text) for u in lay.units], repr(text)
