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
    live = _live_as_blind(
        det,
        "The council met on Tuesday to debate the new depot plan for the town.\n\n"
        "Sign up for our daily bulletin\n\n"
        "The vote is expected in the spring, after the report has been read.\n",
    )
    assert [p.pattern for p in live.phrases] == [r"^sign up for our (?:daily )?bulletin"]
    # (no line of the draft is all punctuation: one search of the whole draft shows it)
    assert list(live.cues) == []
    live = _live_as_blind(
        det,
        "The council met on Tuesday to debate the new depot plan for the town.\n\n"
        "* * *\n\n"
        "Sign up for our daily bulletin\n",
    )
    assert [p.pattern for p in live.cues] == [r"^\W*$"]


def _live_as_blind(det, text):
    """``det``'s live patterns in ``text``, once its blocks there are checked to be
    those of a detector that knows no anchors (tries every pattern everywhere)."""
    doc = parse(text, "draft.md")
    blind = dataclasses.replace(det, anchors={})
    got = [(b.start, b.end) for b in det.blocks(doc)]
    assert got and got == [(b.start, b.end) for b in blind.blocks(parse(text, "draft.md"))]
    return det._live(layout.layout_of(doc))


def test_where_none_of_its_anchors_occurs_a_detector_tries_only_its_unanchored_patterns():
    rule = _rule(
        phrases=[r"^join the allotment society\b", r"^\p{Lu}{2}\d{4}$"],
        cues=[r"^plot waiting list$"],
        markers=[r"^seed swap\b"],
    )
    det = rule.detector
    text = (
        "The allotments by the canal flooded twice this winter, the tenants said.\n\n"
        "QB1987\n\n"
        "Drainage work is planned for the summer, when the beds are dry.\n"
    )
    live = _live_as_blind(det, text)
    assert det.anchors[r"^\p{Lu}{2}\d{4}$"] is None
    assert [p.pattern for p in live.phrases] == [r"^\p{Lu}{2}\d{4}$"]
    assert list(live.cues) == [] and list(live.markers) == []
    # the lists of a detector with no anchors at all are its own lists
    bare = Detector("test", phrases=[regex.compile(r"^\p{Lu}{2}\d{4}$", FLAGS)])
    assert bare._live(layout.layout_of(parse(text, "draft.md"))).phrases is bare.phrases


def test_an_unlisted_pattern_is_tried_where_the_whole_document_has_a_match():
    pat = regex.compile("zebra crossing", FLAGS)
    det = Detector("test", phrases=[pat])
    doc = parse("Nothing about animals here, only a short line.\n", "draft.md")
    assert list(det._live(layout.layout_of(doc)).phrases) == []
    doc = parse("A new zebra crossing opens by the school.\n", "draft.md")
    assert list(det._live(layout.layout_of(doc)).phrases) == [pat]


def test_anchors_follow_repeats_small_classes_and_marks():
    from copylint.rules.patterns import anchors_of

    assert anchors_of(r"(?<![?!])!{2,}(?![?!])") == ("!!",)
    assert anchors_of(r"(?<=\w)[ \t]+,(?=\s)") == ("\t,", " ,")
    assert anchors_of(r"(?<=[^\s—])—(?=[^\s—])") == ("—",)
    assert anchors_of(r"ab{2,5}c") == ("abb",)  # more b's may follow: "bc" is not needed
    assert anchors_of(r"(?:ab|xyz)") is None  # two letters: too common to test for
    assert anchors_of(r"x{0,3}") is None
    # every match of each pattern contains one of its anchors
    cases = {
        r"(?<=\S)(?:[ \t]—|—[ \t])(?=\S)": "a — b, c —d, e—\tf",
        r"ab{2,5}c": "abbc abbbbbc",
        r"[?!]{2,}": "what?! no!! yes??",
        r"(?:Mr|Dr)\.{1,2} [A-Z]": "Mr. X and Dr.. Y",
    }
    for pattern, text in cases.items():
        anchors = anchors_of(pattern)
        matches = [m.group().lower() for m in re.finditer(pattern, text)]
        assert anchors and matches, pattern
        assert all(any(a in m for a in anchors) for m in matches), (pattern, anchors)


def _substitution(swap: dict[str, str], nonword: bool = True, ignorecase: bool = False):
    from copylint.rules.types.substitution import SubstitutionRule

    meta = RuleMeta(
        id="house.Test",
        type="substitution",
        path="Test.yml",
        message="'%s' not '%s'",
        nonword=nonword,
        ignorecase=ignorecase,
    )
    return SubstitutionRule(meta, {"swap": swap})


def _whole(rule, doc):
    """(key, span) of every match of the whole swap pattern: the slow way."""
    from copylint.rules.scope import regions

    n = len(rule.pairs)
    out = []
    for s, e in regions(doc, rule.meta.scope):
        for m in rule.pattern.compiled.finditer(doc.prose, s, e):
            out.append((next(i for i in range(n) if m.group(f"_k{i}") is not None), m.span()))
    return out


def test_keys_searched_one_by_one_find_what_the_whole_pattern_finds():
    swap = {
        # overlapping keys: the earlier key wins a tie, the leftmost match wins
        r"\bnew york city\b": "New York City",
        r"\bnew york\b": "New York",
        r"(?<=\d)\s?percent\b": "%",
        r"\bMar\.?(?=\s\d)": "March",
        r"\bSept(?=\s\d)": "Sept.",
        r"(?<![.\s])\.\.(?![.])": ".",
        r"!{2,}": "!",
        r"\bkingdom\b": "Kingdom",
        r"\btoday\b": "on Tuesday",
    }
    rule = _substitution(swap)
    assert rule.keyed.branches is not None
    texts = [
        "In new york city and new york, 5 percent rose on Mar 3.. Wow!!! Sept 4 new york",
        "Only new york city here, and new york city again: new york.",
        "Prices rose 12percent and 3 percent.. then Mar. 9 came!! new yorker",
        "Nothing to see here.",
    ]
    for text in texts:
        doc = parse(text + "\n", "draft.md")
        live = [i for i, b in enumerate(rule.keyed.branches) if b.could_match(doc.folded_prose)]
        assert len(live) < len(swap)  # some keys are not tried at all
        got = [(i, m.span()) for i, m in rule.keyed.matches(doc)]
        assert got == _whole(rule, doc), text
    # the hits are those the whole pattern gives
    doc = parse(texts[0] + "\n", "draft.md")
    hits = [(h.start, h.end, h.message) for h in rule.check(doc, None)]
    assert (3, 16, "'New York City' not 'new york city'") in hits
    assert len(hits) == len(_whole(rule, doc))


def test_a_key_that_matches_empty_text_falls_back_to_the_whole_pattern():
    import pytest

    from copylint.rules.types import _keyed

    keys = [r"x*", r"\bqq\b", r"\bzzz\b", r"\bwww\b", r"\bvvv\b", r"\buuu\b"]
    rule = _substitution({k: "y" for k in keys})
    doc = parse("ab qq cd\n", "draft.md")
    alone = [(i, rule.keyed._compiled_alone(i)) for i in (0, 1)]
    with pytest.raises(_keyed._EmptyMatch):
        _keyed._leftmost_first(alone, doc.prose, 0, 8)
    got = [(i, m.span()) for i, m in rule.keyed.matches(doc)]
    assert got == _whole(rule, doc) and any(s == e for _, (s, e) in got)


def test_keys_that_read_otherwise_alone_keep_the_whole_pattern():
    assert _substitution({r"(?P<w>\w+) (?P=w)": "x", "abc": "y", "def": "z"}).keyed.branches is None
    assert _substitution({"(?i)abc": "x", "def": "y", "ghi": "z"}).keyed.branches is None


def test_the_engine_of_the_whole_pattern_is_kept_so_keys_alone_use_it(tmp_path):
    from copylint.rules.loader import load_rule_file
    from copylint.rules.patterns import PatternCache

    rule_file = tmp_path / "Titles.yml"
    rule_file.write_text(
        "extends: substitution\nmessage: \"'%s' not '%s'\"\nnonword: true\nswap:\n"
        "  '(?<!\\b(?:the|a)\\s)\\bmayor(?=\\s\\p{Lu})': Mayor\n"
        "  '\\bpope(?=\\s\\p{Lu})': Pope\n"
        "  '\\bqueen(?=\\s\\p{Lu})': Queen\n",
        encoding="utf-8",
    )
    cache = PatternCache(tmp_path / "patterns.json")
    first = load_rule_file(rule_file, "house", cache)
    cache.save()
    # the whole pattern needs regex (a lookbehind of varying width): so does each key
    assert first.keyed._engine == "regex"
    again = load_rule_file(rule_file, "house", PatternCache(tmp_path / "patterns.json"))
    assert again.keyed._engine == "regex" and again.pattern.compiled_yet is None
    alone = again.keyed._compiled_alone(2)
    # (a rule file of the user's own: the key alone is a timed LazyPattern, which
    # regex compiles too)
    assert isinstance(getattr(alone, "compiled", alone), regex.Pattern)
    assert again.pattern.compiled_yet is None  # learnt from the cache, not by compiling
    doc = parse("They met mayor Ortega and queen Maud.\n", "draft.md")
    assert [(i, m.span()) for i, m in again.keyed.matches(doc)] == _whole(again, doc)


def test_an_anchor_holding_another_is_dropped():
    from copylint.rules.patterns import anchors_of

    assert anchors_of(r"\b(?:colou?r|colored|discolored)\b") == ("colo",)
    assert anchors_of(r"\b(?:color|colored|discolored|colors)\b") == ("color",)
    assert anchors_of(r"\b(?:theater|theaters|amphitheater)\b") == ("theater",)


def test_existence_tokens_searched_one_by_one_find_what_the_whole_pattern_finds():
    from copylint.rules.types.existence import ExistenceRule

    tokens = [
        "(?:a )?chip off the old block",
        "(?:as )?sick as a dog",
        "old block",  # overlaps the first: the leftmost match wins, the first on a tie
        "(?:hit|hits|hitting) the nail on the head",
        "dog",
    ] + [f"filler phrase {n}" for n in "abcdefghij"]  # absent: those five are searched alone
    meta = RuleMeta(id="house.T", type="existence", path="T.yml", message="%s", ignorecase=True)
    rule = ExistenceRule(meta, {"tokens": tokens})
    assert rule.keyed is not None and rule.keyed.branches is not None
    texts = [
        "He is a chip off the old block, sick as a dog, and hits the nail on the head.",
        "The old block and the dog. Hitting the nail on the head.",
        "Nothing here at all.",
    ]
    for text in texts:
        doc = parse(text + "\n", "draft.md")
        got = [h.match for h in rule.check(doc, None)]
        whole = [m.group() for m in rule.pattern.compiled.finditer(doc.prose)]
        assert got == whole, text
    doc = parse(texts[0] + "\n", "draft.md")
    assert [h.match for h in rule.check(doc, None)] == [
        "a chip off the old block",
        "sick as a dog",
        "hits the nail on the head",
    ]
    # a token list with a back reference keeps the one pattern
    again = ExistenceRule(meta, {"tokens": [r"(\w+) \1", "abc", "def"]})
    assert again.keyed is None


def test_promo_rule_type_uses_the_detector_flags_without_importing_it():
    # rules/types/promo.py keeps its own copy so that loading the pack does not
    # import the detector (a run answered by the results cache never needs it)
    from copylint.rules.types import promo as promo_type

    assert promo_type.FLAGS == FLAGS


def test_a_run_answered_by_the_cache_never_imports_the_promo_detector(tmp_path):
    import subprocess
    import sys

    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Sign up for our newsletter\n\nA plain line.\n")
    script = (
        "import sys\n"
        "from copylint.cli import main\n"
        "try:\n"
        "    main(['check', 'a.md'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('copylint.promo.detect' in sys.modules)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
        for _ in range(2)
    ]
    # the first run checks the file (and imports the detector), the second reads the cache
    assert runs[0].stdout.rstrip().endswith("True"), runs[0].stderr
    assert runs[1].stdout.rstrip().endswith("False"), runs[1].stderr
    assert runs[0].stdout.split("\n")[:-2] == runs[1].stdout.split("\n")[:-2]


def test_display_width_shortcut_agrees_with_the_character_walk():
    from copylint.formatters.text import _widths, display_width

    samples = [
        "plain ascii",
        "“Curly” quotes — and a dash, café",
        "wide 中文 and 😀 emoji",
        "e\u0301 combining, zero\u200bwidth",
        "tab\tafter 中",
        "family 👩\u200d👧 joined",
        "heart \u2764\ufe0f and #\ufe0f and text\ufe0e",
        "\u02ff\u0300 edges",
        "",
    ]
    for text in samples:
        assert display_width(text) == sum(w for _, w in _widths(text)), text


def test_lookarounds_every_key_opens_with_are_tested_once_per_position():
    """A keyed rule's alternation runs the lookarounds its keys share once, not once
    per key: house.StateAbbreviations' 42 keys each open on two lookbehinds, and
    testing them in every branch made a pass over a long noisy text ~6 times slower."""
    from copylint.rules.loader import load_packs
    from copylint.rules.types._keyed import shared_lookarounds

    checked = 0
    for rule in load_packs(["spelling", "house", "promo", "plain"]).rules:
        pairs = getattr(rule, "pairs", None)
        if pairs is None or getattr(rule, "keyed", None) is None:
            continue
        shared = shared_lookarounds([k for k, _ in pairs])
        if shared:
            assert rule.keyed.pattern.source.count(shared) == 1, rule.meta.id
            checked += 1
        if rule.meta.id == "house.StateAbbreviations":
            assert r"(?<![RDI]-|\.)" in shared and r"(?<!\b\p{Lu}{2," in shared
    assert checked


def test_shared_lookarounds_are_whole_groups_common_to_every_key():
    from copylint.rules.types._keyed import shared_lookarounds

    assert shared_lookarounds([r"(?<!\.)(?!x)ab", r"(?<!\.)(?!x)cd"]) == r"(?<!\.)(?!x)"
    # only the groups all keys share, and only whole groups
    assert shared_lookarounds([r"(?<!\.)(?!x)ab", r"(?<!\.)(?!y)cd"]) == r"(?<!\.)"
    assert shared_lookarounds([r"(?<!a)x", r"(?<!b)x"]) == ""
    assert shared_lookarounds([r"(?<!ab)x", r"(?<!a)x"]) == ""
    # a parenthesis in a set or escaped does not close the group
    assert shared_lookarounds([r"(?<=[)(])a", r"(?<=[)(])b"]) == r"(?<=[)(])"
    assert shared_lookarounds([r"(?<!\()a", r"(?<!\()b"]) == r"(?<!\()"
    assert shared_lookarounds([r"(?<![]])a", r"(?<![]])b"]) == r"(?<![]])"
    # not read: a group that is no lookaround, a possibly nested set, a comment
    assert shared_lookarounds([r"(?:x)a", r"(?:x)b"]) == ""
    assert shared_lookarounds([r"(?<![[a]])a", r"(?<![[a]])b"]) == ""
    assert shared_lookarounds([r"(?<!(?#c)x)a", r"(?<!(?#c)x)b"]) == ""
    assert shared_lookarounds([r"(?<!x)a"]) == ""


def test_keys_with_shared_lookarounds_once_match_as_in_every_branch():
    from copylint.rules.loader import load_packs

    rule = next(r for r in load_packs(["house"]).rules if r.meta.id == "house.StateAbbreviations")
    keys = [k for k, _ in rule.pairs]
    joined = rule.keyed.pattern.compiled
    every = regex.compile("|".join(f"(?P<_k{i}>{k})" for i, k in enumerate(keys)), joined.flags)
    assert joined.pattern != every.pattern
    text = (
        "She moved to Dayton, Ohio, from Fresno, Calif. last year. Rep. Tom Dow, R-Ill., "
        "spoke. TOPEKA, Kan. — The wind rose. Albany, N.Y. and Mobile, Ala. met in Ga. "
        "AUSTIN, TEXAS, Tex. and DAYTON, Ohio, Ky. on Friday; Mass.Mich. Wash. W.Va. Va.\n"
    )

    def spans(p):
        return [(m.span(), m.lastgroup) for m in p.finditer(text)]

    assert spans(joined) == spans(every)
    assert len(spans(every)) >= 6
    for start in range(0, len(text), 7):  # searched region by region, as rules do
        assert [m.span() for m in joined.finditer(text, start, start + 40)] == [
            m.span() for m in every.finditer(text, start, start + 40)
        ]


def test_prepare_compiles_the_keys_regex_reads_whose_programs_are_not_kept(monkeypatch):
    from copylint import regexcache
    from copylint.rules.patterns import LazyPattern

    swap = {
        # a lookbehind of varying width: the whole pattern, and so each key, is regex's
        r"(?<!\b(?:the|a)\s)\bmayor(?=\s\p{Lu})": "Mayor",
        r"\bbishop(?=\s\p{Lu})": "Bishop",
        r"\bsenator(?=\s\p{Lu})": "Senator",
    }
    text = "They met mayor Okafor, then the mayor Lind, bishop Ruiz and senator Hale.\n"
    # no program kept (a first run): every key compiled before the workers fork, so
    # that this process keeps its program for the next run (a worker's never are)
    monkeypatch.setattr(regexcache, "_programs", {})
    rule = _substitution(swap)
    assert rule.keyed.branches is not None and not rule.keyed._alone
    for b in rule.keyed.branches:
        b._compiled = None  # as read from the rule-set cache
    rule.prepare(None, 300)
    assert sorted(rule.keyed._alone) == [0, 1, 2]
    for i in range(len(swap)):
        alone = rule.keyed._alone[i]
        compiled = alone.compiled_yet if isinstance(alone, LazyPattern) else alone
        assert isinstance(compiled, regex.Pattern)
    assert all(regexcache.cached(b.source, b.flags) for b in rule.keyed.branches)
    doc = parse(text, "draft.md")
    assert [(i, m.span()) for i, m in rule.keyed.matches(doc)] == _whole(rule, doc)
    assert [h.match for h in rule.check(doc, None)] == ["mayor", "bishop", "senator"]
    # their programs kept (a later run): none compiled before the fork; a worker
    # compiles a key from its program when a document needs it, and finds the same
    again = _substitution(swap)
    for b in again.keyed.branches:
        b._compiled = None
    again.prepare(None, 300)
    assert not again.keyed._alone
    doc = parse("The bishop Ruiz came.\n", "draft.md")
    assert [h.match for h in again.check(doc, None)] == ["bishop"]
    assert sorted(again.keyed._alone) == [1]
    assert [h.match for h in again.check(parse(text, "draft.md"), None)] == [
        "mayor",
        "bishop",
        "senator",
    ]


def test_warm_weighs_each_pattern_once_and_not_a_keyed_one_re_compiles(monkeypatch):
    from copylint.rules.types import _common

    weighed = []
    real = _common._regex_reads

    def regex_reads(pattern):
        weighed.append(pattern.source)
        return real(pattern)

    monkeypatch.setattr(_common, "_regex_reads", regex_reads)
    # the keys' engine known ("re": from the load's validation, or the pattern cache):
    # the whole pattern (the rule's pattern, trigger and keyed pattern) is not weighed
    rule = _substitution({r"\butilise\b": "use", r"\bcommence\b": "begin", r"\bdeem\b": "think"})
    rule.keyed._engine = "re"
    rule.pattern._compiled = None  # as read from the rule-set cache
    _common.warm(rule)
    assert rule.pattern.source not in weighed
    assert rule.pattern.compiled_yet is None
    # engine not known: weighed once, not once per attribute that holds it
    weighed.clear()
    rule = _substitution({r"\bmayor(?=\s\p{Lu})": "Mayor", r"\bbishop\b": "Bishop"})
    rule.keyed._engine = None
    rule.pattern._compiled = None
    _common.warm(rule)
    assert weighed.count(rule.pattern.source) == 1
    assert isinstance(rule.pattern.compiled_yet, regex.Pattern)  # \p{Lu}: regex's


def test_promo_detectors_find_their_anchors_in_one_shared_pass(monkeypatch):
    # a process of its own as far as the detectors' anchor sets go
    monkeypatch.setattr(detect, "_ANCHORS", None)
    monkeypatch.setattr(detect, "_HELD", {})
    monkeypatch.setattr(detect, "_OWN", {})
    first = _rule(phrases=[r"^join our walking club\b", r"^read the full minutes\b"])
    second = _rule(phrases=[r"^buy the tide tables\b"], cues=[r"^more walks$"])
    text = (
        "The parish council met on Monday to talk about the footpath by the mill.\n\n"
        "Join our walking club\n\n"
        "More walks\n\n"
        "The path reopens in May once the bridge has been mended by volunteers.\n"
    )

    def live_patterns(lay):
        live = first.detector._live(lay)
        assert [p.pattern for p in live.phrases] == [r"^join our walking club\b"]
        live2 = second.detector._live(lay)
        assert list(live2.phrases) == [] and [p.pattern for p in live2.cues] == [r"^more walks$"]

    # rules not prepared (a run of one document): each detector's anchors in a set of
    # their own, so that no matcher is built again as detectors are met
    doc = parse(text, "draft.md")
    lay = layout.layout_of(doc)
    live_patterns(lay)
    assert detect._ANCHORS is None and len(lay._present) == 2
    for det in (first.detector, second.detector):
        own = detect._OWN[det._literals()]
        assert own.literals == det._literals()
        # exactly the anchors a substring test finds
        assert lay._present[own] == {a for a in own.literals if a in lay.folded}
    # prepared (before workers fork): one shared set holds both, one pass a document
    for det in (first.detector, second.detector):
        detect.share_anchors(det)
    shared = detect._ANCHORS
    assert shared is not None and shared._matcher is not None
    lay = layout.layout_of(parse(text, "draft.md"))
    live_patterns(lay)
    assert list(lay._present) == [shared]
    found = lay._present[shared]
    assert first.detector._literals() | second.detector._literals() <= shared.literals
    assert found == {a for a in shared.literals if a in lay.folded}
    assert "walking club" in " ".join(found) and not any("tide" in a for a in found)
    # and the blocks are those of detectors that try every pattern everywhere
    for det in (first.detector, second.detector):
        blind = dataclasses.replace(det, anchors={})
        got = [(b.start, b.end) for b in det.blocks(doc)]
        assert got == [(b.start, b.end) for b in blind.blocks(parse(text, "draft.md"))]


def test_a_core_is_the_pattern_without_its_assertions_or_none_where_unsure():
    from copylint.rules.types._core import opens_cheaply, strip_assertions

    assert strip_assertions(r"(?<!\b[A-Z]{2,}[ \t])\b([A-Z]{3,5})\b(?![ \t][A-Z]{2,}\b)") == (
        "([A-Z]{3,5})"
    )
    assert strip_assertions(r"^\d+(?=%)[(?=)]$") == r"\d+[(?=)]"  # a class is kept whole
    assert strip_assertions(r"\\b\.") == r"\\b\."  # an escaped backslash, then "b"
    # where taking the assertions out could turn a match down: no core
    for unsure in (
        r"(\w+)(?=x) \1",  # a back reference
        r"(?>\w+(?=c))c",  # an atomic group commits to what the lookahead let through
        r"\w++(?=c)",  # so does a possessive repeat
        r"(?(1)a|b)",
        r"\b?x",
        r"(?=a)*b",
        r"[[a-z]--[aeiou]]",
        r"(?x) a b  # a comment (with a bracket",
    ):
        assert strip_assertions(unsure) is None, unsure
    assert opens_cheaply("([A-Z]{3,5})", 0) and opens_cheaply(r"12\s?(?:pm|am)|12:00", 0)
    assert not opens_cheaply(r"\s?(?:pm|am)", 0) and not opens_cheaply("(?:pm|am)", 0)


def test_a_core_matches_wherever_its_pattern_matches():
    import random

    from copylint.rules.types._core import strip_assertions

    patterns = [
        r"(?<=\b\d{1,2})(?<!\b12)\s?(?:pm|am)\.?(?!\w)",
        r"\b12(?::00)?\s?(?:p\.m\.|pm)(?!\w)",
        r"(?<!\b[A-Z]{2,}[ \t])\b([A-Z]{3,5})\b(?![ \t][A-Z]{2,}\b)",
        r"(?<=\S) {2,3}(?=\S)",
        r"^(?:Mr|Ms)\.?(?= \p{Lu})",
        r"(?i)\bthe\b(?=\s+the\b)",
        r"(?m)^\s*-(?!-)$",
    ]
    rng = random.Random(7)
    alphabet = [
        "1",
        "2",
        "12",
        ":00",
        " ",
        "  ",
        "pm",
        "am",
        "p.m.",
        "PM",
        "AB",
        "ABC",
        "ABCD",
        "x",
    ]
    alphabet += ["Mr", "Ms", ". ", "Ann", "the", "The", "\n", "-", "--", "é"]
    for source in patterns:
        _core_covers(source, strip_assertions(source), alphabet, rng, 12)


def _core_covers(source, core, alphabet, rng, longest):
    """Random texts of pieces of ``alphabet``: where ``source`` matches, ``core`` does."""
    whole, core = regex.compile(source), regex.compile(core)
    seen = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest)))
        if whole.search(text):
            seen += 1
            assert core.search(text), (source, text)
    assert seen, source  # the pattern did match some texts


def test_a_lookbehind_opening_a_pattern_is_taken_into_its_core():
    import random

    from copylint.rules.types._core import behind_taken_in, opens_cheaply

    ampm = r"(?<=\b\d{1,2}(?::\d\d)?)(?<!\b12(?::00)?)(?:\s?(?:pm|am)\.?|p\.m\.)(?!\w)"
    core = behind_taken_in(ampm)
    assert core == r"(?:\d{1,2}(?::\d\d)?)(?:\s?(?:pm|am)\.?|p\.m\.)"
    assert opens_cheaply(core, 0)
    # only a lookbehind that nothing is matched before, in groups that do not repeat
    for not_first in (r"x(?<=x)y", r"(?:(?<=\w)x){2}", r"(?:(?<=a)b)+c", r"(?i)(?<=a)b", r"ab"):
        assert behind_taken_in(not_first) is None, not_first
    assert behind_taken_in(r"(?<!q)\b(?:(?<=a|b)c|d)") == "(?:(?:a|b)c|d)"
    rng = random.Random(11)
    alphabet = ["1", "7", "12", ":00", ":30", " ", "pm", "am", "p.m.", "x", "a", "b", "c", "d"]
    for source in (ampm, r"(?<!q)\b(?:(?<=a|b)c|d)", r"((?<=\d\d)\s?(?:am|pm))(?!\w)"):
        _core_covers(source, behind_taken_in(source), alphabet, rng, 10)


def test_times_are_still_reported_on_drafts_the_time_core_passes_over(tmp_path, run):
    import json

    (tmp_path / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "The gates of the orchard open at 7pm daily.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Team 2 arrived; the pm met them.\n", encoding="utf-8")
    result = run("check", "a.txt", "b.txt", "--format", "json", "--no-cache")
    found = [(f["path"], f["rule"], f["match"]) for f in json.loads(result.output)["findings"]]
    assert ("a.txt", "house.AmPm", "pm") in found
    assert not [f for f in found if f[0] == "b.txt" and f[1] == "house.AmPm"]


def test_rules_with_a_core_still_report_where_it_is_found(tmp_path, run):
    import json

    (tmp_path / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "The ferry leaves at 12 p.m. on Sundays, the QRTX board said.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "The Harbour Ferry Trust (HFTB) met at 11 a.m. on Sunday. HFTB will meet again.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text("The ferry leaves at noon on Sundays.\n", encoding="utf-8")
    result = run("check", "a.txt", "b.txt", "c.txt", "--format", "json", "--no-cache")
    found = {(f["path"], f["rule"]) for f in json.loads(result.output)["findings"]}
    assert ("a.txt", "house.NoonMidnight") in found
    assert ("a.txt", "house.Acronyms") in found  # no definition: "(" is missing
    assert ("b.txt", "house.Acronyms") not in found  # defined in parentheses
    assert not {r for p, r in found if p == "c.txt"} & {"house.NoonMidnight", "house.Acronyms"}


def test_prepare_compiles_the_patterns_regex_reads_and_leaves_the_others():
    from copylint.rules.packs import builtin_packs_dir
    from copylint.rules.types.occurrence import OccurrenceRule
    from copylint.rules.types.repetition import RepetitionRule

    # (as if shipped: a rule file of the user's own is always compiled by regex)
    here = builtin_packs_dir() / "house"
    meta = RuleMeta(id="house.Long", type="occurrence", path=str(here / "L.yml"), message="%s")
    long = OccurrenceRule(meta, {"token": r"\b\p{L}+", "max": 3})
    meta = RuleMeta(id="house.Twice", type="repetition", path=str(here / "T.yml"), message="%s")
    twice = RepetitionRule(meta, {"tokens": [r"[a-z]+"]})
    assert meta.builtin and not twice.pattern.timed
    long.pattern._compiled = twice.pattern._compiled = None  # as read from the cache
    long.prepare(None, 300)
    twice.prepare(None, 300)
    assert isinstance(long.pattern.compiled_yet, regex.Pattern)  # \p{L}: regex's
    assert twice.pattern.compiled_yet is None  # re's: compiled where first needed
    doc = parse("One two three four five.\n", "draft.md")
    assert [h.start for h in long.check(doc, None)] == [0]


def test_prepare_builds_the_promo_detector_its_patterns_and_the_shared_anchors(monkeypatch):
    from copylint import regexcache

    # no program kept: each pattern compiled before the workers fork (and kept)
    monkeypatch.setattr(regexcache, "_programs", {})
    rule = _rule(phrases=[r"^follow the lighthouse keepers\b"], cues=[r"^tide times$"])
    for p in rule.detector.phrases:
        p._compiled = None  # as read from the cache
    rule.prepare(None, 300)
    det = rule.detector
    assert all(p.compiled_yet is not None for p in (*det.phrases, *det.cues))
    assert det._literals() <= detect._ANCHORS.literals
    # the shared matcher is built once all the promo rules have joined it
    PromoRule.prepared(None)
    assert detect._ANCHORS._matcher is not None  # built before workers are forked
    # programs kept: left to the workers that meet them, which find the same
    other = _rule(phrases=[r"^follow the lighthouse keepers\b"], cues=[r"^tide times$"])
    for p in other.detector.phrases:
        p._compiled = None
    other.prepare(None, 300)
    assert all(p.compiled_yet is None for p in other.detector.phrases)
    doc = parse("Storm shuts the pier\n\nFollow the lighthouse keepers on our page\n", "d.md")
    assert [(h.start, h.end) for h in other.check(doc, None)] == [
        (h.start, h.end) for h in rule.check(doc, None)
    ]


def test_linter_prepare_builds_the_promo_anchor_matcher_once(monkeypatch, tmp_path):
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.rules.literals import LiteralSet

    monkeypatch.setattr(detect, "_ANCHORS", None)
    monkeypatch.setattr(detect, "_HELD", {})
    built = []
    real = LiteralSet._build

    def build(self):
        built.append(frozenset(self.literals))
        return real(self)

    monkeypatch.setattr(LiteralSet, "_build", build)
    linter = Linter(Config(root=tmp_path, packs=("promo",)))
    promo = [r for r in linter.ruleset.rules if isinstance(r, PromoRule)]
    assert len(promo) > 2
    linter.prepare(300)
    shared = detect._ANCHORS
    assert shared is not None and shared._matcher is not None
    # one build of the shared set (with every detector's anchors), not one per rule
    assert built.count(shared.literals) == 1
    assert len([b for b in built if b != linter.ruleset.literals.literals]) == 1
    for rule in promo:
        assert rule.detector._literals() <= shared.literals


def test_headline_shape_reads_capitals_word_by_word_as_the_letters_joined_would():
    import random

    def joined(words):  # the slow way: every word with a letter, joined
        if len(words) < 2:
            return False
        letters = "".join(w for w in words if any(c.isalpha() for c in w))
        if letters and letters.upper() == letters:
            return True
        content = [w for w in words if w.lower() not in layout._SMALL_WORDS and w[:1].isalpha()]
        caps = sum(1 for w in content if w[:1].isupper())
        return len(content) >= 2 and caps / len(content) >= 0.75

    # letters whose capitals are longer (ß, ﬀ), titlecase (ǅ), cased symbols that are
    # not letters (ⓐ, ⅰ), letters without case, and words with no letter at all
    pieces = ["GATE", "gate", "Gate", "of", "OF", "ß", "SS", "ﬀ", "ǅ", "Ǆ", "ⓐ", "Ⓐ", "ⅰ"]
    pieces += ["東京", "σ", "ς", "İ", "ı", "1999", "won't", "WON'T", "X-RAY", "é", "É", "—"]
    rng = random.Random(3)
    shapes = set()
    for _ in range(20000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 6))]
        assert layout._headline_shape(words) == joined(words), words
        shapes.add(joined(words))
    assert shapes == {True, False}
    assert layout._headline_shape(["CITY", "HALL", "1999", "ⅰ"]) is True
    assert layout._headline_shape(["CITY", "Hall", "roof"]) is False


def test_a_core_is_searched_without_its_groups_and_finds_the_same():
    import random

    from copylint.rules.types._core import uncaptured

    keyed = r"(?:(?P<_k0>12(?::00)?\s?(?:p\.m\.|pm)))|(?:(?P<_k1>12(?::00)?\s?(?:a\.m\.|am)))"
    assert uncaptured(keyed) == (
        r"(?:(?:12(?::00)?\s?(?:p\.m\.|pm)))|(?:(?:12(?::00)?\s?(?:a\.m\.|am)))"
    )
    # escapes and classes are not groups; a class this does not read is left alone
    assert uncaptured(r"\((x)[()](?<n>y)\\(z)") == r"\((?:x)[()](?:y)\\(?:z)"
    assert uncaptured("[a-(z") == "[a-(z"
    rng = random.Random(5)
    alphabet = ["1", "12", ":00", " ", "pm", "am", "p.m.", "a.m.", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        assert bool(re.search(keyed, text)) == bool(re.search(uncaptured(keyed), text)), text


def test_a_detector_with_no_live_pattern_flags_only_what_layout_alone_flags():
    text = (
        "The ferry timetable changes on Monday, the harbour board said on Friday.\n\n"
        "Why the lighthouse keepers moved out and what it means for the...\n\n"
        "Crossings will run every forty minutes until the end of the summer season.\n"
    )
    doc = parse(text, "draft.md")
    plain = _rule(phrases=[r"^join the harbour rowing club\b"]).detector
    assert plain.flagged(doc) == (set(), {})  # nothing to try: not walked unit by unit
    assert dataclasses.replace(plain, anchors={}).flagged(parse(text, "draft.md")) == (set(), {})
    # a layout flag (cut-off headlines) is evidence of its own: the units are walked
    cut = _rule(phrases=[r"^join the harbour rowing club\b"], truncated=True).detector
    assert not cut._live(layout.layout_of(doc)).phrases
    hits, _ = cut.flagged(doc)
    assert hits == {1}
    assert dataclasses.replace(cut, anchors={}).flagged(parse(text, "draft.md"))[0] == hits
    assert "truncated" in detect._LAYOUT_KEYS and "phrases" not in detect._LAYOUT_KEYS


def test_between_anchors_as_long_the_one_with_a_figure_or_a_mark_is_chosen():
    from copylint.rules.patterns import anchors_of

    # "the " (in every draft) and "10's" are both needed: the figures tell more
    assert anchors_of(r"(?<=\b[Tt]he )10['’]s\b") == ("10's", "10’s")
    assert anchors_of(r"(?<=\bthe )spring") == ("spring",)  # a longer one still wins
    assert anchors_of(r"(?<=\bthe )ward") == ("the ",)  # and the first, between words


def test_a_decade_after_the_is_still_reported_where_its_anchor_is_the_figure(tmp_path, run):
    import json

    (tmp_path / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Trams ran here until the late 40's.\n", encoding="utf-8")
    result = run("check", "a.txt", "--format", "json", "--no-cache")
    found = [(f["rule"], f["match"]) for f in json.loads(result.output)["findings"]]
    assert ("house.Decades", "40's") in found


def test_formats_of_a_folder_read_once_an_extension_are_format_for_of_each(tmp_path):
    from pathlib import Path

    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.parsers import format_for

    linter = Linter(Config(root=tmp_path, packs=("house",)), lazy=True)
    names = [
        "a.md", "b.MD", "x/y.html", ".md", "c.", "d/.", "e/..", "f..md", "g.tar.gz",
        "h.txt/", "i.HTM", "j", "k.markdown", "l.htm", "m.text", "n.Html", "", "o.md/.",
        "p.html/./", "q.md//.",
    ]  # fmt: skip
    # each alone, and all at once (the answer for an extension is kept for the next)
    for name in names:
        assert linter._formats([(name, Path(name or "x"))], None) == {format_for(name)}
    items = [(name, Path(name or "x")) for name in names]
    assert linter._formats(items, None) == {format_for(name) for name in names}
    assert linter._formats(items[:2] + items[5:6], None) == {"markdown", "text"}
    # and in pairs (the answer kept for one name's extension is not another's)
    for a in items:
        for b in items:
            assert linter._formats([a, b], None) == {format_for(a[0]), format_for(b[0])}
    # an extension the config maps is read from the real file's name
    mapped = Linter(Config(root=tmp_path, packs=("house",), formats={"txt": "markdown"}), lazy=True)
    assert mapped._formats([("h.txt", Path("h.txt")), ("y.html", Path("y.html"))], None) == {
        "markdown",
        "html",
    }
