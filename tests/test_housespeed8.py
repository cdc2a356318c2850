"""The house pack's eighth round: ``engine._Skips`` picks, for all of a plan's rules
at once, those that ``run_rule``'s anchor test lets run in a document, and
``check_document`` finds what it found when every rule was tested one by one."""

from __future__ import annotations

import random

import pytest

from copylint.config import Config
from copylint.engine import Linter, _dispatch, _Skips, run_rule
from copylint.parsers import parse

#: words around the anchors, so that a text is prose and not a list of literals
FILLER = ["The", "council", "met", "on", "Monday", "and", "voted", "to", "raise", "fees"]


@pytest.fixture(scope="module")
def linter():
    return Linter(Config(packs=("spelling", "house", "promo")))


def _plan(linter):
    cfg, levels = linter.settings_for("draft.md")
    return cfg, linter.plan(cfg, levels)


def _passes(rule, doc):
    """``run_rule``'s anchor test, as it reads: False where it returns before the
    rule runs, for a rule tested against the rule set's literals."""
    raw, anchors = rule.__dict__.get("_dispatch") or _dispatch(rule)
    if anchors is None or rule.literals is None:
        return None  # (tested by ``run_rule`` itself)
    return not doc.literals_in(rule.literals, raw).isdisjoint(anchors)


def _texts(linter, count, seed):
    """Drafts holding a few anchors of the plan's rules each, as they are or in
    capitals, in Markdown with code spans and links (the source differs from the
    prose) and in plain text."""
    _, plan = _plan(linter)
    anchors = sorted(
        {a for rule, _ in plan if rule.literals is not None for a in (_dispatch(rule)[1] or ())}
    )
    rng = random.Random(seed)
    for n in range(count):
        words = []
        for _ in range(rng.randint(0, 12)):
            a = rng.choice(anchors)
            words.append(a.upper() if rng.random() < 0.2 else a)
            words.extend(rng.choices(FILLER, k=rng.randint(0, 3)))
        if n % 3 == 0:
            words.insert(rng.randint(0, len(words)), f"`{rng.choice(anchors)}`")
            words.insert(rng.randint(0, len(words)), f"[{rng.choice(FILLER)}](https://x.org/a)")
        text = " ".join(words) + ".\n"
        yield text, ("md" if n % 2 else "txt")


def test_the_rules_kept_are_those_the_anchor_test_passes(linter):
    _, plan = _plan(linter)
    skips = _Skips(plan)
    skipped = ran = 0
    for text, ext in _texts(linter, 400, 11):
        doc = parse(text, f"draft.{ext}")
        doc = doc.view or doc
        live = skips.live(doc)
        kept = {id(rule): tested for rule, _, tested in live}
        assert [r for r, _, _ in live] == [r for r, _ in plan if id(r) in kept]  # plan order
        for rule, _ in plan:
            passes = _passes(rule, doc)
            if passes is None:
                assert kept.get(id(rule)) is False, rule.meta.id
                continue
            assert (id(rule) in kept) == passes, (rule.meta.id, text)
            if passes:
                assert kept[id(rule)] is True
                ran += 1
            else:
                skipped += 1
    assert skipped > 10_000 and ran > 1_000  # both sides exercised


def test_check_document_finds_what_rule_by_rule_testing_found(linter):
    cfg, plan = _plan(linter)
    found = 0
    for text, ext in _texts(linter, 150, 12):
        path = f"draft.{ext}"
        doc = parse(text, path)
        prose = doc.view or doc
        one_by_one = []
        for rule, level in plan:
            one_by_one += run_rule(rule, level, prose, cfg, path)
        one_by_one.sort(key=lambda f: (f.start, f.end, f.rule))
        assert linter.check_document(parse(text, path), path) == one_by_one, text
        found += len(one_by_one)
    assert found > 300


def test_a_plan_keeps_its_skips_and_a_new_plan_gets_its_own(linter):
    _, plan = _plan(linter)
    doc = parse("The council met on Monday.\n", "draft.md")
    linter.check_document(doc, "draft.md")
    kept = linter._skips[id(plan)]
    assert kept[0] is plan
    linter.check_document(parse("Again.\n", "draft.md"), "draft.md")
    assert linter._skips[id(plan)] is kept
    other = list(plan[:5])
    skips = _Skips(other)
    assert [r for r, _, _ in skips.live(doc)] == [
        r for r, _ in other if _passes(r, doc) is not False
    ]


# --------------------------------------------------------------------------- run bounds


def test_a_span_holds_no_more_run_matches_than_its_length_allows():
    import regex

    from copylint.rules.types._common import most_by_length, run_bound
    from copylint.rules.types.metric import _WORD

    pieces = ["a", "B", "é", "д", "7", "'", "’", "-", " ", ".", ",", "—", "“", "\u0301", "_", "\n"]
    rng = random.Random(21)
    sources = [r"\b\p{L}[\p{L}\p{N}'’-]*", r"[a-z][a-z0-9]*", r"\b[\w][\w'-]*", r"\p{L}[\p{L}]*"]
    patterns = [regex.compile(s) for s in sources if run_bound(s, 0, regex.compile)] + [_WORD]
    assert len(patterns) == 5
    tight = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for pattern in patterns:
            found = len(pattern.findall(text, start, end))
            assert found <= most_by_length(start, end), (pattern.pattern, text, start, end)
            tight += found == most_by_length(start, end) > 0
    assert tight > 100  # (the bound is reached: "a b c")


def test_sentence_and_paragraph_length_report_what_counting_every_region_reports(linter):
    from copylint.rules.types._common import region_texts
    from copylint.rules.types.metric import _WORD

    cfg, plan = _plan(linter)
    rules = {rule.meta.id: rule for rule, _ in plan}
    sentences, paragraphs = rules["house.SentenceLength"], rules["house.ParagraphLength"]
    rng = random.Random(22)
    # (mostly one letter: sentences near their least length, where the bound is tight)
    words = ["a", "x", "7", "I", "ж", "word", "longer-word", "It’s", "дом", "and"]
    marks = [" ", " ", " ", ", ", ". ", "! ", " — ", "\n"]
    reported = 0
    # words one letter long, one space between: regions at the least length for their
    # count of words, on both sides of each rule's limit
    at_least = [" ".join(["a"] * n) + ".\n" for n in (*range(30, 40), *range(115, 126))]
    for i in range(300 + len(at_least)):
        if i >= 300:
            text = at_least[i - 300]
            doc = parse(text, "draft.txt")
            want = [(s, e) for s, e, t in region_texts(sentences, doc) if t.count(" ") >= 35]
            assert [(h.start, h.end) for h in sentences.check(doc, cfg)] == want, text
            want = [(s, e) for s, e, t in region_texts(paragraphs, doc) if t.count(" ") >= 120]
            assert [(h.start, h.end) for h in paragraphs.check(doc, cfg)] == want, text
            continue
        parts = []
        stops = rng.choice([0.01, 0.03, 0.1])  # (long sentences and paragraphs, and short)
        weights = [1, 1, 1, 0.3, stops, stops, 0.2, stops / 2]
        if rng.random() < 0.5:  # one letter a word, one space between: the least length
            weights, dense = [1, 0, 0, 0, stops, 0, 0, stops / 3], [1, 1, 0, 1, 1, 0, 0, 0, 0, 0]
        else:
            dense = [6, 6, 3, 3, 2, 1, 1, 1, 1, 1]
        for _ in range(rng.randint(1, 300)):
            parts += [*rng.choices(words, dense), *rng.choices(marks, weights)]
        text = "".join(parts).replace("\n", "\n\n") + "\n"
        doc = parse(text, "draft.txt")
        # what the two rules found before any bound: every region counted
        want = [
            (s, e)
            for s, e, t in region_texts(sentences, doc)
            if len(list(sentences.pattern.finditer(t, s, e))) > sentences.max
        ]
        assert [(h.start, h.end) for h in sentences.check(doc, cfg)] == want, text
        reported += len(want)

        want = [
            (s, e)
            for s, e, t in region_texts(paragraphs, doc)
            if paragraphs.cmp(len(_WORD.findall(t[s:e])), paragraphs.limit)
        ]
        assert [(h.start, h.end) for h in paragraphs.check(doc, cfg)] == want, text
        reported += len(want)
    assert reported > 50


# --------------------------------------------------------------------------- counting


def test_an_occurrence_rule_counts_as_many_tokens_as_finditer_finds(tmp_path):
    from copylint.config import load_config

    pieces = ["a", "B", "é", "д", "7", "'", "’", "-", " ", ".", ",", "—", "\n", "ab", "x1"]
    tokens = [
        r"\b\p{L}[\p{L}\p{N}'’-]*",  # house.SentenceLength's ("regex")
        r"[a-z]+",  # ("re")
        r"(a)(b)?",  # groups: findall gives tuples, one a match
        r"x?",  # empty matches
        r"\b|a",
        r"\p{L}*",  # empty matches, "regex"
    ]
    for i, token in enumerate(tokens):
        folder = tmp_path / f"Pack{i}"
        folder.mkdir()
        (folder / "Count.yml").write_text(
            "extends: occurrence\nmessage: '%s'\nlevel: warning\nscope: text\nmax: 1\n"
            f"token: '{token.replace(chr(39), chr(39) * 2)}'\n"
        )
        (tmp_path / f"c{i}.toml").write_text(f'packs = ["{folder}"]\n')
    from copylint.rules.patterns import LazyPattern

    engines = set()
    rng = random.Random(23)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    for i, token in enumerate(tokens):
        lint = Linter(load_config(tmp_path / f"c{i}.toml"))
        cfg, levels = lint.settings_for("draft.txt")
        ((rule, _),) = lint.plan(cfg, levels)
        timed = rule.pattern
        assert timed.timed  # (a rule of the user's own: counted under its time budget)
        # the same token as copylint's own rules hold it: by the engine that reads it
        own = LazyPattern(timed.source, timed.flags, timed.anchors, None, False)
        engines.add(type(own.compiled).__module__)
        for pattern in (timed, own):
            rule.pattern = pattern
            for text in texts:
                start = rng.randint(0, len(text))
                end = rng.randint(start, len(text))
                want = len(list(pattern.finditer(text, start, end)))
                assert rule._count(text, start, end) == want, (token, text, start, end)
    assert engines == {"re", "_regex"}
