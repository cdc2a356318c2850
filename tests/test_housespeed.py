"""Shortcuts taken for speed give the same answers as the slow way they replace."""

from __future__ import annotations

import dataclasses
import re

import regex

from copylint.document import fold
from copylint.parsers import parse
from copylint.promo import detect, layout
from copylint.promo.detect import FLAGS, Detector
from copylint.rules.model import RuleMeta
from copylint.rules.types.promo import PromoRule


def test_fold_maps_letters_that_ignorecase_takes_for_ascii():
    assert fold("SIGN Up") == "sign up"
    # long s and dotless i match s and i case-insensitively: a literal test must see them
    assert "sign" in fold("ſign") and "kil" in fold("Kıl")
    assert regex.search("sign", "ſign", regex.I) and re.search("kil", "Kıl", re.I)


def test_ellipsis_shortcuts_agree_with_their_patterns():
    samples = [
        "Read on...",
        "Read on …",
        "Read on...”",
        'Read on..."',
        "the mayor said, and...",
        "and the …",
        "A full stop.",
        "Three dots... in the middle",
        "",
        "…",
        "x...'",
        "...",
        "for the ...’",
    ]
    for text in samples:
        s = text.rstrip()
        assert layout._truncated(s) == bool(layout._TRUNCATED.search(s)), text
        assert detect._small_end(s) == bool(detect._SMALL_END.search(s)), text


def _rule(**spec) -> PromoRule:
    meta = RuleMeta(id="promo.Test", type="promo", path="Test.yml", message="%s: %s")
    return PromoRule(meta, {"category": "test", **spec})


def test_patterns_whose_literals_are_missing_are_not_tried_but_findings_stay():
    rule = _rule(
        phrases=[r"^sign up for our (?:daily )?bulletin", r"^subscribe\b"],
        cues=[r"^more from the desk$", r"^\W*$"],
    )
    det = rule.detector
    # anchors come from the pattern text; a pattern with none is always tried
    assert det.anchors[r"^subscribe\b"] == ("subscribe",)
    assert det.anchors[r"^\W*$"] is None
    text = (
        "The council met on Tuesday to debate the new depot plan for the town.\n\n"
        "Sign up for our daily bulletin\n\n"
        "The vote is expected in the spring, after the report has been read.\n"
    )
    doc = parse(text, "draft.md")
    live = det._live(layout.layout_of(doc))
    assert [p.pattern for p in live.phrases] == [r"^sign up for our (?:daily )?bulletin"]
    assert [p.pattern for p in live.cues] == [r"^\W*$"]
    # same blocks as a detector that knows no anchors (tries every pattern everywhere)
    blind = dataclasses.replace(det, anchors={})
    fresh = parse(text, "draft.md")
    got = [(b.start, b.end) for b in det.blocks(doc)]
    assert got and got == [(b.start, b.end) for b in blind.blocks(fresh)]


def test_an_unlisted_pattern_is_always_tried():
    pat = regex.compile("zebra crossing", FLAGS)
    det = Detector("test", phrases=[pat])
    doc = parse("Nothing about animals here, only a short line.\n", "draft.md")
    assert list(det._live(layout.layout_of(doc)).phrases) == [pat]
