"""Markdown parser: what is prose, what is masked, blocks, directives, positions."""

from __future__ import annotations

import re

import pytest

from conftest import at, block_texts
from copylint.files import read_source
from copylint.parsers import parse
from copylint.parsers.markdown import parse_markdown


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w@.:/#*`|\\-]+", text))


def prose_words(doc) -> set[str]:
    return set(re.findall(r"\w+", doc.prose))


# --------------------------------------------------------------------------- inline masks


def test_inline_markup_is_masked_and_text_stays_prose():
    src = (
        "Some **bold** and _slanted_ text with `codeword` and [visible label](https://ex.org/pg)"
        ' and ![alt caption](pic.png "pic title") and <https://auto.example/x> end.\n'
        'Also <span class="cls">spanned</span> &amp; mail editor@example.org and\n'
        "an escaped \\*star and ~~struck~~ words, plus http://bare.example/path here.\n"
    )
    doc = parse_markdown(src, "a.md")
    p = doc.prose
    for kept in ("bold", "slanted", "visible label", "alt caption", "spanned", "struck", "here"):
        assert kept in p
    for gone in (
        "**",
        "_slanted_",
        "codeword",
        "ex.org",
        "pic.png",
        "pic title",
        "auto.example",
        "<span",
        "cls",
        "</span>",
        "&amp;",
        "editor@example.org",
        "\\*",
        "~~",
        "bare.example",
    ):
        assert gone not in p, gone
    # the escaped character itself stays, only the backslash goes
    assert " *star" in p
    # same length, newlines kept
    assert len(p) == len(src)
    assert [i for i, c in enumerate(p) if c == "\n"] == [i for i, c in enumerate(src) if c == "\n"]
    assert block_texts(doc) == [("paragraph", src.rstrip("\n"), 0, "")]


def test_unmatched_emphasis_characters_and_intraword_underscores_stay():
    doc = parse_markdown("Five * three is snake_case_name in 2 * 4 terms.\n", "a.md")
    assert "snake_case_name" in doc.prose
    assert "Five * three" in doc.prose


def test_reference_links_and_definitions():
    src = (
        "Read [the report][rep] and [Other] now.\n\n[rep]: https://ref.example/a 'T'\n[other]: /x\n"
    )
    doc = parse_markdown(src, "a.md")
    assert "the report" in doc.prose and "Other" in doc.prose
    assert "[rep]" not in doc.prose and "rep" not in prose_words(doc)
    assert "ref.example" not in doc.prose
    assert doc.prose.splitlines()[2].strip() == ""
    assert [k for k, *_ in block_texts(doc)] == ["paragraph"]


# --------------------------------------------------------------------------- blocks


def test_headings_lists_blockquotes_code():
    src = (
        "# Main title ##\n"
        "\n"
        "Sub title\n"
        "---------\n"
        "\n"
        "- first point\n"
        "- second point\n"
        "  continued here\n"
        "  1. nested point\n"
        "\n"
        "> quoted line one\n"
        "> quoted line two\n"
        "\n"
        "```python\n"
        "x = misspeled_code\n"
        "```\n"
        "\n"
        "    indented code block\n"
        "\n"
        "<div>raw html</div>\n"
    )
    doc = parse_markdown(src, "a.md")
    got = block_texts(doc)
    assert got == [
        ("heading", "Main title", 1, ""),
        ("heading", "Sub title", 2, ""),
        ("list", "first point", 1, ""),
        ("list", "second point\n  continued here", 1, ""),
        ("list", "nested point", 2, ""),
        ("blockquote", "quoted line one\n> quoted line two", 0, ""),
        ("code", "```python\nx = misspeled_code\n```", 0, "python"),
        ("code", "    indented code block", 0, ""),
        ("html", "<div>raw html</div>", 0, ""),
    ]
    p = doc.prose
    assert "#" not in p and "---" not in p and "-" not in p and ">" not in p and "1." not in p
    for gone in ("misspeled_code", "indented", "raw html", "python"):
        assert gone not in p
    assert "quoted line two" in p
    # quoted speech: blockquote blocks count as quotes
    i = src.index("quoted line two")
    assert doc.in_quote(i, i + 6)


def test_table_cells_are_blocks_and_pipes_are_masked():
    src = (
        "| Name | Comment |\n"
        "|:-----|--------:|\n"
        "| Zoë  | either \\| or `code` |\n"
        "| Ana | short | extra cell |\n"
    )
    doc = parse_markdown(src, "t.md")
    cells = [(t, m) for _, t, _, m in block_texts(doc, "table")]
    assert cells == [
        ("Name", "th"),
        ("Comment", "th"),
        ("Zoë", "td"),
        ("either \\| or", "td"),
        ("Ana", "td"),
        ("short", "td"),
    ]
    lines = doc.prose.split("\n")
    assert lines[0] == "  Name   Comment  "
    assert lines[1].strip() == ""  # delimiter row
    assert lines[2].rstrip() == "  Zoë    either  | or"  # escape backslash and code masked
    assert "extra" not in doc.prose  # cells beyond the header's count are dropped
    assert at(doc, "short") == (4, 9)
    assert at(doc, "either") == (3, 10)


def test_table_inside_blockquote():
    src = "> | Head | More |\n> |---|---|\n> | cell one | cell two |\n"
    doc = parse_markdown(src, "t.md")
    assert [t for _, t, _, _ in block_texts(doc, "table")] == [
        "Head",
        "More",
        "cell one",
        "cell two",
    ]


# --------------------------------------------------------------------------- front matter


YAML_FM = """---
title: "Council backs the new budget"
subtitle: Plain subtitle words
date: 2024-05-01
author: Sam Writer
tags: [budget, council]
draft: false
description: >
  A folded description
  over two lines.
image:
  src: /img/hall.jpg
  alt: 'The town hall at dusk'
---

Body text here.
"""


def test_yaml_front_matter():
    doc = parse_markdown(YAML_FM, "f.md")
    blocks = block_texts(doc)
    assert blocks == [
        ("heading", "Council backs the new budget", 1, "frontmatter:title"),
        ("frontmatter", "Plain subtitle words", 0, "subtitle"),
        ("frontmatter", "A folded description\n  over two lines.", 0, "description"),
        ("frontmatter", "The town hall at dusk", 0, "alt"),
        ("paragraph", "Body text here.", 0, ""),
    ]
    p = doc.prose
    for gone in ("title:", "Sam Writer", "2024", "budget,", "false", "hall.jpg", "---", '"', "'"):
        assert gone not in p, gone
    assert doc.lines.position(YAML_FM.index("dusk")) == (13, 26)
    assert at(doc, "Body") == (16, 1)


def test_yaml_anchors_tags_and_non_strings():
    src = "---\nsummary: &s Shared summary words\nexcerpt: *s\ndek: !!str Tagged dek\ntitle: 2024\n---\n"
    doc = parse_markdown(src, "f.md")
    assert block_texts(doc) == [
        ("frontmatter", "Shared summary words", 0, "summary"),
        ("frontmatter", "Tagged dek", 0, "dek"),
    ]
    assert "&s" not in doc.prose and "!!str" not in doc.prose and "2024" not in doc.prose


def test_toml_front_matter():
    src = (
        "+++\n"
        'title = "A TOML headline"\n'
        "date = 2024-05-01\n"
        "author = 'Pat Writer'\n"
        'summary = """\n'
        "Multi line summary\n"
        'text."""\n'
        "[image]\n"
        'caption = "Toml caption words"\n'
        "+++\n"
        "Body.\n"
    )
    doc = parse_markdown(src, "f.md")
    assert block_texts(doc) == [
        ("heading", "A TOML headline", 1, "frontmatter:title"),
        ("frontmatter", "Multi line summary\ntext.", 0, "summary"),
        ("frontmatter", "Toml caption words", 0, "caption"),
        ("paragraph", "Body.", 0, ""),
    ]
    assert "Pat" not in doc.prose and "title" not in doc.prose and "+++" not in doc.prose
    assert at(doc, "caption words") == (9, 17)


def test_broken_front_matter_is_masked_whole():
    src = "---\ntitle: [unclosed\nsummary: words\n---\nBody words.\n"
    doc = parse_markdown(src, "f.md")
    assert "unclosed" not in doc.prose and "words\n" not in doc.prose[:30]
    assert block_texts(doc) == [("paragraph", "Body words.", 0, "")]


def test_prose_between_rules_is_not_front_matter():
    src = "---\nA plain sentence between rules.\n---\n\nBody.\n"
    doc = parse_markdown(src, "f.md")
    assert block_texts(doc) == [
        ("heading", "A plain sentence between rules.", 2, ""),
        ("paragraph", "Body.", 0, ""),
    ]


def test_unclosed_fence_is_not_front_matter():
    src = "---\n\nJust text after a rule.\n"
    doc = parse_markdown(src, "f.md")
    assert block_texts(doc) == [("paragraph", "Just text after a rule.", 0, "")]


# --------------------------------------------------------------------------- directives


def test_directives():
    src = (
        "<!-- copylint-disable house.Numbers, spelling.Typos -->\n"
        "Para one.\n"
        "\n"
        "<!-- copylint-enable house.Numbers -->\n"
        "\n"
        "<!-- copylint-disable-next-line -->\n"
        "Para two <!-- copylint-disable-line promo.Newsletter --> end.\n"
        "<!--\n"
        "copylint-disable all.Multi\n"
        "-->\n"
        "<!-- not a copylint-disable thing -->\n"
        "Code `<!-- copylint-disable -->` is not one.\n"
        "\n"
        "```\n<!-- copylint-disable -->\n```\n"
    )
    doc = parse_markdown(src, "d.md")
    got = [(d.action, d.rules, d.line) for d in doc.directives]
    assert got == [
        ("disable", ("house.Numbers", "spelling.Typos"), 1),
        ("enable", ("house.Numbers",), 4),
        ("disable-next-line", (), 6),
        ("disable-line", ("promo.Newsletter",), 7),
        ("disable", ("all.Multi",), 10),
    ]
    assert "copylint" not in doc.prose
    assert "Para two" in doc.prose and "end." in doc.prose


# --------------------------------------------------------------------------- positions


def test_positions_crlf_tabs_and_non_ascii(tmp_path):
    src = (
        "---\r\n"
        "title: Café owner speaks\r\n"
        "---\r\n"
        "\r\n"
        "# Ünïcode 🎉 heading target\r\n"
        "\r\n"
        "Renée said 😀 that\tthe tabbed target\r\n"
        "-\tlist\titem target\r\n"
        "> quote 🎉🎉 target\r\n"
    )
    f = tmp_path / "crlf.md"
    f.write_bytes(b"\xef\xbb\xbf" + src.encode("utf-8"))
    text, bom, enc = read_source(f)
    assert bom and enc == "utf-8" and text == src
    doc = parse(text, str(f))
    assert doc.format == "markdown"
    assert at(doc, "speaks") == (2, 19)
    assert at(doc, "target", 0) == (5, 21)
    assert at(doc, "target", 1) == (7, 30)
    assert at(doc, "target", 2) == (8, 13)
    assert at(doc, "target", 3) == (9, 12)
    assert "\r\n" in doc.prose and "#" not in doc.prose
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "heading", "paragraph", "list", "blockquote"]


def test_lone_cr_line_endings():
    src = "First para.\r\rSecond para with target.\r"
    doc = parse_markdown(src, "cr.md")
    assert at(doc, "target") == (3, 18)
    assert len(doc.prose_blocks) == 2


def test_every_block_span_is_trimmed_prose():
    src = YAML_FM + (
        "\n## Sub *head*\n\n* a list item\n\n> quote\n\n| a | b |\n|---|---|\n| c | d |\n"
    )
    doc = parse_markdown(src, "x.md")
    for b in doc.prose_blocks:
        text = doc.source[b.start : b.end]
        assert text == text.strip()
        assert not doc.is_masked(b.start) and not doc.is_masked(b.end - 1)


def test_a_large_file_parses_like_its_parts():
    """400 KB of mixed Markdown: every repeated unit gives the same blocks (parse
    speed is measured by the benchmarks, not timed here)."""
    unit = (
        "## Section heading\n\nA paragraph with **bold**, `code`, a [link](https://x.org/a) and "
        "some more ordinary words that go on for a while.\n\n- item one\n- item two\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n\n"
    )
    copies = 400 * 1024 // len(unit)
    one = [(b.kind, b.level, b.meta) for b in parse_markdown(unit, "one.md").blocks]
    doc = parse_markdown(unit * copies, "big.md")
    assert [(b.kind, b.level, b.meta) for b in doc.blocks] == one * copies
    assert doc.prose.count("ordinary words") == copies and "**" not in doc.prose


def test_table_starting_a_list_item():
    src = "- | Head | More |\n  |---|---|\n  | cell one | cell two |\n"
    doc = parse_markdown(src, "t.md")
    assert [t for _, t, _, _ in block_texts(doc, "table")] == [
        "Head",
        "More",
        "cell one",
        "cell two",
    ]
    assert "-" not in doc.prose and "|" not in doc.prose
    assert at(doc, "More") == (1, 12)


# --------------------------------------------------------------------------- shortcuts

_SHORTCUT_SAMPLES = [
    "The council met on Tuesday.\nIt voted to close the depot.\n\nA second paragraph.\n",
    "Line endings\r\nof another kind.\r\n\r\nStill two paragraphs.\r\n",
    "---\ntitle: A headline\ntags: [a, b]\n---\n\nBody text after the front matter.\n",
    "  Indented by two.\n    continued by four\n\n\n\nAfter three blank lines.  \n",
    "One star * alone and snake_case words and a_b_c stay plain.\n",
    "Two *stars* make emphasis, and so do _two_ underscores.\n",
    "Spaced stars 5 * 3 * 2 and a rule of underscores ______ stay plain text.\n",
    "A **strong** word, an __init__ name, and *one* more.\n",
    "Fish & chips cost £5; &amp; is an entity and &nosuch; is not.\n",
    "A back\\slash, an escaped \\* star and a line ending in a backslash\\\nhere.\n",
    "A [bracketed aside] and a [real link](https://example.org/a) and an ![image](p.png).\n",
    "A [reference] link.\n\n[reference]: https://example.org/ref\n",
    "Setext heading\n==============\n\nBody.\n",
    "- a list item\n- another\n\n1) first\n2) second\n\n2024. A year to remember.\n",
    "    indented code\n\n\tTabbed code\n\n> quoted words\n",
    "Prices fell ~5% and ~~struck words~~ stay prose; a < b but <b>bold</b> is HTML.\n",
    "Write to desk@example.org or see www.example.org and https://example.org/x?y=1.\n",
    "| a | b |\n|---|---|\n| one | two |\n\nText after the table.\n",
    "Uses `code` and <!-- copylint-disable house.Numbers --> a directive.\n",
    "Ends without a newline",
    # review2: old Mac line ends (CR only) can start a list or a reference definition
    "Text\r+ an item\r",
    "Text\r\r[a]: /u\r\r[a] again\r",
    # review2: markdown-it trims its own set of spaces, not str.isspace's (U+001C, U+0085)
    "Ends in a file separator\x1c\n",
    "A heading\n---\n\nThe end of a line\x85\nand *a* line\x1c\n",
    "Paragraph\u2028\n",
    # review2: U+2028 is not white space beside an emphasis delimiter
    "**\u2028x*\n",
    "\n\n\n",
    "",
    # no block syntax: a number that is no list marker, pipes and colons that make no
    # delimiter row, a bracket that opens no reference definition
    "The screen is\n8.6-inch wide, and yields fell to\n2.252% on Monday.\n",
    "Seats | Tickets: 40 | Box office\n: 50 a seat, with\n[1 cup] of tea and a ]: sign\n",
    # ... and the same characters where they do make block syntax
    "| a | b |\n:--|--:\n| one | two |\n",
    "Head | More\n|---|---|\nx | y\n",
    "Head | More\n  | :-: | --- |\nx | y\n",
    "[label\nover lines]: /url\n\n[label over lines] used.\n",
    "1.\tA tabbed item\n\n7.\n\n3)\n",
]


@pytest.mark.parametrize("text", _SHORTCUT_SAMPLES)
def test_shortcuts_give_the_same_document_as_markdown_it(text):
    fast = parse_markdown(text, "a.md")
    slow = parse_markdown(text, "a.md", shortcuts=False)
    assert fast.prose == slow.prose
    assert [(b.kind, b.start, b.end, b.level, b.meta) for b in fast.blocks] == [
        (b.kind, b.start, b.end, b.level, b.meta) for b in slow.blocks
    ]
    assert [(d.action, d.rules, d.line) for d in fast.directives] == [
        (d.action, d.rules, d.line) for d in slow.directives
    ]


def test_plain_paragraphs_do_not_load_markdown_it(tmp_path):
    """A draft of plain paragraphs never imports markdown-it (start-up time)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from copylint.parsers.markdown import parse_markdown\n"
        "doc = parse_markdown('A plain paragraph.\\n\\nAnother one.\\n', 'a.md')\n"
        "print(len(doc.blocks), 'markdown_it' in sys.modules)\n"
        "parse_markdown('Seats | 40\\n: 50 a seat\\n8.6-inch [1 cup]\\n', 'a.md')\n"
        "print('markdown_it' in sys.modules)\n"
        "parse_markdown('A *marked* one.\\n\\nA <b>bold</b> one, <https://x.org>.\\n', 'a.md')\n"
        "print('markdown_it' in sys.modules)\n"
        "parse_markdown('A [link](https://x.org) paragraph.\\n', 'a.md')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    # (one emphasis alone, and inline HTML or autolinks alone: ``_light_inline``)
    assert out == ["2", "False", "False", "False", "True"]
