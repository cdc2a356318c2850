"""The house pack's third round of shortcuts: each gives the answers of the slow way."""

from __future__ import annotations

import json
import random
import re

import regex

from copylint.rules.patterns import LazyPattern


def _findings(run, tmp_path, files: dict[str, str], packs: str = '["house"]'):
    (tmp_path / "copylint.toml").write_text(f"packs = {packs}\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", *files, "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def _pack(tmp_path, rule: str, spec: str) -> None:
    """A project pack ``mine`` holding one rule file."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / f"{rule}.yml").write_text(spec, encoding="utf-8")


# --------------------------------------------------------------------------- run bounds


def _texts(alphabet: list[str], rng: random.Random, count: int, longest: int) -> list[str]:
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)
    ]


def test_a_run_bound_is_never_below_the_number_of_matches():
    from copylint.rules.types._common import run_bound
    from copylint.rules.types.metric import _WORD, _WORD_BOUND

    pieces = ["a", "B", "é", "Ω", "7", "٣", "'", "’", "-", " ", ".", ",", "/", "—", "“", "\u0301", "_"]  # fmt: skip
    rng = random.Random(13)
    sources = [r"\b\p{L}[\p{L}\p{N}'’-]*", r"[a-z][a-z0-9]*", r"\b[\w][\w'-]*"]
    for source in sources:
        bound = run_bound(source, 0, regex.compile)
        assert bound is not None, source
        pattern = regex.compile(source)
        for text in _texts(pieces, rng, 400, 40):
            for start, end in ((0, len(text)), (len(text) // 3, len(text))):
                found = len(pattern.findall(text, start, end))
                assert found <= bound.most(text, start, end), (source, text, start, end)
    for text in _texts(pieces, rng, 400, 40):
        assert len(_WORD.findall(text)) <= _WORD_BOUND.most(text, 0, len(text)), text


def test_only_run_patterns_whose_first_class_is_within_the_rest_get_a_bound():
    from copylint.rules.types._common import run_bound

    for source in [
        r"[a-z][a-y]*",  # "z" starts a match the one before cannot take
        r"\w+",
        r"[^a][a]*",  # negated
        r"[a-z][a-z]*x",  # something follows the repeat
        r"[\x41][\x41]*",  # an escape not read here
        r"[a-z][a-z]+",
    ]:
        assert run_bound(source, 0, regex.compile) is None, source
    assert run_bound(r"[a-z][a-z]*", int(regex.IGNORECASE), regex.compile) is None
    assert run_bound(r"[a-z][a-z0-9]*", 0, re.compile) is not None


def test_long_sentences_are_still_found_however_their_words_are_joined(tmp_path, run):
    # 36 words joined by slashes: few spaces, many words
    slashed = "/".join(["river"] * 36) + " ran dry.\n"
    spaced = " ".join(["Boats"] + ["drifted"] * 33) + " home.\n"  # 35 words
    long_plain = " ".join(["Boats"] + ["drifted"] * 34) + " home.\n"  # 36 words
    found = _findings(run, tmp_path, {"a.md": slashed, "b.md": spaced, "c.md": long_plain})
    long = {f["path"] for f in found if f["rule"] == "house.SentenceLength"}
    assert long == {"a.md", "c.md"}


def test_long_paragraphs_are_still_found_with_hyphens_and_marks(tmp_path, run):
    words = ["well-kept", "o’clock", "x/y", "Zoë"]
    para = " ".join(words[i % 4] for i in range(100)) + ".\n"  # 100 + 25 slashed halves
    short = " ".join(["quay"] * 120) + ".\n"  # exactly 120 words
    found = _findings(run, tmp_path, {"a.md": para, "b.md": short})
    assert {f["path"] for f in found if f["rule"] == "house.ParagraphLength"} == {"a.md"}


def test_a_user_occurrence_rule_with_a_run_token_counts_as_before(tmp_path, run):
    _pack(
        tmp_path,
        "Crowded",
        "extends: occurrence\nmessage: 'Too many words (%s).'\nscope: paragraph\n"
        "max: 3\ntoken: '[a-z][a-z0-9]*'\n",
    )
    files = {"a.md": "one two three\n\nfour,five,six,seven\n\nEIGHT nine ten eleven\n"}
    found = _findings(run, tmp_path, files, packs='["mine"]')
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [
        ("mine.Crowded", 3, "Too many words (4).")
    ]


# --------------------------------------------------------------------------- lead scans


def test_a_lead_scan_finds_what_the_pattern_finds():
    from copylint.rules.types._core import lead_scan

    sources = [
        r"\bMar\.?(?=\s\d{1,2}(?!\d))",
        r"(?<=[^\s—])—(?=[^\s—])",
        r"(?:(?P<_k0>\bSep\.?(?=\s\d)))",
        r"(?<![\w-])(?:(?:(?P<_k3>in the))(?![\w-]))",
        r"(?<![.\s])\.\.(?![.])",
        r"(?<![?!])!{2,}(?![?!])",
        r"\b12(?::00)?\s(?=(?:noon|midnight)\b)",
    ]
    pieces = ["Mar", "Mar.", " ", "1", "12", "3", "x", "—", ".", "..", "!", "!!", "?",
              "Sep", "in", "the", "-", ":00", "noon", "\n", "a"]  # fmt: skip
    rng = random.Random(7)
    for source in sources:
        compiled = re.compile(source)
        scan = lead_scan(compiled, source, 0)
        assert scan is not None, source
        for text in _texts(pieces, rng, 300, 14):
            for pos in (0, 1, len(text) // 2):
                want = [(m.span(), m.groups(), m.lastgroup) for m in compiled.finditer(text, pos)]
                got = [(m.span(), m.groups(), m.lastgroup) for m in scan.finditer(text, pos)]
                assert got == want, (source, text, pos)
                end = max(pos, len(text) - 2)
                first = compiled.search(text, pos, end)
                found = scan.search(text, pos, end)
                assert (found and found.span()) == (first and first.span()), (source, text)


def test_no_lead_scan_where_it_could_differ_or_not_pay():
    from copylint.rules.types._core import lead_scan

    for source in [
        r"Mar\b",  # opens on its literal already
        r"\b(?:x|y)*",  # may match empty text
        r"(?<=a)\s+b",  # its core opens on a class
        r"\b(\w)\1",  # a back reference
    ]:
        assert lead_scan(re.compile(source), source, 0) is None, source
    # ``regex`` skips to a literal that follows a leading assertion itself; a core of
    # one character is found nearly everywhere; reversed or fuzzy searches do not
    # try positions in turn
    for source in [r"\bMar", r"(?<![\p{L}])[1-9]", r"(?r)\b[A-Z]{3}", r"\b(?e)[A-Z]{3}"]:
        assert lead_scan(regex.compile(source), source, 0, True) is None, source
    source = r"\b[A-Z]{3}"
    assert lead_scan(regex.compile(source, regex.REVERSE), source, regex.REVERSE, True) is None
    # a regex pattern not searched in every document is not read for its core
    assert lead_scan(regex.compile(source), source, 0) is None
    assert lead_scan(regex.compile(source), source, 0, True) is not None


def test_a_regex_lead_scan_finds_what_the_pattern_finds():
    from copylint.rules.types._core import LeadScan, lead_scan

    sources = [
        r"(?<!\b[A-Z]{2,}[ \t])\b([A-Z]{3,5})\b(?![ \t][A-Z]{2,}\b)",
        r"(?<![\p{L}\p{N}])(?:(?P<_k0>\p{Lu}\p{Ll}{2,}ville)|(?P<_k1>Port \p{Lu}\p{Ll}+))",
        r"(?<=\d)\s+(?:dollars|pounds)\b",
    ]
    pieces = ["ABC", "AB", "ABCDEF", "Q", " ", "\t", "Port ", "Oak", "ville", "Ém",
              "7", "dollars", "pounds", "x", "\n", "-"]  # fmt: skip
    rng = random.Random(11)
    for source in sources:
        compiled = regex.compile(source)
        scan = lead_scan(compiled, source, 0, True)
        assert isinstance(scan, LeadScan), source
        for text in _texts(pieces, rng, 300, 14):
            for pos in (0, 1, len(text) // 2):
                want = [(m.span(), m.groups(), m.lastgroup) for m in compiled.finditer(text, pos)]
                got = [(m.span(), m.groups(), m.lastgroup) for m in scan.finditer(text, pos)]
                assert got == want, (source, text, pos)


def test_acronyms_found_through_their_core(tmp_path, run):
    text = (
        "The QXV said the RRTA plan was late, and MEGA SALE NOW was on a sign.\n\n"
        "A Quiet Valley Trust (QVT) met; QVT and the QXV left. UK, USA and ABCDEF too.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    got = [f["match"] for f in found if f["rule"] == "house.Acronyms"]
    assert got == ["QXV", "RRTA", "QXV"]  # (as before: QVT is defined, the rest are not)


def test_month_and_dash_keys_found_through_their_core(tmp_path, run):
    text = (
        "The fair opens Mar 5 and the Market 5 stall opens later. UMar 5 is a code.\n\n"
        "The plan—if it passes—starts soon, the hall -- our hall -- too.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    got = [(f["rule"], f["match"]) for f in found]
    assert ("house.MonthNoAbbrev", "Mar") in got
    assert [m for r, m in got if r == "house.MonthNoAbbrev"] == ["Mar"]
    assert [m for r, m in got if r == "house.DashSpaced"] == ["—", "—", " -- ", " -- "]


# --------------------------------------------------------------------------- tails


def test_a_tail_matches_wherever_its_pattern_matches():
    from copylint.rules.types._core import tail_of

    sources = [
        r"(?:\b[A-Z][a-z]+ ){1,8}\(([A-Z]{3,5})\)",
        r"a+(?=b)bc\b",
        r"[xy]{2,}z(?!q)",
    ]
    pieces = ["Ab", "Cd ", "(", ")", "ABC", "XYZW", " ", "a", "b", "c", "x", "y", "z", "q"]
    rng = random.Random(3)
    for source in sources:
        tail = tail_of(LazyPattern(source, 0, None))
        assert tail is not None, source
        whole = re.compile(source)
        for text in _texts(pieces, rng, 400, 12):
            if whole.search(text):
                assert tail.search(text), (source, text)
    for source in [r"abc", r"a|b+c", r"(\w)+\1x", r"(?i)a+bc", r"a+[bc]"]:
        assert tail_of(LazyPattern(source, 0, None)) is None, source


def test_acronyms_defined_or_not_as_before(tmp_path, run):
    files = {
        "a.md": "The Harbour Ferry Board (HFB) met today. HFB will meet again.\n",
        "b.md": "The HFB met today (for an hour) and HFB will meet again.\n",
        "c.md": "The Harbour Ferry Board ( HFB ) met. The HFB left.\n",
    }
    found = _findings(run, tmp_path, files)
    assert {f["path"] for f in found if f["rule"] == "house.Acronyms"} == {"b.md", "c.md"}


def test_user_conditional_rule_with_a_tail(tmp_path, run):
    _pack(
        tmp_path,
        "Defined",
        "extends: conditional\nmessage: 'Define %s.'\n"
        "first: '\\b([A-Z]{3})\\b'\nsecond: '(?:[a-z]+ )+\\[([A-Z]{3})\\]'\n",
    )
    files = {
        "a.md": "the quay board [QBD] met and QBD left\n",
        "b.md": "QBD met, [QBD] left\n",  # no word and space just before the brackets
    }
    found = _findings(run, tmp_path, files, packs='["mine"]')
    assert sorted(f["path"] for f in found) == ["b.md", "b.md"]


# --------------------------------------------------------------------------- headings


def test_sentence_case_headings_still_read_the_storys_names(tmp_path, run):
    text = (
        "# Talks with Ottawa stall again\n\n"
        "Officials said talks with Ottawa would resume.\n\n"
        "# Talks With Quebec Stall Again\n\nNothing more.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    heads = [f["line"] for f in found if f["rule"] == "house.HeadlineSentence"]
    assert heads == [5]


def test_a_property_escape_is_no_repeat_of_its_own():
    from copylint.rules.types._core import strip_assertions

    # ``\p{L}+`` repeats a letter (no possessive ``}+``); ``\p{Script=Latin}`` is no
    # fuzzy count; an escaped backslash before ``p{2}+`` leaves a possessive repeat
    assert strip_assertions(r"(?<!x)\p{L}+a") == r"\p{L}+a"
    assert strip_assertions(r"\b\p{Script=Latin}b") == r"\p{Script=Latin}b"
    assert strip_assertions(r"(?<!x)\\p{2}+a") is None
    assert strip_assertions(r"(?<!x)\p{L}++a") is None


# --------------------------------------------------------------------------- repeated words


def test_what_the_repeat_shape_relies_on_holds_for_every_character():
    # (see repetition._REPEAT_SHAPE) over every code point, for the classes it is used for
    inside = regex.compile(r"[\p{L}\p{M}]", regex.IGNORECASE | regex.V0)
    letters = regex.compile(r"\p{L}", regex.IGNORECASE | regex.V0)
    ascii_letter = re.compile(r"[A-Za-z]")
    not_in_run = re.compile(r"[\x00-\x40\x5b-\x60\x7b-\x7f\s]")
    for code in range(0x110000):
        c = chr(code)
        folded = c.casefold()
        assert folded and c.lower().casefold() == folded, hex(code)
        if inside.fullmatch(c):
            assert not not_in_run.search(folded), hex(code)
        if not letters.fullmatch(c):
            assert not ascii_letter.search(folded), hex(code)
        if c.isspace():
            assert folded == c, hex(code)


def test_repeated_words_found_as_before(tmp_path, run):
    text = (
        "The the council met. It was was late, (and and) she said “yes yes”.\n\n"
        "Walla Walla is far. He had had enough, and that that was all.\n\n"
        "ΟΔΟΣ οδος was the street, and Straße STRASSE is not a repeat, nor is 9 9 or "
        "the-the.\n\n"
        "Un café café noir, la la la.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    got = [(f["line"], f["match"]) for f in found if f["rule"] == "house.RepeatedWords"]
    assert got == [
        (1, "The the"),
        (1, "was was"),
        (1, "and and"),  # (quoted speech is left alone)
        (5, "ΟΔΟΣ οδος"),
        (7, "café café"),
        (7, "la la"),
    ]
