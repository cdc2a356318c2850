"""The document build's shortcuts (issue 13, doc4) against the slow ways.

- ``may_hold_url``: no URL or e-mail address is missed where it says none can be.
- ``apply_mask``: a range of spaces and line breaks is left as it is, and the source
  itself is the answer when nothing is blanked.
- The Markdown builder: one URL test a document, the lines of a draft without CR by
  ``split``, ``anchor`` without ``LineIndex.line_bounds``, plain prose not mapped
  back: generated drafts parse to the same document with and without shortcuts, and
  ``anchor`` answers as ``LineIndex.line_bounds`` does.
"""

from __future__ import annotations

import random

import pytest

from copylint import rx
from copylint.document import (
    _NON_NEWLINE,
    _URL,
    _WWW,
    LineIndex,
    apply_mask,
    may_hold_url,
    merge_ranges,
    url_ranges,
)
from copylint.parsers.markdown import _MD_SPACE, _Builder, parse_markdown

_PIECES = [
    "word",
    "Council",
    "now.",
    "Now.",
    "law.W.",
    "www.",
    "WwW.",
    "wWw.example.org",
    "www.example.org/a",
    "https://example.org/x?y=1",
    "ftp://host",
    "desk@example.org",
    "a@b",
    "@",
    "://",
    ".",
    ",",
    " ",
    " ",
    " ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u3000",
    "\x85",
    "\x1c",
    "\u2028",
    "“quoted”",
    "it’s",
    "é",
    "ſ",
    "*",
    "_",
    "*em*",
    "<b>",
    "<The Palace: a>",
    "[x](https://y.org)",
    "&amp;",
    "`c`",
    "~~",
    "#",
    "- ",
    "1. ",
    "> ",
    "    ",
    "|",
]


def _texts(n: int, seed: int, pieces: list[str] = _PIECES) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.15:
            text = "---\ntitle: A www.example.org head\n---\n" + text
        out.append(text)
    return out


# --------------------------------------------------------------------------- URLs


def test_www_matches_only_w_and_a_stop():
    """``may_hold_url`` takes "w." or "W." as needed for ``_WWW``: its third letter
    matches only "w" and "W", its stop only ".", one character each (no full case
    folding). Every code point is tried in those two places."""
    assert not _WWW.flags & rx.FULLCASE
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    for template, allowed in (("ww{}.", {"w", "W"}), ("www{}", {"."})):
        text = "|".join(template.format(c) for c in chars)
        found = {m.group()[template.index("{")] for m in _WWW.finditer(text)}
        assert found == allowed, template


def _slow_url_ranges(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]


@pytest.mark.parametrize("seed", range(4))
def test_url_ranges_equal_the_full_search(seed):
    rng = random.Random(seed)
    for text in _texts(400, seed):
        if _slow_url_ranges(text):
            assert may_hold_url(text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert url_ranges(text, start, end) == _slow_url_ranges(text, start, end), text
        if not may_hold_url(text, start, end):
            assert not _WWW.search(text, start, end) and not _slow_url_ranges(text, start, end)


# --------------------------------------------------------------------------- masks


def _slow_mask(source: str, ranges: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for s, e in ranges:
        parts.append(source[pos:s])
        parts.append(_NON_NEWLINE.sub(" ", source[s:e]))
        pos = e
    parts.append(source[pos:])
    return "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_apply_mask_equals_blanking_every_range(seed):
    rng = random.Random(seed)
    blanks = [" ", "\n", "\r\n", "\r", " \n ", "\n\n"]
    for text in _texts(300, seed, _PIECES + blanks * 8):
        cuts = sorted(rng.randint(0, len(text)) for _ in range(rng.randint(0, 8)))
        ranges = merge_ranges(list(zip(cuts[::2], cuts[1::2], strict=False)))
        if rng.random() < 0.5:  # ranges over white space only, as between paragraphs
            ranges = merge_ranges(
                [(i, i + 1) for i, c in enumerate(text) if c in " \r\n" and rng.random() < 0.7]
            )
        masked = apply_mask(text, ranges)
        assert masked == _slow_mask(text, ranges)
        assert len(masked) == len(text)
        if masked == text:
            assert masked is text  # (Document keeps the source itself as its prose)


def test_document_prose_is_the_source_when_only_blank_lines_are_masked():
    doc = parse_markdown("A paragraph.\n\nAnother one,\nwrapped.\n", "a.md")
    assert doc.mask_ranges and doc.prose is doc.source
    doc = parse_markdown("A `code` span.\n\nAnother.\n", "a.md")
    assert doc.prose is not doc.source and "code" not in doc.prose


# --------------------------------------------------------------------------- Markdown


def _same(fast, slow) -> None:
    assert fast.prose == slow.prose
    assert fast.mask_ranges == slow.mask_ranges
    assert [(b.kind, b.start, b.end, b.level, b.meta) for b in fast.blocks] == [
        (b.kind, b.start, b.end, b.level, b.meta) for b in slow.blocks
    ]
    assert [(d.action, d.rules, d.line) for d in fast.directives] == [
        (d.action, d.rules, d.line) for d in slow.directives
    ]
    assert fast.inline == slow.inline
    assert (fast.view is None) == (slow.view is None)
    if fast.view is not None:
        assert fast.view.source == slow.view.source


_PLAIN_PIECES = [p for p in _PIECES if p not in ("#", "- ", "1. ", "> ", "    ", "|")]


@pytest.mark.parametrize("seed", range(6))
def test_generated_drafts_parse_alike_with_and_without_shortcuts(seed):
    """Drafts of paragraphs (with URLs, addresses, "w." and "W.", line ends of three
    kinds, Unicode spaces, front matter, some inline markup): the shortcuts' document
    is markdown-it's. (Block syntax is left out: a random heading or list marker meets
    the block parser's corners that the shortcuts leave to markdown-it anyway.)"""
    for text in _texts(150, seed, _PLAIN_PIECES):
        fast = parse_markdown(text, "a.md")
        slow = parse_markdown(text, "a.md", shortcuts=False)
        _same(fast, slow)


def _slow_anchor(b: _Builder, content: str, lines: range, tail_ok=None):
    segs: list[tuple[int, int, int]] = []
    parts = content.split("\n")
    if len(parts) != len(lines):
        return segs
    cpos = 0
    for i, (part, line0) in enumerate(zip(parts, lines, strict=True)):
        stripped = part.lstrip()
        lead = len(part) - len(stripped)
        ls, le = LineIndex(b.src).line_bounds(line0 + 1)
        if i == len(parts) - 1:
            if tail_ok is not None:
                le = tail_ok(ls, le)
            else:
                while le > ls and b.src[le - 1] in _MD_SPACE:
                    le -= 1
        if stripped and b.src[ls:le].endswith(stripped):
            segs.append((cpos + lead, le - len(stripped), len(stripped)))
        cpos += len(part) + 1
    return segs


@pytest.mark.parametrize("seed", range(3))
def test_anchor_equals_line_bounds(seed):
    rng = random.Random(seed)
    for text in _texts(200, seed):
        b = _Builder(text)
        n = len(b.index)
        first = rng.randrange(n)
        last = rng.randint(first + 1, n)
        lines = [b.index.line_text(k) for k in range(first + 1, last + 1)]
        content = "\n".join(lines)
        if rng.random() < 0.5:
            content = content.strip(_MD_SPACE)
        for tail in (None, b.atx_tail):
            assert b.anchor(content, range(first, last), tail) == _slow_anchor(
                b, content, range(first, last), tail
            ), text


# --------------------------------------------------------------------------- engine


_NAMES = [
    "a.md", "b.MD", "x/y.html", ".md", "c.", "d/.", "e/..", "f..md", "g.tar.gz", "h.txt/",
    "i.HTM", "j", "k.markdown", "l.htm", "m.text", "n.Html", "", "o.md/.", "p.html/./",
    "q.md//.", "r.mdx", "s.XHTML", "t.md/u", "v.markdown/", "w.txt.md",
]  # fmt: skip


def test_parse_guesses_each_files_format_as_parsers_parse(tmp_path):
    """``Linter._parse`` asks ``format_for`` once an extension (no path object a file)
    and the parser once a format (no import statement a file): the documents are
    ``parsers.parse``'s, in any order of names."""
    from pathlib import Path

    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.parsers import parse

    linter = Linter(Config(root=tmp_path, packs=("house",)), lazy=True)
    text = "A <b>bold</b> [link](https://x.org) and *more*.\n\nNext.\n"
    rng = random.Random(0)
    for names in (_NAMES, list(reversed(_NAMES)), rng.sample(_NAMES, len(_NAMES))):
        for name in names:
            doc = linter._parse(name, Path(name or "x"), text.encode(), None)
            slow = parse(text, name)
            assert (doc.format, doc.prose, doc.path) == (slow.format, slow.prose, slow.path), name
    # a format given, or mapped by the config, wins
    assert linter._parse("a.md", Path("a.md"), b"x\n", "html").format == "html"
    mapped = Linter(Config(root=tmp_path, packs=("house",), formats={"txt": "markdown"}), lazy=True)
    assert mapped._parse("h.txt", Path("h.txt"), b"x\n", None).format == "markdown"
    assert mapped._parse("h.html", Path("h.html"), b"x\n", None).format == "html"


# --------------------------------------------------------------------------- inline


def test_angle_patterns_are_markdown_its():
    from markdown_it.common.html_re import HTML_TAG_RE
    from markdown_it.rules_inline.autolink import AUTOLINK_RE, EMAIL_RE

    from copylint.parsers import markdown

    assert markdown.HTML_TAG == HTML_TAG_RE.pattern
    assert markdown.AUTOLINK == AUTOLINK_RE.pattern
    assert markdown.EMAIL == EMAIL_RE.pattern
    tag, autolink, email = markdown._angle_patterns()
    assert (tag.flags, autolink.flags, email.flags) == (
        HTML_TAG_RE.flags,
        AUTOLINK_RE.flags,
        EMAIL_RE.flags,
    )


_INLINE_PIECES = [
    "word",
    "Noksu",
    "9",
    " ",
    " ",
    "\n",
    "\n",
    "\t",
    "é",
    "“",
    ".",
    ",",
    ":",
    "-",
    "<",
    ">",
    "<b>",
    "</b>",
    "<br/>",
    "<span class=x>",
    '<a href="y">',
    "</a>",
    "<The Palace: Tale of Jang Noksu>",
    "<The Palace: a>",
    "<https://x.org/a>",
    "<mailto:a@b.org>",
    "<desk@example.org>",
    "<a b>",
    "<2>",
    "< b>",
    "<!-- copylint-disable house.Numbers -->",
    "<!-- c -->",
    "<!-->",
    "<?php x ?>",
    "<!DOCTYPE x>",
    "<![CDATA[x]]>",
    "<x\ny>",
    "*",
    "*",
    "**",
    "*word*",
    "a*b",
    "Ga****",
    "_",
    "&amp;",
    "&",
    "[x]",
    "`",
    "~",
    "\\",
]


_STAR_PIECES = ["word", "a", "9", " ", " ", "\n", ".", ",", "(", ")", "“", "”", "é", "-", "'", "!"]


def _starred(n: int, seed: int) -> list[str]:
    """Texts with two stars (now and then three) among words, spaces and punctuation."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(_STAR_PIECES) for _ in range(rng.randint(1, 12))]
        for _ in range(2 + (rng.random() < 0.1)):
            parts.insert(rng.randint(0, len(parts)), "*")
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("seed", range(10))
def test_light_inline_equals_markdown_it(seed):
    """Paragraphs of inline HTML, autolinks, lone and paired stars and what lies near
    them: the document ``_light_inline`` gives (where it answers) is markdown-it's."""
    from copylint.parsers.markdown import _light_inline

    answered = 0
    texts = _texts(300, seed, _INLINE_PIECES) if seed < 6 else _starred(600, seed)
    for text in texts:
        text = text.replace("---", "--")  # (no front matter, no thematic break)
        fast = parse_markdown(text, "a.md")
        slow = parse_markdown(text, "a.md", shortcuts=False)
        _same(fast, slow)
        answered += _light_inline(text.strip(), {}) is not None
    assert answered > 30  # (the shortcut is taken)


def test_light_inline_samples():
    from copylint.parsers.markdown import _light_inline

    sample = "Watch <The Palace: Tale of Jang Noksu> today.\n"
    masks, html, spans = _light_inline(sample.strip(), {})
    assert masks == html == [(6, 38)] and spans == []
    doc = parse_markdown(sample, "a.md")
    assert "Palace" not in doc.prose and "Watch" in doc.prose
    masks, html, spans = _light_inline("services. *Sharks begin circling* Back", {})
    assert masks == [(10, 11), (32, 33)] and spans == [("emphasis", 11, 32)]
    assert _light_inline("a *b* and *c*", {}) is None
    assert _light_inline("a * b*", {}) is None
    assert _light_inline("<b>x</b> and *y*", {}) is None
