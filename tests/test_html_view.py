"""The prose view of HTML (issue 16): entities read as the characters they stand
for, inline tags left out so a word split by markup is one word, and every finding
and fix placed back in the source."""

from __future__ import annotations

from click.testing import CliRunner

import copylint
from copylint.cli import cli
from copylint.fixer import apply_edits
from copylint.parsers import parse


def _check(source: str) -> list:
    return copylint.check_text(source, path="page.html")


def _spelling(source: str) -> list:
    return [f for f in _check(source) if f.rule.startswith("spelling.")]


def test_an_em_dash_entity_is_an_em_dash_to_the_dash_rules():
    source = "<p>The ferry ran late&mdash;again on Monday.</p>"
    (dash,) = [f for f in _check(source) if f.rule == "house.DashSpaced"]
    assert source[dash.start : dash.end] == "&mdash;"
    assert (dash.line, dash.column, dash.end_column) == (1, 22, 29)


def test_a_numeric_em_dash_is_read_too_and_a_spaced_one_passes():
    assert [f for f in _check("<p>It rained&#8212;hard.</p>") if f.rule == "house.DashSpaced"]
    assert not [
        f for f in _check("<p>It rained &#x2014; hard.</p>") if f.rule.startswith("house.Dash")
    ]


def test_a_curly_apostrophe_entity_joins_a_contraction():
    assert not _spelling("<p>We don&rsquo;t print rumors and we won&rsquo;t start now.</p>")


def test_a_typo_before_an_apostrophe_entity_is_placed_in_the_source():
    source = "<p>Our reporter said teh&rsquo;s the end of it.</p>"
    (typo,) = _spelling(source)
    assert typo.column == 22
    assert source[typo.start : typo.end] == "teh&rsquo;s"


def test_a_no_break_space_entity_is_a_space():
    source = "<p>Prices rose by 5&nbsp;percent in a year.</p>"
    (pct,) = [f for f in _check(source) if f.rule == "house.PercentSign"]
    assert pct.column == source.index("5") + 1 + 1  # "5" is kept, the rest is flagged
    assert not _spelling("<p>The&nbsp;harbor&nbsp;master spoke.</p>")


def test_curly_quote_entities_make_quoted_speech():
    # quoted speech is left alone by word-choice rules, entities or not
    plain = _check("<p>He said “irregardless of the cost” at the meeting.</p>")
    entity = _check("<p>He said &ldquo;irregardless of the cost&rdquo; at the meeting.</p>")
    assert sorted(f.rule for f in entity) == sorted(f.rule for f in plain)


def test_a_word_split_by_inline_tags_is_one_word():
    assert not _spelling("<p>The <b>gover</b>nment met on <em>Tues</em>day.</p>")


def test_a_misspelt_word_split_by_tags_is_flagged_whole():
    source = "<p>The <b>govre</b>nment met.</p>"
    (typo,) = _spelling(source)
    assert source[typo.start : typo.end] == "govre</b>nment"
    assert (typo.column, typo.end_column) == (11, 25)
    assert typo.match == "govrenment"
    assert typo.fix is None  # replacing it would drop the </b>


def test_block_tags_still_split_words():
    assert _spelling("<ul><li>gover</li><li>nment</li></ul>")


def test_entities_in_code_and_attributes_stay_masked():
    doc = parse('<p title="teh&amp;">Fine.</p><pre>teh&mdash;x</pre>', "page.html")
    assert doc.view is None


def test_a_document_without_entities_or_inline_tags_has_no_view():
    assert parse("<p>Plain words.</p>", "page.html").view is None
    assert parse("Plain & simple.\n", "a.txt").view is None


def test_fix_keeps_markup_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        "<p>The vote ran late&mdash;the <i>council</i> met at 10 p.m.</p>\n"
        "<p>Tickets cost &pound;5 &amp; more.</p>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["fix", "page.html"])
    fixed = page.read_text(encoding="utf-8")
    assert result.exit_code in (0, 1), result.output
    assert "late — the <i>council</i>" in fixed
    assert "&pound;5 &amp; more" in fixed
    assert fixed.count("<p>") == fixed.count("</p>") == 2
    again = CliRunner().invoke(cli, ["fix", "page.html"])
    assert again.exit_code in (0, 1)
    assert page.read_text(encoding="utf-8") == fixed


def test_an_edit_through_part_of_a_tagged_word_is_dropped():
    source = "<p>We need <i>col</i>our here.</p>"
    found = copylint.check_text(source, path="page.html")
    edits = [f.fix for f in found if f.fix is not None]
    fixed = apply_edits(source, edits)
    assert "<i>" in fixed and "</i>" in fixed


def test_ignored_elements_are_found_in_the_source_not_the_view():
    from copylint.config import Config

    source = (
        '<p>Filed by <span class="byline">our staf reportr</span> on a&nbsp;Tuesday, teh end.</p>'
    )
    cfg = Config(ignored_elements=(".byline",))
    found = [f for f in copylint.check_text(source, path="page.html", config=cfg)]
    assert [f.match for f in found if f.rule.startswith("spelling.")] == ["teh"]
    assert [f.match for f in _spelling(source)] != ["teh"]  # without it, the byline is read


# Markdown: entities and inline HTML tags go through the same view


def test_markdown_entities_are_their_characters():
    source = "The count was in&mdash;finally. We don&rsquo;t know why.\n"
    found = copylint.check_text(source, path="story.md")
    (dash,) = [f for f in found if f.rule == "house.DashSpaced"]
    assert source[dash.start : dash.end] == "&mdash;"
    assert not [f for f in found if f.rule.startswith("spelling.")]


def test_markdown_inline_tags_do_not_split_a_word():
    source = "The <b>gover</b>nment met. The <i>govre</i>nment did not.\n"
    (typo,) = [
        f for f in copylint.check_text(source, path="story.md") if f.rule.startswith("spelling.")
    ]
    assert source[typo.start : typo.end] == "govre</i>nment"


def test_markdown_entities_in_code_spans_stay_code():
    assert parse("Run `teh&amp;x` now.\n", "story.md").view is None
    assert parse("Plain *words* only.\n", "story.md").view is None
