"""Each suppression form, end to end through the engine."""

from __future__ import annotations

import textwrap

import pytest

from copylint.config import Config
from copylint.engine import Linter

RULES = {
    "Very.yml": 'extends: existence\nmessage: "%s"\ntokens: [very]\n',
    "Hot.yml": 'extends: existence\nmessage: "%s"\ntokens: [hot]\n',
}


@pytest.fixture
def linter(tmp_path):
    pack = tmp_path / "s"
    pack.mkdir()
    for name, body in RULES.items():
        (pack / name).write_text(body, encoding="utf-8")
    return Linter(Config(packs=(str(pack),)))


def found(linter, text, path):
    _, fs = linter.check_text(textwrap.dedent(text), path)
    return [(f.rule, f.line) for f in fs]


def test_markdown_disable_enable_range(linter):
    text = """\
    A very hot day.

    <!-- copylint-disable s.Very -->
    A very hot night.

    Still very hot.
    <!-- copylint-enable s.Very -->

    Again very hot.
    """
    assert found(linter, text, "a.md") == [
        ("s.Very", 1),
        ("s.Hot", 1),
        ("s.Hot", 4),
        ("s.Hot", 6),
        ("s.Very", 9),
        ("s.Hot", 9),
    ]


def test_markdown_disable_all_rules(linter):
    text = "<!-- copylint-disable -->\nA very hot day.\n<!-- copylint-enable -->\nvery\n"
    assert found(linter, text, "a.md") == [("s.Very", 4)]


def test_markdown_disable_next_line(linter):
    text = """\
    <!-- copylint-disable-next-line s.Very -->
    A very hot day.

    A very hot day.
    """
    assert found(linter, text, "a.md") == [("s.Hot", 2), ("s.Very", 4), ("s.Hot", 4)]


def test_html_directives(linter):
    text = """\
    <p>A very hot day.</p>
    <!-- copylint-disable-next-line s -->
    <p>A very hot day.</p>
    """
    assert found(linter, text, "a.html") == [("s.Very", 1), ("s.Hot", 1)]


def test_plain_text_ignore_on_the_line(linter):
    text = """\
    A very hot day. copylint: ignore s.Very
    A very hot day.
    """
    assert found(linter, text, "a.txt") == [("s.Hot", 1), ("s.Very", 2), ("s.Hot", 2)]


def test_plain_text_ignore_alone_covers_the_next_line(linter):
    text = """\
    # copylint: ignore s.Very, s.Hot
    A very hot day.
    A very hot day.
    """
    assert found(linter, text, "a.txt") == [("s.Very", 3), ("s.Hot", 3)]


def test_plain_text_disable_enable(linter):
    text = """\
    copylint: disable s.Hot
    A very hot day.
    copylint: enable s.Hot
    A very hot day.
    """
    assert found(linter, text, "a.txt") == [("s.Very", 2), ("s.Very", 4), ("s.Hot", 4)]


def test_sic_accepts_the_word(linter):
    text = 'The sign read "very [sic] hot" and it was very hot.\n'
    # quoted speech aside, [sic] right after a word accepts it anywhere
    assert found(linter, "It was very [sic] hot [sic].\n", "a.txt") == []
    assert ("s.Very", 1) in found(linter, text, "a.txt")
