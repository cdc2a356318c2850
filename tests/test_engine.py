"""Engine behaviour shared by all rule types: masks, quotes, lazy patterns."""

from __future__ import annotations

import os
import textwrap

from copylint.config import Config
from copylint.engine import Linter
from copylint.rules.patterns import PatternCache, anchors_of


def linter_with(tmp_path, files: dict[str, str]) -> Linter:
    pack = tmp_path / "e"
    pack.mkdir()
    for name, body in files.items():
        (pack / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return Linter(Config(packs=(str(pack),)))


SPACE = """\
extends: substitution
message: "No space before '%s'."
nonword: true
scope: [text, quote]
swap:
  '(?<=\\w)[ \\t]+,': ','
"""
REPEAT = """\
extends: repetition
message: "'%s' twice"
alpha: true
tokens: ['[^\\s]+']
"""


def test_a_hit_across_inline_code_is_dropped_but_emphasis_is_transparent(tmp_path):
    linter = linter_with(tmp_path, {"Space.yml": SPACE, "Rep.yml": REPEAT})
    text = "Use the `--format` option , then `x`, and the **the** plan.\n"
    _, found = linter.check_text(text, "a.md")
    assert [(f.rule, f.match) for f in found] == [
        ("e.Space", " ,"),
        ("e.Rep", "the **the"),
    ]
    assert found[1].fix is None  # never cut into markup
    assert found[0].column == text.index(" ,") + 1


def test_word_rules_skip_quoted_speech_unless_scope_opts_in(tmp_path):
    linter = linter_with(
        tmp_path,
        {
            "Word.yml": 'extends: existence\nmessage: "%s"\ntokens: [very]\n',
            "Punct.yml": SPACE,
        },
    )
    text = 'She said "it was very hot , really" and very much so.\n'
    _, found = linter.check_text(text, "a.txt")
    assert [(f.rule, f.column) for f in found] == [
        ("e.Punct", text.index(" ,") + 1),
        ("e.Word", text.rindex("very") + 1),
    ]


def test_anchors_are_conservative():
    assert anchors_of(r"\bpast history\b") == ("past history",)
    assert anchors_of(r"(?:end result|free gift)s?") == ("end result", "free gift")
    assert anchors_of(r"\d+ percent", 0) == (" percent",)
    assert anchors_of(r"(?:ab|xyz)") is None  # a branch with no 3-character literal
    assert anchors_of(r"[[:alpha:]]abc") is None  # POSIX class: regex reads it otherwise
    assert anchors_of(r"(?:colour){e<=1}") is None  # fuzzy matching
    assert anchors_of(r"\p{Lu}abc") == ("abc",)  # a property is a class, not a literal
    assert anchors_of(r"(?<=\bthe )\d+") == ("the ",)  # a positive lookbehind counts


def test_rules_are_skipped_only_when_they_cannot_match(tmp_path):
    linter = linter_with(
        tmp_path, {"Hist.yml": 'extends: existence\nmessage: "%s"\ntokens: [past history]\n'}
    )
    rule = linter.ruleset.rules[0]
    assert rule.trigger is not None and rule.trigger.anchors == ("past history",)
    assert linter.check_text("No match here.\n", "a.txt")[1] == []
    assert [f.match for f in linter.check_text("Its Past History.\n", "a.txt")[1]] == []
    _, found = linter.check_text("Its past history.\n", "a.txt")
    assert [f.match for f in found] == ["past history"]


def test_validation_cache_is_keyed_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    body = 'extends: existence\nmessage: "%s"\ntokens: [past history]\n'
    linter_with(tmp_path, {"Hist.yml": body})
    cache = PatternCache()
    assert len(cache.data) == 1
    (entry,) = cache.data.values()
    assert list(entry.values()) == [["past history"]]
    # a second load reads the cache and compiles nothing up front
    second = Linter(Config(packs=(str(tmp_path / "e"),)))
    assert second.ruleset.rules[0].trigger._compiled is None


def test_parsed_rule_files_are_cached_by_content(tmp_path):
    """A second start takes unchanged rule files from the cache without importing
    PyYAML; an edited file is parsed again and its new text is used."""
    import subprocess
    import sys

    pack = tmp_path / "e"
    pack.mkdir()
    rule = pack / "Hist.yml"
    rule.write_text('extends: existence\nmessage: "Old: %s"\ntokens: [past history]\n')
    probe = (
        "import sys\n"
        "from copylint import Config, Linter\n"
        f"linter = Linter(Config(packs=({str(pack)!r},)))\n"
        "_, found = linter.check_text('Its past history.\\n', 'a.txt')\n"
        "print('yaml' in sys.modules, found[0].message)\n"
    )
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
        ).stdout.strip()

    assert run() == "True Old: past history"  # first start: parsed with PyYAML
    assert run() == "False Old: past history"  # from the cache
    rule.write_text('extends: existence\nmessage: "New: %s"\ntokens: [past history]\n')
    assert run() == "True New: past history"


def test_the_rule_cache_is_pruned_past_its_cap(tmp_path, monkeypatch):
    """Each edit of a rule file adds cache entries; past the cap only what the last
    load used is kept, and that load still reads its rules correctly."""
    from copylint.rules import patterns

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "MAX_ENTRIES", 6)
    for i in range(5):  # five versions of the same rule file
        body = f'extends: existence\nmessage: "v{i}: %s"\ntokens: [past history]\n'
        (tmp_path / "e").mkdir(exist_ok=True)
        (tmp_path / "e" / "Hist.yml").write_text(body, encoding="utf-8")
        linter = Linter(Config(packs=(str(tmp_path / "e"),)))
    cache = PatternCache()
    assert len(cache.data) + len(cache.parsed) <= 6
    _, found = linter.check_text("Its past history.\n", "a.txt")
    assert found[0].message == "v4: past history"
    again = Linter(Config(packs=(str(tmp_path / "e"),)))
    assert again.check_text("Its past history.\n", "a.txt")[1][0].message == "v4: past history"


def test_a_sentence_after_an_emoji_starts_at_its_first_word():
    from copylint.document import split_sentences

    for emoji in ("😀", "👍🏽", "❤️", "👩‍💻"):
        text = f"It rained. {emoji} Teh end."
        spans = split_sentences(text, 0, len(text))
        assert [text[s.start : s.end] for s in spans] == ["It rained.", f"{emoji} Teh end."]
        # the capitalised slip at that sentence's start is found, as without the emoji
        _doc, found = Linter(Config(packs=("spelling",))).check_text(text, "a.md", "markdown")
        assert [(text[f.start : f.end], f.suggestions[:1]) for f in found] == [("Teh", ("The",))]


def test_sentences_of_a_span_that_starts_just_after_a_full_stop():
    """A span's first sentence may end with the closing quote of a stop just before
    the span (the split looks behind the span's start for it)."""
    from copylint.document import split_sentences

    text = 'We waited." Then the bus came. It was late! Nobody spoke, said Mr. Ames.'
    quote = text.index('"')
    spans = split_sentences(text, quote, len(text))
    assert [text[s.start : s.end] for s in spans] == [
        '"',
        "Then the bus came.",
        "It was late!",
        "Nobody spoke, said Mr. Ames.",
    ]
    spans = split_sentences(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans][0] == 'We waited."'
