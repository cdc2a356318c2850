"""The promo pack's short cuts of the sixth round answer as the full tests would: a
pattern that opens on ``^`` and whose anchors a draft holds is dropped for the draft when
one search of the whole draft (its ``_proof``) finds nothing. Lines and drafts written for
these tests, put together at random from a fixed seed."""

from __future__ import annotations

import random

from copylint.parsers import parse
from copylint.promo import detect
from copylint.promo.layout import layout_of

BODY = (
    "The lifeboat crew trained in the bay on Saturday, practising a rescue from the "
    "rocks below the lighthouse while the tide was still high."
)
#: lines the shipped patterns that open on ``^`` look for, and sentences that hold their
#: anchors in the course of prose (where the patterns must not match)
LINES = [
    "Share this",
    "Share this article",
    "Like",
    "Pin",
    "Tweet",
    "Follow us on Twitter",
    "Facebook Twitter LinkedIn",
    "Sign in / Register",
    "Log in to continue reading",
    "Members, please sign in",
    "Subscribe",
    "Subscribe now",
    "Sign up for our newsletter",
    "Sign up",
    "Have a news tip?",
    "Got a story tip for us?",
    "12 comments",
    "View all comments",
    "See the community guidelines",
    "See it now",
    "Buy it here",
    "Deal: $40",
    "Price: $19.99",
    "Make us your homepage",
    "Turn on notifications",
    "Download the harbour app",
    "Accept all cookies",
    "Read the original article",
    "Skip ad",
    "Close this advert",
    "Get more harbour news here",
    "On harbournews.com: tide tables",
    "Want more stories like this?",
    "They like to share the catch and sign in at the harbour office.",
    "Visitors log in, pin notes and get the price of a deal at the kiosk.",
    "Have a look at your homepage, the skipper said, and subscribe if you like it.",
]


def _drafts(count: int) -> list[str]:
    rng = random.Random(6)
    drafts = []
    for _ in range(count):
        parts = [BODY]
        for _ in range(rng.randint(1, 5)):
            line = rng.choice(LINES)
            if rng.random() < 0.2:
                line = line.upper()
            way = rng.random()
            if way < 0.5:
                parts.append(line)
            elif way < 0.65:
                parts.append("* " + line)
            elif way < 0.85:
                parts.append(BODY + " " + line)
            else:
                # a line run into the paragraph before it (``glued_caps``)
                parts[-1] = parts[-1] + line.upper()
        parts.append(BODY)
        drafts.append(rng.choice(["\n\n", "\n"]).join(parts) + "\n")
    return drafts


def _shipped_detectors():
    from copylint.config import Config
    from copylint.engine import Linter

    lint = Linter(Config(packs=("promo",)))
    cfg, levels = lint.settings_for(".")
    return [r.detector for r, _ in lint.plan(cfg, levels)]


def test_a_pattern_that_matches_in_a_unit_is_never_dropped_by_its_proof():
    detectors = _shipped_detectors()
    proved = [d for d in detectors if d._anchored_proofs()]
    assert len(proved) >= 8  # (the shipped packs have such patterns)
    matched = dropped = 0
    for text in _drafts(300):
        lay = layout_of(parse(text, "draft.txt", None))
        runs = [run for _i, _a, _b, run in detect.glued_caps(lay)]
        for d in proved:
            live = d._compute_live(lay)
            kept = {id(p) for p in (*live.phrases, *live.cues, *live.markers)}
            present = detect._present(lay, d._literals())
            for key, _proof, anchors in d._anchored_proofs():
                p = next(q for q in (*d.phrases, *d.cues, *d.markers) if id(q) == key)
                texts = [u.match_text for u in lay.units] + runs
                if any(p.search(t) for t in texts):
                    matched += 1
                    assert key in kept, (p.pattern, text)
                elif not present.isdisjoint(anchors) and key not in kept:
                    dropped += 1
    # (the drafts exercise both answers)
    assert matched >= 300
    assert dropped >= 300


def test_each_anchored_proof_is_its_pattern_with_the_line_start_as_a_line_break():
    for d in _shipped_detectors():
        for key, proof, anchors in d._anchored_proofs():
            p = next(q for q in (*d.phrases, *d.cues, *d.markers) if id(q) == key)
            assert p.pattern.startswith("^") and anchors
            assert proof.pattern == "\\n" + p.pattern[1:]
            # (a header is matched on a unit's text stripped: never proved)
            assert all(id(h) != key for h in d.headers)


def test_a_draft_with_a_prompt_of_its_own_is_still_reported_after_drafts_without(tmp_path):
    # the patterns kept for a draft that holds an anchor ("like") and no line it opens
    # must not stand for the next draft, which has one
    import json
    import subprocess
    import sys

    plain = f"{BODY} They like the new boat.\n\n{BODY}\n"
    drafts = {"a.txt": plain, "b.txt": f"{BODY}\n\nLike\n\nShare this\n\n{BODY}\n", "c.txt": plain}
    for name, text in drafts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--no-cache", "--format", "json", "-j", "1"]
        + sorted(drafts),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    found = json.loads(out.stdout)["findings"]
    assert sorted({(f["path"], f["rule"]) for f in found}) == [("b.txt", "promo.Social")]


#: lines the shipped inserts look for (a share bar, a comment form, a link's card), and
#: prose that holds their literals and none of them
INSERT_LINES = [
    "Share this story Facebook Twitter Email",
    "1.2k shares Share Facebook Twitter",
    "Click to tweet",
    "Leave a comment Cancel reply",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Notify me of follow-up comments by email.",
    "Ann Lee Ann Lee Wins the Harbour Race by a Mile READ MORE",
    "They share the boat, reply to letters and comment on the weather.",
]


def test_a_detector_that_finds_a_block_is_one_the_rule_asks():
    # ``PromoRule.candidates`` asks for blocks only where the detector has a pattern that
    # could match, an insert whose literals the prose holds, or layout evidence
    detectors = _shipped_detectors()
    rng = random.Random(66)
    found = skipped = 0
    for _ in range(300):
        parts = [BODY]
        for _ in range(rng.randint(1, 4)):
            line = rng.choice(INSERT_LINES + LINES)
            parts.append(line if rng.random() < 0.5 else BODY + " " + line)
        parts.append(BODY)
        doc = parse("\n\n".join(parts) + "\n", "draft.txt", None)
        lay = layout_of(doc)
        for d in detectors:
            asked = d.may_find(doc, d._live(lay))
            blocks = list(d.blocks(doc))
            found += bool(blocks)
            skipped += not asked
            if blocks:
                assert asked, (d.category, [b.first.text for b in blocks])
            if d.inserts and not d._may_insert(doc):
                assert not list(d._inserted(doc, lay.units))
    assert found >= 200 and skipped >= 1000  # (both answers, many times)
