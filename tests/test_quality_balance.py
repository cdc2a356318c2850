"""The ``balance`` rule type behind house.UnbalancedQuotes: quote pairs per paragraph,
in linear time, through the real CLI on real files."""

from __future__ import annotations

import json

import pytest

ONLY_QUOTES = """\
[levels]
spelling = "off"
promo = "off"
house = "off"
"house.UnbalancedQuotes" = "warning"
"""

OWN_RULE = """\
extends: balance
message: "Unpaired quotation mark at '%s'."
level: error
dialects: [en-GB]
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "copylint.toml").write_text(ONLY_QUOTES, encoding="utf-8")
    return tmp_path


def findings(run, *args):
    r = run("check", "--format", "json", *args)
    assert r.exit_code in (0, 1), r.output
    return [
        (f["rule"], f["line"], f["column"], f["match"]) for f in json.loads(r.stdout)["findings"]
    ]


def test_five_thousand_marks_on_one_line_report_the_unpaired_one(project, write, run):
    # the regex this type replaces took about 4 s on such a line (one pass now:
    # measured, not timed here; speed belongs to the benchmarks)
    write("long.txt", 'He said "yes" ' * 2500 + 'and then no."\n')
    assert findings(run, "long.txt") == [("house.UnbalancedQuotes", 1, 2500 * 14 + 13, '"')]


def test_long_paragraphs_are_checked_too(project, write, run):
    # the regex skipped paragraphs over about 3,000 characters
    body = "The council met on Monday and talked for hours. " * 80
    write("long.md", f"{body}Then she added, all of it.”\n")
    assert findings(run, "long.md") == [("house.UnbalancedQuotes", 1, len(body) + 27, "”")]


def test_open_quotation_continued_or_not(project, write, run):
    write(
        "a.md",
        "“We will rebuild,” she said. “All of it.\n\n\n“Every house.”\n\n"
        "“And the school.\n\n\nThe council agreed.\n",
    )
    # any number of blank lines separates paragraphs (the regex wanted exactly one)
    assert findings(run, "a.md") == [("house.UnbalancedQuotes", 9, 1, "The")]


def test_crlf_paragraphs_are_paragraphs(project, tmp_path, run):
    text = "“One quote,” she said.\r\n\r\nHe replied, no.”\r\n\r\n“Balanced.”\r\n"
    (tmp_path / "crlf.txt").write_bytes(text.encode())
    assert findings(run, "crlf.txt") == [("house.UnbalancedQuotes", 3, 16, "”")]
    (tmp_path / "cr.txt").write_bytes(text.replace("\r\n", "\r").encode())
    assert findings(run, "cr.txt") == [("house.UnbalancedQuotes", 3, 16, "”")]


def test_markdown_blocks_are_paragraphs_and_code_does_not_count(project, write, run):
    write(
        "b.md",
        "# A “quoted” title\n"
        "The text under it, she said.”\n\n"
        'Set `x = "` in the file, he said.\n\n'
        "- one item “with a quote”\n"
        "- another item.”\n",
    )
    assert findings(run, "b.md") == [
        ("house.UnbalancedQuotes", 2, 29, "”"),
        ("house.UnbalancedQuotes", 7, 16, "”"),
    ]


def test_inch_marks_and_figures_before_closing_quotes(project, write, run):
    write(
        "c.txt",
        'The 65" screen and the 1.5" bezel are on sale.\n\n'
        "“It was built in 2019,” she said of the 2019” model.\n\n"
        '"A4" paper, she said, and "B5."\n',
    )
    # 65" and 1.5" are inch marks; a curly mark after a figure closes an open quotation,
    # and with none open it is an inch mark too ("the 2019” model")
    assert findings(run, "c.txt") == []
    write("d.txt", "The 13” model, she said, was “the one to buy 2019”.\n\nHe said 2019”.\n")
    assert findings(run, "d.txt") == []
    write("e.txt", "“It was 2019” and “it was 2020”, she said, “in 2021”.”\n")
    assert findings(run, "e.txt") == [("house.UnbalancedQuotes", 1, 54, "”")]


def test_dialect_does_not_change_the_findings(project, write, run):
    write("d.txt", "She said it was over.”\n")
    expected = [("house.UnbalancedQuotes", 1, 22, "”")]
    assert findings(run, "d.txt") == expected
    assert findings(run, "--dialect", "en-GB", "d.txt") == expected


def test_own_rule_of_the_type_with_dialects(tmp_path, write, run):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "Pairs.yml").write_text(OWN_RULE, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["mine"]\n', encoding="utf-8")
    write("e.txt", "She said it was over.”\n")
    assert findings(run, "e.txt") == []  # en-US: the rule does not run
    assert findings(run, "--dialect", "en-GB", "e.txt") == [("mine.Pairs", 1, 22, "”")]
    r = run("check", "--dialect", "en-GB", "e.txt")
    assert "Unpaired quotation mark at '”'." in r.stdout and r.exit_code == 1


def test_unknown_key_for_the_type_is_a_rule_error(tmp_path, write, run):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "Pairs.yml").write_text(OWN_RULE + "tokens: [x]\n", encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["mine"]\n', encoding="utf-8")
    write("e.txt", "Fine.\n")
    r = run("check", "e.txt")
    assert r.exit_code == 2
    assert "Pairs.yml" in r.stderr and "tokens" in r.stderr
