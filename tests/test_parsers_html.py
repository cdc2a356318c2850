"""HTML parser: masks, blocks, directives and exact positions."""

from __future__ import annotations

from conftest import at
from conftest import block_texts as blocks
from copylint.files import read_source
from copylint.parsers import parse
from copylint.parsers.html import parse_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan approved</title>
<meta name="description" content="Hidden meta words">
<style>p.lede { font-family: Hiddenfont; }</style>
<script>const msg = "<p>Hidden script words</p>";</script>
</head>
<body>
<h1 class="hed">Council <em>backs</em> harbour plan</h1>
<p class="lede">The mayor said &amp; repeated it &#8212; then <a href="https://ex.org/x"
  title="Hidden title attr">left early</a>. Write to desk@example.org today.
<p>Second paragraph with <code>hidden_code</code> inside.</p>
<ul><li>First point<li>Second point<ol><li>Deep point</li></ol></li></ul>
<blockquote><p>Quoted words here</p></blockquote>
<table><tr><th>Name<th>Role</tr><tr><td>Zoë Ångström</td><td>Editor</td></tr></table>
<pre>hidden pre block
  more hidden</pre>
<div>Loose div text<br>after break</div>
<article>Article body text</article>
<!-- an ordinary comment with hidden words -->
</body></html>
"""


def test_masks_and_prose():
    doc = parse_html(PAGE, "p.html")
    p = doc.prose
    for kept in (
        "Harbour plan approved",
        "Council",
        "backs",
        "harbour plan",
        "The mayor said",
        "left early",
        "Second paragraph with",
        "inside.",
        "Deep point",
        "Quoted words here",
        "Zoë Ångström",
        "Loose div text",
        "after break",
        "Article body text",
    ):
        assert kept in p, kept
    for gone in (
        "DOCTYPE",
        "lang",
        "Hidden",
        "hidden",
        "<",
        ">",
        "&amp;",
        "&#8212;",
        "ex.org",
        "desk@example.org",
        "class",
    ):
        assert gone not in p, gone
    assert len(p) == len(PAGE)


def test_blocks():
    doc = parse_html(PAGE, "p.html")
    got = blocks(doc)
    assert got == [
        ("heading", "Harbour plan approved", 1, "title"),
        ("heading", "Council <em>backs</em> harbour plan", 1, ""),
        (
            "paragraph",
            'The mayor said &amp; repeated it &#8212; then <a href="https://ex.org/x"\n'
            '  title="Hidden title attr">left early</a>. Write to desk@example.org today.',
            0,
            "",
        ),
        ("paragraph", "Second paragraph with <code>hidden_code</code> inside.", 0, ""),
        ("list", "First point", 1, ""),
        ("list", "Second point", 1, ""),
        ("list", "Deep point", 2, ""),
        ("blockquote", "Quoted words here", 0, ""),
        ("table", "Name", 0, "th"),
        ("table", "Role", 0, "th"),
        ("table", "Zoë Ångström", 0, "td"),
        ("table", "Editor", 0, "td"),
        ("code", "<pre>hidden pre block\n  more hidden", 0, ""),
        ("paragraph", "Loose div text", 0, ""),
        ("paragraph", "after break", 0, ""),
        ("paragraph", "Article body text", 0, ""),
    ]
    i = PAGE.index("Quoted words")
    assert doc.in_quote(i, i + 6)


def test_positions():
    doc = parse_html(PAGE, "p.html")
    assert at(doc, "approved") == (2, 43)
    assert at(doc, "early") == (10, 34)
    assert at(doc, "Ångström") == (14, 45)


def test_positions_crlf_bom_tabs_emoji(tmp_path):
    src = (
        "<html>\r\n<body>\r\n"
        "<p>\tCafé 🎉 news target</p>\r\n"
        "<h2>\t😀😀 heading target</h2>\r\n"
        "</body></html>\r\n"
    )
    f = tmp_path / "page.htm"
    f.write_bytes(b"\xef\xbb\xbf" + src.encode("utf-8"))
    text, bom, enc = read_source(f)
    assert bom and text == src
    doc = parse(text, str(f))
    assert doc.format == "html"
    assert at(doc, "target", 0) == (3, 17)
    assert at(doc, "target", 1) == (4, 17)
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading"]
    assert "\r\n" in doc.prose


def test_lone_cr_positions():
    src = "<p>one</p>\r<p>two target</p>\r"
    doc = parse_html(src, "cr.html")
    assert at(doc, "target") == (2, 8)


def test_directives():
    src = (
        "<!-- copylint-disable house.Numbers, spelling.Typos -->\n"
        "<p>Para one.</p>\n"
        "<!-- copylint-enable house.Numbers -->\n"
        "<!-- copylint-disable-next-line -->\n"
        "<p>Para two</p>\n"
        "<!-- not a directive -->\n"
    )
    doc = parse_html(src, "d.html")
    assert [(d.action, d.rules, d.line) for d in doc.directives] == [
        ("disable", ("house.Numbers", "spelling.Typos"), 1),
        ("enable", ("house.Numbers",), 3),
        ("disable-next-line", (), 4),
    ]
    assert "copylint" not in doc.prose


def test_fragment_without_body_and_unclosed_tags():
    src = "Loose opening words.\n<p>Unclosed para\n<h3>Heading three</h3>\n<p>Last"
    doc = parse_html(src, "f.html")
    assert blocks(doc) == [
        ("paragraph", "Loose opening words.", 0, ""),
        ("paragraph", "Unclosed para", 0, ""),
        ("heading", "Heading three", 3, ""),
        ("paragraph", "Last", 0, ""),
    ]
