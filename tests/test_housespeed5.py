"""The house pack's fifth round of shortcuts: each gives the answers of the slow way."""

from __future__ import annotations

import json
import random
import re

import regex

from copylint.rules.loader import load_packs


def _findings(run, tmp_path, files: dict[str, str], packs: str = '["house"]'):
    (tmp_path / "copylint.toml").write_text(f"packs = {packs}\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", *files, "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def _rule(rule_id: str, packs=("house",), base=None):
    ruleset = load_packs(list(packs), base)
    (rule,) = [r for r in ruleset.rules if r.meta.id == rule_id]
    return rule


# --------------------------------------------------------------------------- repeated words

#: the letters or marks a rule's token finds (as repetition._LETTER_RUNS's tokens)
_INSIDE = regex.compile(r"[\p{L}\p{M}]", regex.IGNORECASE | regex.V0)


def test_the_plain_marks_and_ascii_hold_no_letter_but_ascii_letters():
    # (see repetition._PLAIN_MARKS) a region of ASCII and these is read as bytes
    from copylint.rules.types.repetition import _LETTERS_ONLY, _LOWER_LETTERS_ONLY, _NOT_PLAIN

    plain = [chr(c) for c in range(0x110000) if _NOT_PLAIN.match(chr(c)) is None]
    assert len(plain) > 128 + 200  # ASCII and the marks
    ascii_letter = re.compile(r"[A-Za-z]")
    for c in plain:
        assert bool(_INSIDE.fullmatch(c)) == bool(ascii_letter.fullmatch(c)), hex(ord(c))
    for b in range(256):
        letter = ascii_letter.fullmatch(chr(b)) is not None
        assert _LETTERS_ONLY[b] == (b if letter else 32)
        assert _LOWER_LETTERS_ONLY[b] == (ord(chr(b).lower()) if letter else 32)


def test_what_the_repeat_shape_relies_on_holds_for_some_letters_too():
    # (see repetition._SOME_LETTERS) nothing but a letter or mark is one of them, or
    # folds to a text beginning or ending with one
    from copylint.rules.types.repetition import _SOME_LETTERS

    some = re.compile(f"[{_SOME_LETTERS}]")
    for code in range(0x110000):
        c = chr(code)
        if _INSIDE.fullmatch(c):
            continue
        folded = c.casefold()
        assert not some.match(c), hex(code)
        assert not some.match(folded[0]) and not some.match(folded[-1]), hex(code)


def test_the_wide_tables_keep_the_letters_of_the_codec_each_to_one_letter():
    # (see repetition._wide_tables) each byte of cp1251 that is a letter or mark to the
    # tokens (to either class) is kept, lowercased to the byte of its lowercase
    from copylint.rules.types._common import _WIDER
    from copylint.rules.types.repetition import _wide_tables

    keep, lower = _wide_tables()
    letters = regex.compile(r"\p{L}", regex.IGNORECASE | regex.V0)
    kept = 0
    for b in range(256):
        try:
            c = bytes((b,)).decode(_WIDER)
        except UnicodeDecodeError:
            assert keep[b] == lower[b] == 32
            continue
        inside = _INSIDE.fullmatch(c) is not None
        assert inside == (letters.fullmatch(c) is not None), hex(b)
        assert keep[b] == (b if inside else 32), hex(b)
        if inside:
            kept += 1
            assert bytes((lower[b],)).decode(_WIDER) == c.lower() and lower[b] != 32, hex(b)
    assert kept > 52 + 64  # ASCII's and Cyrillic's


def _repeats(rule, text: str) -> bool:
    """The slow way: two of the rule's tokens in a row the same, blanks between."""
    words = list(rule.pattern.finditer(text))
    for a, b in zip(words, words[1:], strict=False):
        x, y = a.group(), b.group()
        if rule.meta.ignorecase:
            x, y = x.lower(), y.lower()
        if x == y and not text[a.end() : b.start()].strip():
            return True
    return False


def test_may_repeat_never_passes_over_a_repeat(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "Twice.yml").write_text(
        "extends: repetition\nmessage: \"'%s' twice.\"\ntokens:\n  - '[\\p{L}\\p{M}]+'\n",
        encoding="utf-8",
    )
    rules = [_rule("house.RepeatedWords"), _rule("mine.Twice", ("mine",), tmp_path)]
    assert rules[0].meta.ignorecase and not rules[1].meta.ignorecase
    pieces = [
        "the", "The", "THE", "thé", "café", "ſ", "K", "ß", "SS", "straße", "ΟΔΟΣ", "οδος",
        "дом", "Дом", "사진", "i\u0307", "İ", "a", "b", " ", " ", "  ", "\n", "\t", "\u00a0",
        "\u2009", "\u3000", ",", ".", "'", "’", "“", "”", "—", "–", "…", "-", "7", "²", "½",
        "ª", "µ", "™", "€", "\u0301", "_", "*", "\u2028", "\u200b",
    ]  # fmt: skip
    rng = random.Random(5)
    seen = {True: 0, False: 0}
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for rule in rules:
            may = rule._may_repeat(text, 0, len(text))
            if _repeats(rule, text):
                assert may, (rule.meta.id, text)
            seen[may] += 1
    assert seen[True] and seen[False] > 2000  # (the shortcut does pass over most)
    # text that cp1251 encodes whole (read as its bytes)
    wide = ["дом", "Дом", "ДОМ", "ёж", "Ёж", "the", "The", "Ѓ", "ѓ", "µ", "№", "’", "«", "»"]
    wide += ["“", "—", " ", "  ", "\n", ",", ".", "-", "7", "\u00a0", "Є", "є", "І", "і"]
    for _ in range(4000):
        text = "".join(rng.choice(wide) for _ in range(rng.randint(1, 12)))
        text.encode("cp1251")
        for rule in rules:
            may = rule._may_repeat(text, 0, len(text))
            if _repeats(rule, text):
                assert may, (rule.meta.id, text)
            seen[may] += 1
    assert seen[False] > 5000


def test_repeated_words_found_as_before_around_marks(tmp_path, run):
    text = (
        "He said “the the” and—and then “Then then.” It cost €5 €5 and 7 7 percent.\n\n"
        "A café café and a naïve naïve plan met the ΟΔΟΣ οδος on дом Дом street.\n\n"
        "The end. The end\u00a0end is near, but\u2009but not here; she said ‘so so’.\n"
    )
    found = _findings(run, tmp_path, {"a.md": text})
    got = [(f["line"], f["match"]) for f in found if f["rule"] == "house.RepeatedWords"]
    # (quoted speech is left alone; "дом Дом" is taken for a doubled name; a gap of
    # other blanks than spaces and tabs is no repeat)
    assert got == [
        (3, "café café"),
        (3, "naïve naïve"),
        (3, "ΟΔΟΣ οδος"),
        (5, "so so"),
    ]


# --------------------------------------------------------------------------- run bounds


def test_a_run_bound_counting_wider_letters_is_never_below_the_number_of_matches():
    from copylint.rules.types._common import run_bound
    from copylint.rules.types.metric import _WORD, _WORD_BOUND

    pieces = [
        "a", "B", "é", "Ω", "д", "Ж", "ё", "і", "7", "٣", "'", "’", "‘", "“", "-", "—", " ",
        ".", ",", "/", "\u0301", "_", "№", "µ", "²", "Ѓ", "ђ", "\u00a0", "€",
    ]  # fmt: skip
    rng = random.Random(17)
    sources = [r"\b\p{L}[\p{L}\p{N}'’-]*", r"[a-z][a-z0-9]*", r"\b[\w][\w'-]*", r"\p{L}[\p{L}]*"]
    bounds = [(regex.compile(s), run_bound(s, 0, regex.compile)) for s in sources]
    bounds.append((_WORD, _WORD_BOUND))
    finer = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for pattern, bound in bounds:
            assert bound is not None
            found = len(pattern.findall(text))
            coarse = bound.most(text, 0, len(text))
            for enough in (0, 2, 5, 9.5):
                most = bound.most(text, 0, len(text), enough)
                assert found <= most <= coarse, (pattern.pattern, text, enough)
                finer += most < coarse
    assert finer > 1000  # (Cyrillic letters are counted as in the words)


def test_the_wider_codec_gives_back_what_it_encodes():
    # (see _common._WIDER) a character it encodes is the one its byte decodes to
    from copylint.rules.types._common import _WIDER

    for code in range(0x110000):
        c = chr(code)
        try:
            b = c.encode(_WIDER)
        except UnicodeEncodeError:
            continue
        assert len(b) == 1 and b.decode(_WIDER) == c, hex(code)
        assert (code < 128) == (b[0] < 128), hex(code)
