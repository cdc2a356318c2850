"""The promo pack's short cuts answer as the full tests would: the attribution test's
regex run only on text that ends as it needs, a detector's patterns kept per set of
anchors present, words found by an ASCII pattern on plain text. Drafts and sentences
written for these tests."""

from __future__ import annotations

import json
import re

import pytest

from copylint.promo import layout


@pytest.mark.parametrize(
    "text",
    [
        "The pier will close in June, the harbour master said.",
        "The pier will close in June, the harbour master said.'",
        "The pier will close in June, the harbour master said.’   ",
        'The pier will close in June; so the harbour master says!"',
        "The pier will close in June, the harbour master said",
        "The pier will close in June the harbour master said.",
        "The pier will close in June, the harbour master said.''",
        "The pier will close, according to the notice on the gate.",
        "The pier will close in June, said.\n",
        "",
        ".",
    ],
)
def test_the_attribution_short_cut_agrees_with_its_pattern(text):
    assert layout._attributed(text) is (layout._ATTRIBUTION.search(text) is not None)


PARAGRAPH = (
    "The lifeboat crew trained in the bay on Saturday, practising a rescue from the "
    "rocks below the lighthouse while the tide was still high."
)


def _rules_by_draft(tmp_path, run, drafts: dict[str, str]) -> dict[str, list[str]]:
    """The promo pack alone over ``drafts`` in one run (``-j 1``): each draft's rules
    with a finding."""
    for name, text in drafts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    result = run("check", "--format", "json", "--no-cache", "-j", "1", *drafts)
    rows = json.loads(result.output)["findings"]
    return {name: sorted(r["rule"] for r in rows if r["path"] == name) for name in drafts}


def test_a_detectors_patterns_are_kept_per_document_in_turn(tmp_path, run):
    # one run, one detector per category: one category's anchors present in one draft,
    # another's in the next, then the first again: each draft's findings are its own
    sign_up = PARAGRAPH + "\n\nSign up for our free morning newsletter\n"
    ad = PARAGRAPH + "\n\nAdvertisement\n\n" + PARAGRAPH + "\n"
    drafts = {"a.txt": sign_up, "b.txt": ad, "c.txt": sign_up, "d.txt": PARAGRAPH + "\n"}
    assert _rules_by_draft(tmp_path, run, drafts) == {
        "a.txt": ["promo.Newsletter"],
        "b.txt": ["promo.Ad"],
        "c.txt": ["promo.Newsletter"],
        "d.txt": [],
    }


def test_the_ascii_word_pattern_reads_letters_and_digits_as_the_standard_one():
    # every character ``_WIDE`` lets through is a letter or digit for ``_WORD_ASCII``
    # exactly when it is one for ``_WORD_RE``
    letters = re.compile(r"[^\W_]")
    ascii_letters = re.compile(r"[A-Za-z0-9]")
    for code in [*range(0x80), *range(0x2000, 0x2070)]:
        ch = chr(code)
        assert layout._WIDE.search(ch) is None
        assert (letters.match(ch) is None) is (ascii_letters.match(ch) is None), hex(code)
    assert layout._WIDE.search("café") is not None
    text = "The ferry’s 3.5-km run — “rock'n'roll” & x-rays… at 9am"
    assert layout._WIDE.search(text) is None
    assert layout._words(text) == layout._WORD.findall(text)


def test_a_detectors_patterns_are_kept_per_document_by_the_proofs_that_fail(tmp_path, run):
    # none of promo.Ad's anchors in any draft; its unanchored cue ("Sponsored" alone on
    # its line) matches nowhere in the first draft, then in the second, then nowhere
    # again: the patterns kept for the first draft must not stand for the second
    sponsored = PARAGRAPH + "\n\nSponsored\n\n" + PARAGRAPH + "\n"
    drafts = {"a.txt": PARAGRAPH + "\n", "b.txt": sponsored, "c.txt": PARAGRAPH + "\n"}
    assert _rules_by_draft(tmp_path, run, drafts) == {
        "a.txt": [],
        "b.txt": ["promo.Ad"],
        "c.txt": [],
    }


def test_the_ascii_sentence_breaks_read_letters_and_digits_as_regex_does():
    # on every character ``_WIDE`` lets through, the classes of ``_GLUED`` and
    # ``_SENT_BREAK`` answer as their ``re`` versions' do
    import regex

    pairs = [(r"\p{Lu}", "[A-Z]"), (r"\p{Ll}", "[a-z]"), (r"[\p{Lu}\p{N}]", "[A-Z0-9]")]
    for code in [*range(0x80), *range(0x2000, 0x2070)]:
        ch = chr(code)
        assert layout._WIDE.search(ch) is None
        for wide, narrow in pairs:
            assert (regex.match(wide, ch, regex.V1) is None) is (re.match(narrow, ch) is None)


@pytest.mark.parametrize(
    "text",
    [
        'The pier closed. It opens in June.  Crews said: "Work starts now." 3 boats wait.',
        "It rained.\tThen (Later) it stopped!  'Quiet' now? Yes… 4 left: Done",
        "Hours passed.You may also like this.Get the app now",
        "The ferry’s run ended. “Next” week… the crew rests.\u00a0 Then work",
        "Straße closed. Über alles.  Ünter  way",
        "plain text with no stop at all",
    ],
)
def test_sentence_breaks_on_plain_text_are_those_of_the_regex_patterns(text):
    plain = text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0xA0: " "})
    expected = layout._SENT_BREAK.sub(layout._break, layout._GLUED.sub("\n", plain))
    assert layout._normalise(text) == expected


def test_digits_and_marker_starts_on_plain_text_are_the_characters_tested():
    # on text that ``_WIDE`` finds nothing in, the only digits are ASCII ones and the
    # only characters ``_MARKER_START`` looks for are these four
    for code in [*range(0x80), *range(0x2000, 0x2070)]:
        ch = chr(code)
        assert layout._WIDE.search(ch) is None
        assert ch.isdigit() is (ch in "0123456789"), hex(code)
        assert (layout._MARKER_START.match(ch) is not None) is (ch in "<>[›"), hex(code)
    for text in [
        "Scores 3-1, 2-2 and 10 goals",
        "No digits at all",
        "Café ²3 ¹ ① 4x",
        "x ³y",
        "Next › More",
        ">>> Sign up",
        "→ Read more",
        "[AD] x",
        "plain",
    ]:
        narrow = layout._WIDE.search(text) is None
        words = layout._words(text)
        assert layout._digit_words(text, words, narrow) == sum(1 for w in words if w[:1].isdigit())
        assert layout._marker_start(text, narrow) is (layout._MARKER_START.search(text) is not None)
        assert layout._normalise(text, narrow) == layout._normalise(text)


CARD = (
    "The council met on Monday to discuss the harbour budget for next year.\n\n"
    "Rep. Dana Whitfield Dana WhitfieldWhitfield backs harbour bill | Ferry fares to "
    "rise in spring | Port strike ends {more} (D-Maine) said the plan was sound.\n"
)


def _teaser_inserts():
    from copylint.config import Config
    from copylint.engine import Linter

    lint = Linter(Config(packs=("promo",)))
    cfg, levels = lint.settings_for(".")
    rule = next(r for r, _ in lint.plan(cfg, levels) if r.meta.id == "promo.Teaser")
    return rule.detector


def test_a_case_sensitive_inserts_literals_keep_their_case():
    from copylint.promo import detect

    det = _teaser_inserts()
    assert [detect._case_anchors(p) for p in det.inserts] == [(" MORE",)]

    def pat(source):
        return re.compile(source, re.I | re.M)

    # not case-sensitive from end to end, or case-insensitive again inside: no answer
    assert detect._case_anchors(pat(r"(?-i:Share (?P<t>\w+) share)(?<=\w)")) is None
    assert detect._case_anchors(pat(r"(?-i:Read (?i:MORE) now)")) is None
    assert detect._case_anchors(pat(r"read more now")) is None
    assert detect._case_anchors(pat(r"(?-i:Read MORE now)")) == ("Read MORE now",)


@pytest.mark.parametrize("more", ["MORE", "more", "More", "MOre"])
def test_inserts_skipped_by_their_case_literals_are_those_that_match_nowhere(more):
    from copylint.parsers import parse
    from copylint.promo import detect

    det = _teaser_inserts()
    doc = parse(CARD.format(more=more), "card.txt", "text")
    units = detect.layout_of(doc).units
    short = list(det._inserted(doc, units))
    # the same without the short cut: every insert searched
    saved = dict(detect._CASE)
    try:
        detect._CASE.update({k: None for k in saved})
        full = list(det._inserted(doc, units))
    finally:
        detect._CASE.clear()
        detect._CASE.update(saved)
    assert short == full
    assert bool(full) is (more == "MORE")
