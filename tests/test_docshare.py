"""What a Document shares instead of computing twice: the prose *is* the source when
the masks cover only white space (then the folded and joined source, and the anchors
found in it, are the prose's), and the parsers hand over the line index they made.
Each shared value must equal what the unshared computation gives."""

from __future__ import annotations

import pytest

from copylint.document import Document, LineIndex, fold
from copylint.parsers import parse
from copylint.rules.literals import LiteralSet
from copylint.rules.patterns import soft_joined

LITERALS = ["very", "unique", "code", "x y", "very\nunique", "http", "é", "  "]

PLAIN_MD = "Title\n\nA very\nunique draft.\n\n\n\nAnother  paragraph, x y.\n"
CODE_MD = "A paragraph with `code` in it, very\nunique.\n\nhttp://example.com/x\n"


def eager(doc: Document, raw: bool) -> frozenset[str]:
    """The anchors found the way they were before anything was shared."""
    text = doc.source if raw else apply_prose(doc)
    folded = fold(text)
    return LiteralSet(LITERALS, "re").present(folded, soft_joined(folded))


def apply_prose(doc: Document) -> str:
    from copylint.document import apply_mask

    return apply_mask(doc.source, doc.mask_ranges)


def test_white_space_masks_share_the_source() -> None:
    doc = parse(PLAIN_MD, "a.md")
    assert doc.mask_ranges  # the blank lines between the paragraphs
    assert doc.prose is doc.source
    assert doc.folded_source is doc.folded_prose
    assert doc.joined_source is doc.joined_prose
    assert doc.folded_source == fold(doc.source)
    assert doc.joined_source == soft_joined(fold(doc.source))
    lits = LiteralSet(LITERALS, "re")
    raw = doc.literals_in(lits, True)
    assert raw is doc.literals_in(lits, False)  # one pass for both
    assert raw == eager(doc, True) == eager(doc, False)
    assert {"very", "unique", "x y"} <= raw


@pytest.mark.parametrize(
    "source,name",
    [
        (CODE_MD, "b.md"),  # a code span and a URL masked: not white space
        ("Tab\tthen\n\n\tindented code\n", "c.md"),  # a tab blanked to a space
        ("<p>very <code>code</code> unique</p>\n", "d.html"),
        ("very unique http://x.org/code\n", "e.txt"),
    ],
)
def test_masked_text_is_not_shared(source: str, name: str) -> None:
    doc = parse(source, name)
    assert doc.prose != doc.source
    assert doc.prose is not doc.source
    assert doc.folded_source == fold(doc.source) != doc.folded_prose
    lits = LiteralSet(LITERALS, "re")
    # the raw answer first, then the prose's: neither may be taken for the other
    assert doc.literals_in(lits, True) == eager(doc, True)
    assert doc.literals_in(lits, False) == eager(doc, False)
    if name != "c.md":
        assert doc.literals_in(lits, True) != doc.literals_in(lits, False)


@pytest.mark.parametrize(
    "source,name",
    [
        (PLAIN_MD, "a.md"),
        ("---\ntitle: x\n---\n\nBody\r\nline two\r\n\r\n# H\r\n", "f.md"),
        ("a\rb\r\nc\n", "g.txt"),
        ("<h1>T</h1>\n<p>one\ntwo</p>\n", "h.html"),
        ("", "empty.md"),
    ],
)
def test_parsers_hand_over_the_line_index(source: str, name: str) -> None:
    doc = parse(source, name)
    fresh = LineIndex(source)
    assert doc.lines.text == source
    assert doc.lines.starts == fresh.starts
    for offset in range(len(source) + 1):
        assert doc.lines.position(offset) == fresh.position(offset)
