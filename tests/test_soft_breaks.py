"""Phrase keys (existence tokens, substitution swaps) found where a hard-wrapped
paragraph splits them over two lines, never across a blank line or two blocks."""

from __future__ import annotations

import random
import textwrap

import pytest

from copylint.config import Config
from copylint.engine import Linter
from copylint.fixer import apply_edits, select_edits
from copylint.rules.patterns import anchors_of, soft_joined, soften, spaced

# three keys or more: searched key by key on a document where few of them can match
PHRASES = """
extends: existence
message: "Stock phrase '%s'."
ignorecase: true
tokens:
  - a steep hill to climb
  - (?:a|the) silver lining
  - over the moon
"""

# two keys: one pattern, no key-by-key search
PAIR = """
extends: existence
message: "Stock phrase '%s'."
ignorecase: true
tokens:
  - ran out of road
  - over the moon
"""

SWAPS = """
extends: substitution
message: "Use '%s' rather than '%s'."
ignorecase: true
swap:
  utterly plain: plain
  at this point in time: now
  join together: join
"""


def lint(tmp_path, rule: str, text: str, path: str = "draft.md"):
    pack = tmp_path / "t"
    pack.mkdir(exist_ok=True)
    (pack / "R.yml").write_text(textwrap.dedent(rule), encoding="utf-8")
    linter = Linter(Config(packs=(str(pack),)))
    return linter.check_text(text, path)[1]


@pytest.mark.parametrize("rule", [PHRASES, PAIR])
@pytest.mark.parametrize("path", ["draft.md", "draft.txt"])
def test_a_phrase_wrapped_in_a_paragraph_is_found_at_its_first_word(tmp_path, rule, path):
    text = "The team lost again.\nThe fans were over the\nmoon when the coach left.\n"
    found = lint(tmp_path, rule, text, path)
    assert [(f.line, f.column, f.message) for f in found] == [
        (2, 15, "Stock phrase 'over the moon'.")
    ]


@pytest.mark.parametrize("path", ["draft.md", "draft.txt"])
def test_blanks_around_the_break_and_indentation_are_part_of_the_gap(tmp_path, path):
    text = "Every cloud has the silver   \n      lining, they say.\n"
    found = lint(tmp_path, PHRASES, text, path)
    assert [(f.line, f.column, f.match) for f in found] == [(1, 17, "the silver lining")]


def test_a_list_item_continued_on_an_indented_line(tmp_path):
    text = "Notes:\n\n- The budget was a steep\n  hill to climb this year.\n- Next item.\n"
    found = lint(tmp_path, PHRASES, text)
    assert [(f.line, f.column, f.match) for f in found] == [(3, 18, "a steep hill to climb")]


def test_a_blockquote_continued_on_the_next_marked_line(tmp_path):
    # a blockquote is quoted speech: only a rule opted into quotes reads it
    text = "> The players were over\n> the moon about it.\n"
    assert lint(tmp_path, PHRASES, text) == []
    found = lint(tmp_path, PHRASES + "scope: [text, quote]\n", text)
    assert [(f.line, f.column) for f in found] == [(1, 20)]


@pytest.mark.parametrize(
    "text",
    [
        "The fans were over the\n\nmoon when the coach left.\n",  # a blank line
        "The fans were over the\n  \nmoon when the coach left.\n",  # a line of blanks
        "- The fans were over the\n- moon when the coach left.\n",  # two list items
        "# The fans were over the\n\n# moon when the coach left\n",  # two headings
        "# The fans were over the\nmoon when the coach left.\n",  # heading, paragraph
    ],
)
def test_no_phrase_across_a_blank_line_or_two_blocks(tmp_path, text):
    assert lint(tmp_path, PHRASES, text) == []
    assert lint(tmp_path, PAIR, text) == []


def test_no_phrase_across_a_blank_line_in_plain_text(tmp_path):
    text = "They ran out of\n\nroad at the border.\n"
    assert lint(tmp_path, PAIR, text, "draft.txt") == []
    assert len(lint(tmp_path, PAIR, "They ran out of\nroad at the border.\n", "draft.txt")) == 1


def test_a_wrapped_substitution_is_fixed_on_one_line(tmp_path):
    text = "We will join\n   together at this point in\ntime, and keep it utterly\nplain.\n"
    found = lint(tmp_path, SWAPS, text)
    assert [(f.line, f.column, f.message) for f in found] == [
        (1, 9, "Use 'join' rather than 'join together'."),
        (2, 13, "Use 'now' rather than 'at this point in time'."),
        (3, 19, "Use 'plain' rather than 'utterly plain'."),
    ]
    assert apply_edits(text, select_edits(found, unsafe=False)) == (
        "We will join now, and keep it plain.\n"
    )


def test_the_same_phrase_on_one_line_is_reported_as_before(tmp_path):
    text = "We will join together at this point in time.\n"
    found = lint(tmp_path, SWAPS, text)
    assert [(f.column, f.match) for f in found] == [
        (9, "join together"),
        (23, "at this point in time"),
    ]
    assert apply_edits(text, select_edits(found, unsafe=False)) == "We will join now.\n"


def test_the_built_in_house_rules_read_wrapped_phrases(tmp_path):
    text = (
        "It was, by every account, an uphill\nbattle, and the answer was blatantly\n    obvious.\n"
    )
    linter = Linter(Config(packs=("house",)))
    found = linter.check_text(text, "draft.md")[1]
    got = {(f.rule, f.line, f.column) for f in found}
    assert ("house.Cliches", 1, 27) in got
    assert ("house.Redundancies", 2, 28) in got
    fixed = apply_edits(text, select_edits(found, unsafe=False))
    assert "was obvious." in fixed


def test_double_spaces_inside_a_line_are_not_a_soft_gap(tmp_path):
    # a run of blanks with no line break stays what it was: not the phrase
    assert lint(tmp_path, PAIR, "They were over  the moon.\n") == []


# --------------------------------------------------------------------------- pieces


def test_soften_leaves_classes_escapes_lookbehinds_and_runs_alone():
    assert soften("over the moon").count("\\n") == 2
    for pattern in ["[a ]b", "a\\ b", "(?<=the )moon", "a  b", "a +b", "a {2}b", "(?x)a b"]:
        assert soften(pattern) == pattern
    assert soften("ball ?game").endswith(")?game")


def test_anchors_follow_a_group_of_literal_alternatives_into_the_phrase():
    assert anchors_of("(?:very|most) unique") == ("most unique", "very unique")
    assert anchors_of("(?:the|a) silver lining") == ("a silver lining", "the silver lining")
    # a group with anything but literals keeps the old anchor
    assert anchors_of("(?:very|mos+t) unique") == (" unique",)


def test_the_joined_text_holds_every_anchor_the_text_holds_and_the_wrapped_ones():
    rng = random.Random(15)
    alphabet = "ab \t\n\r"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        joined = soft_joined(text)
        for size in (1, 2, 3):
            for i in range(len(text) - size + 1):
                piece = text[i : i + size]
                if not spaced(piece):
                    assert piece in joined, (text, piece)
    assert "over the moon" in soft_joined("over the  \n   moon")
    assert "the moon" not in soft_joined("the\n\nmoon")
