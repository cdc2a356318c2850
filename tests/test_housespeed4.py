"""The house pack's fourth round of shortcuts: each gives the answers of the slow way."""

from __future__ import annotations

import random
import re

import pytest

from copylint.parsers import parse
from test_housespeed3 import _findings

# --------------------------------------------------------------------------- spelled-out cores


def test_a_core_opening_on_a_repeated_literal_is_spelled_out():
    from copylint.rules.types._core import spelled_out

    assert spelled_out(r"(?:(?: {2,3}))") == r"(?:(?:  (?: ){0,1}))"
    assert spelled_out(r"x+y") == r"x(?:x){0,}y"
    assert spelled_out(r"a{3}b") == r"aaab"
    assert spelled_out(r"a{12,}") == r"aaaaaaaa(?:a){4,}"
    # not a repeated literal, or one read otherwise: left as it is
    for core in [r"a{0,3}", r"\d{5,9}", r"[ab]{2}", r"a{2}?", r"a++", r"(?i)a{2}", r"a{3,2}"]:
        assert spelled_out(core) == core, core


def test_a_spelled_out_core_matches_where_the_core_does():
    from copylint.rules.types._core import spelled_out

    rng = random.Random(4)
    cores = [r" {2,3}", r"(?:(?: {2,3}))", r"x+y", r"(?:a{2,})b", r"-{2}", r"(?:(?:\.{3,5}))"]
    pieces = [" ", "  ", "x", "y", "a", "b", "-", ".", "\n", "z"]
    for core in cores:
        plain, spelled = re.compile(core), re.compile(spelled_out(core))
        assert plain.pattern != spelled.pattern, core
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            assert [m.span() for m in plain.finditer(text)] == [
                m.span() for m in spelled.finditer(text)
            ], (core, text)


# --------------------------------------------------------------------------- regions


def _old_regions(doc, scope):
    """The spans of ``scope`` the way scope.py worked them out before (per call)."""
    from copylint.rules.scope import _BLOCK_SCOPES, _HEADING_LEVEL, _block_kind, _kinds

    positive = [s for s in scope if not s.startswith("~") and s != "quote"] or ["text"]
    negative = {s[1:] for s in scope if s.startswith("~")}
    if "raw" in positive:
        return [(0, len(doc.source))]
    if "sentence" in positive:
        return [
            (s.start, s.end)
            for s in doc.sentences
            if not negative or _block_kind(doc, s.start) not in _kinds(negative)
        ]
    if "text" in positive:
        kinds = {b.kind for b in doc.prose_blocks}
    else:
        kinds = set()
        for name in positive:
            kinds |= _BLOCK_SCOPES.get(name, set())
        if "title" in positive:
            kinds |= {"heading"}
    kinds -= _kinds(negative)
    levels = {int(n[-1]) for n in positive if _HEADING_LEVEL.fullmatch(n)}
    drop = {int(n[-1]) for n in negative if _HEADING_LEVEL.fullmatch(n)}
    return [
        (b.start, b.end)
        for b in doc.prose_blocks
        if (b.kind in kinds or (levels and b.kind == "heading" and b.level in levels))
        and not (b.kind == "heading" and b.level in drop)
    ]


def test_regions_worked_out_from_a_kept_reading_of_the_scope_are_as_before():
    from copylint.rules.scope import _regions

    text = (
        "---\ntitle: A day at the fair\n---\n\n# The fair opens\n\nCrowds came early. "
        "Rides ran late.\n\n## Prices\n\n- Tickets cost more.\n- Parking is free.\n\n"
        "| Item | Cost |\n| --- | --- |\n| Ride | 3 |\n\n> Best day yet, one said.\n\n"
        "### Late news\n\nThe gates shut at nine.\n"
    )
    doc = parse(text, "fair.md", None)
    scopes = [
        ("text",),
        ("text", "quote"),
        ("text", "~heading"),
        ("text", "~heading", "~table", "~list"),
        ("text", "heading", "list", "table"),
        ("heading",),
        ("heading", "quote"),
        ("paragraph",),
        ("list", "blockquote"),
        ("title",),
        ("sentence",),
        ("sentence", "~heading"),
        ("sentence", "~text"),
        ("raw",),
        ("heading.h2",),
        ("text", "~heading.h1"),
        ("paragraph", "heading.h3"),
        ("quote",),
        (),
    ]
    kinds = {b.kind for b in doc.prose_blocks}
    assert {"heading", "paragraph", "list", "table", "blockquote"} <= kinds
    for scope in scopes:
        assert _regions(doc, scope) == _old_regions(doc, scope), scope
        assert _regions(doc, scope) == _regions(doc, scope)  # the kept reading again
    assert _regions(doc, ("text", "~heading")) != _regions(doc, ("text",))


# --------------------------------------------------------------------------- search


def test_a_rule_finds_every_match_in_each_region_once_searched_first(tmp_path, run):
    # several matches in one paragraph, none in the next, one in a list item
    text = (
        "The the fans came early and and stayed late.\n\n"
        "Nothing repeats in this paragraph at all.\n\n"
        "- The rides were were full.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    repeated = [(f["line"], f["match"]) for f in found if f["rule"] == "house.RepeatedWords"]
    assert repeated == [(1, "The the"), (1, "and and"), (5, "were were")]
    two = "The board met at 9pm and again at 10 PM on Friday.\n"
    found = _findings(run, tmp_path, {"b.md": two})
    times = [f["match"] for f in found if f["rule"] == "house.AmPm"]
    assert times == ["pm", " PM"]


# --------------------------------------------------------------------------- anchors


def test_anchors_follow_alternatives_of_short_runs_that_lengthen_an_anchor():
    from copylint.rules.patterns import anchors_of

    found = anchors_of(r"(?:from|since) (?:1[6-9]|20)\d\d")
    assert found == tuple(sorted(f"{w} {y}" for w in ("from", "since") for y in range(16, 21)))
    # a short range stands for its characters; a long one does not
    assert anchors_of(r"gate [1-3]") == ("gate 1", "gate 2", "gate 3")
    assert anchors_of(r"gate [1-9]") == ("gate ",)
    # where the run before is no anchor itself (" "), the classes are not followed:
    # the month names tell more than " 16" ... " 20"
    assert anchors_of(r"(?:May|June),(?= (?:1[6-9]|20)\d\d)") == ("june,", "may,")
    # literal alternatives are followed wherever they stand, as before
    assert anchors_of(r"(?:very|most) unique") == ("most unique", "very unique")


def test_every_match_holds_one_of_its_anchors():
    from copylint.rules.patterns import anchors_of

    cases = {
        r"(?:from|between) (?:1[6-9]|20)\d\d ?[-–] ?\d\d": "from 1984-91, between 2010 – 20",
        r"(?i)(?:at|by) (?:[1-3]|1[0-2]) o'clock": "At 3 o'clock, by 12 o'clock",
        r"room [a-c]\d": "room b4 and room c2",
    }
    for pattern, text in cases.items():
        anchors = anchors_of(pattern)
        matches = [m.group().lower() for m in re.finditer(pattern, text)]
        assert anchors and len(matches) == 2, (pattern, anchors, matches)
        assert all(any(a in m for a in anchors) for m in matches), (pattern, anchors)


# --------------------------------------------------------------------------- findings

_CASES = {
    # the core " {2,3}" spelled out ("  (?: ){0,1}")
    "house.DoubleSpaces": (
        {
            "a.md": "The vote was close.  The count starts today.\n",
            "b.md": "The river   rose overnight, and the  bridge shut.\n",
            "c.md": "Four spaces    here are not a double space.\n",
            "d.md": "One space only, between every word.\n",
        },
        [("a.md", "  "), ("b.md", "  "), ("b.md", "   ")],
    ),
    # anchors "from 16" ... "between 20"
    "house.FromToRange": (
        {
            "a.md": "She ran the club from 1984-1991, its best years.\n",
            "b.md": "Rents rose between 2010–2020 in the old town.\n",
            "c.md": "She ran the club from 1984 to 1991, and from then on she wrote.\n",
            "d.md": "They walked from 18 to 20 miles a day.\n",
        },
        [("a.md", "from 1984-1991"), ("b.md", "between 2010–2020")],
    ),
    # the one search before a finditer, in each region (no anchors)
    "house.UnbalancedParentheses": (
        {
            "a.md": "The board (which met on Friday voted to close the pool.\n",
            "b.md": "The board which met on Friday) voted to close the pool.\n",
            "c.md": "The board (which met on Friday) voted. Nice :-)\n",
            "d.md": "No brackets here at all, just a plain line.\n",
        },
        [("a.md", "("), ("b.md", ")")],
    ),
    # the pairs' anchors found in the rule set's one pass
    "house.Consistency": (
        {
            # "toward" twice, "towards" once: the one "towards" is flagged
            "a.md": "We walked toward the pier, then toward the boats, and back towards town.\n",
            # only one form: nothing to flag
            "b.md": "We walked toward the pier and toward the boats.\n",
            # the two forms of another pair, the second wrapped over two lines
            "c.md": "Health care costs rose.\nThe healthcare bill\npassed, and healthcare\nwon.\n",
        },
        [("a.md", "towards"), ("c.md", "Health care")],
    ),
}


@pytest.mark.parametrize("rule", sorted(_CASES))
def test_rules_with_new_shortcuts_find_as_before(tmp_path, run, rule):
    files, expected = _CASES[rule]
    found = _findings(run, tmp_path, files)
    assert sorted((f["path"], f["match"]) for f in found if f["rule"] == rule) == expected
