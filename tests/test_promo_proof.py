"""A promo pattern with no anchor literal is tried on every unit of a draft; one search
of the whole draft (``detect._matches_somewhere``) proves most never match there. The
proof must never drop a pattern that matches in some unit. Drafts written for these
tests."""

from __future__ import annotations

import json

import pytest
import regex

from copylint.parsers import parse
from copylint.promo.detect import FLAGS, Detector, _matches_somewhere
from copylint.promo.layout import layout_of

BODY = (
    "The ferry left the harbour an hour late on Friday because of the fog, and the "
    "crossing took twice as long as usual."
)
#: no literal of three letters or more on every branch: no anchors
CUE = regex.compile(r"^(?:ad|pr|ads)\W*$", FLAGS)


def layout(text: str):
    return layout_of(parse(text, "draft.txt", None))


def test_a_line_of_its_own_is_found():
    assert _matches_somewhere(layout(f"{BODY}\n\nAd\n\n{BODY}\n"), CUE)


def test_the_first_line_and_a_line_after_a_list_marker_are_found():
    assert _matches_somewhere(layout(f"PR\n\n{BODY}\n"), CUE)
    assert _matches_somewhere(layout(f"{BODY}\n\n* Ads\n"), CUE)


def test_a_sentence_of_a_line_is_found():
    # the sentence break inside the unit is a line start for matching
    assert _matches_somewhere(layout(f"{BODY} Ad\n"), CUE)


def test_words_inside_sentences_are_not_matches():
    assert not _matches_somewhere(layout(f"{BODY} The ad ran twice.\n\nPR firms agreed.\n"), CUE)


def test_a_pattern_that_looks_past_its_match_is_always_kept():
    # a lookbehind could see the line before a unit in the joined text: no proof
    behind = regex.compile(r"(?<!x)zzz", FLAGS)
    assert _matches_somewhere(layout(f"{BODY}\n"), behind)
    flags_off = regex.compile(r"(?-m)^zzz$", FLAGS)
    assert _matches_somewhere(layout(f"{BODY}\n"), flags_off)


def test_top_level_alternatives_are_searched_as_written():
    either = regex.compile(r"^zzz\W*$|\bferry left\b", FLAGS)
    assert _matches_somewhere(layout(f"{BODY}\n"), either)
    assert not _matches_somewhere(layout("The bus was on time.\n"), either)


def test_the_detector_still_flags_what_an_unanchored_cue_matches():
    detector = Detector("ad", cues=[CUE])
    doc = parse(f"{BODY}\n\nAd\n\n{BODY}\n", "draft.txt", None)
    hits, _ = detector.flagged(doc)
    assert hits == {1}
    clean = parse(f"{BODY}\n\n{BODY}\n", "draft.txt", None)
    assert detector.flagged(clean) == (set(), {})


def test_a_pattern_compiled_without_multiline_is_always_kept():
    # its ``^`` answers only at a unit's own start: the joined text cannot tell
    single = regex.compile(r"^zzz", regex.IGNORECASE)
    assert _matches_somewhere(layout(f"{BODY}\n"), single)


#: drafts of my own with a promo line of the kinds the shipped unanchored patterns
#: look for, at the top, between paragraphs, after a bullet and at the end
PROMO_LINES = [
    "Advertisement",
    "Sponsored content",
    "Watch:",
    "Podcast",
    "Buy it now at Harbourmart",
    "Shop now: Harbourmart",
    "$40 at Harbourmart",
    "Read more: Island council approves new pier",
    "Related stories",
    "Up next",
]


def drafts():
    for line in PROMO_LINES:
        yield f"{line}\n\n{BODY}\n"
        yield f"{BODY}\n\n{line}\n\n{BODY}\n"
        yield f"{BODY}\n\n* {line}\n"
        yield f"{BODY} {line}\n"
        yield f"{BODY}\n{line}"


def test_every_shipped_proof_finds_each_pattern_where_a_unit_matches():
    from copylint.rules.loader import load_packs

    ruleset = load_packs(["promo"])
    detectors = [r.detector for r in ruleset.rules if hasattr(r, "detector")]
    checked = matched = 0
    for d in detectors:
        phrases, cues, _headers, markers = d._unanchored()
        proofs = dict(d._proofs())
        for p in (*phrases, *cues, *markers):
            proof = proofs.get(id(p))
            if proof is None:
                continue
            for text in drafts():
                lay = layout(text)
                in_a_unit = any(p.search(u.match_text) for u in lay.units)
                checked += 1
                matched += in_a_unit
                if in_a_unit:
                    assert _matches_somewhere(lay, p), (p.pattern, text)
    assert checked >= 5 * len(PROMO_LINES) * 4  # the shipped packs have such patterns
    assert matched >= 20  # and the drafts hold lines they match


def test_the_cli_reports_lines_only_unanchored_patterns_find(tmp_path):
    import json
    import subprocess
    import sys

    para = f"{BODY}\n\n"
    lines = ["Advertisement", "Watch:", "Buy it now at Harbourmart", "Read more: Pier approved"]
    draft = tmp_path / "draft.md"
    draft.write_text(para + "".join(f"{line}\n\n{para}" for line in lines), encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text(para + para + f"{BODY} The ad ran twice, and you can watch it.\n")
    out = subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--no-cache", "--format", "json", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    found = json.loads(out.stdout)["findings"]
    rules = {(f["path"].rsplit("/", 1)[-1], f["rule"], f["match"]) for f in found}
    assert rules == {
        ("draft.md", "promo.Ad", "Advertisement"),
        ("draft.md", "promo.AppMedia", "Watch:"),
        ("draft.md", "promo.Affiliate", "Buy it now at Harbourmart"),
        ("draft.md", "promo.Teaser", "Read more:"),
    }


#: a cue of a pack of the user's own with no anchor literal, whose ``^`` and ``$``
#: hold at a line's edges, and a repeat between them that gives nothing back
OWN_PACK = """\
extends: promo
category: ad
message: "Leftover ad label: delete it."
description: An ad label of our own.
level: warning
cues:
  - "{cue}"
"""


@pytest.mark.parametrize(
    "cue",
    [
        # possessive: in the joined draft it runs on over the line break into the next
        # line, where ``$`` fails, and does not give the line break back
        r"^(?:ad|pr)[^a-z]*+$",
        # an atomic group, likewise
        r"^(?:ad|pr)(?>[^a-z]*)$",
    ],
)
def test_a_cue_that_gives_nothing_back_is_still_found(tmp_path, run, cue):
    (tmp_path / "copylint.toml").write_text('packs = ["ours"]\n', encoding="utf-8")
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "Label.yml").write_text(
        OWN_PACK.format(cue=cue.replace("\\", "\\\\")), encoding="utf-8"
    )
    (tmp_path / "draft.txt").write_text(f"{BODY}\n\nAd\n\n{BODY}\n", encoding="utf-8")
    out = json.loads(run("check", "--format", "json", "draft.txt").output)
    assert [(f["rule"], f["match"].strip()) for f in out["findings"]] == [("ours.Label", "Ad")]
