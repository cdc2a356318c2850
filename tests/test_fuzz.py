"""Property-based fuzzing: drafts built from grammars (tests/fuzzgrammar.py) go
through every rule and through the fixer, and what comes out must hold together.

The ``ci`` profile (the default, fixed seed, see conftest.py) runs a few hundred
examples in all; ``pytest tests/test_fuzz.py --hypothesis-profile=long`` runs
10,000 and more, by hand.
"""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from copylint.config import Config
from copylint.engine import Linter
from copylint.fixer import MAX_PASSES, apply_edits, select_edits
from fuzzgrammar import draft, html, markdown, plain_text

_LINTER: Linter | None = None


def linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        # every rule of the shipped packs, suggestions included
        _LINTER = Linter(Config(min_level="suggestion"))
    return _LINTER


_BREAK = regex.compile(r"\r\n|\r|\n")


def reference_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, worked out afresh: lines end at
    ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns count characters."""
    line, start = 1, 0
    for m in _BREAK.finditer(text):
        if m.end() > offset:
            break
        line, start = line + 1, m.end()
    return line, offset - start + 1


def check_findings(text: str, name: str):
    doc, findings = linter().check_text(text, name)
    assert doc.source == text
    for f in findings:
        where = f"{f.rule} {f.start}-{f.end} in {text!r}"
        assert 0 <= f.start <= f.end <= len(text), where
        assert (f.line, f.column) == reference_position(text, f.start), where
        assert (f.end_line, f.end_column) == reference_position(text, f.end), where
        assert isinstance(f.suggestions, tuple), where
        assert all(isinstance(s, str) for s in f.suggestions), where
        assert isinstance(f.message, str) and f.message, where
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text), where
            assert isinstance(f.fix.text, str), where
    return findings


def unchanged_outside(before: str, after: str, edits) -> None:
    """``after`` is ``before`` with each edit's span replaced and nothing else: the
    text between the edits is byte-for-byte the same."""

    def lf(s: str) -> str:
        return s.replace("\r\n", "\n").replace("\r", "\n")

    pos_b = pos_a = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        gap = before[pos_b : e.start]
        assert after[pos_a : pos_a + len(gap)] == gap
        pos_a += len(gap)
        # the replacement, its line ends adapted to the file's
        size = len(apply_edits(before, [e])) - len(before) + (e.end - e.start)
        assert lf(after[pos_a : pos_a + size]) == lf(e.text)
        pos_a += size
        pos_b = e.end
    assert after[pos_a:] == before[pos_b:]


def fix_text(text: str, name: str, *, unsafe: bool) -> str:
    """Fix ``text`` the way ``copylint fix`` does (passes until nothing changes),
    checking each pass leaves everything outside its edits alone."""
    lint = linter()
    findings = lint.check_text(text, name)[1]
    for _ in range(MAX_PASSES):
        edits = select_edits(findings, unsafe=unsafe)
        if not edits:
            break
        new = apply_edits(text, edits)
        unchanged_outside(text, new, edits)
        if new == text:
            break
        text = new
        findings = lint.check_text(text, name)[1]
    return text


def check_fix(text: str, name: str, *, unsafe: bool) -> None:
    fixed = fix_text(text, name, unsafe=unsafe)
    # valid text: encodes as UTF-8 (no lone surrogates) and reads back the same; no
    # NUL appears that was not there
    assert fixed.encode("utf-8").decode("utf-8") == fixed
    assert fixed.count("\x00") <= text.count("\x00")
    # a second run changes nothing
    assert fix_text(fixed, name, unsafe=unsafe) == fixed, (text, fixed)


@given(draft())
def test_findings_hold_together(case):
    text, name = case
    check_findings(text, name)


@given(plain_text())
def test_plain_text_as_every_format(text):
    for name in ("a.txt", "a.md", "a.html"):
        check_findings(text, name)


@given(draft(), st.booleans())
def test_fix_is_local_and_idempotent(case, unsafe):
    text, name = case
    check_fix(text, name, unsafe=unsafe)


@given(st.one_of(markdown(), html()))
def test_markup_fix_unsafe(text):
    for name in ("a.md", "a.html"):
        check_findings(text, name)
        check_fix(text, name, unsafe=True)


@given(st.text(max_size=300))
def test_random_characters(text):
    for name in ("a.txt", "a.md", "a.html"):
        check_findings(text, name)


def test_reference_position_agrees_with_itself():
    # the reference the fuzz tests compare against
    text = "ab\r\ncd\ref\ngh"
    assert reference_position(text, 0) == (1, 1)
    assert reference_position(text, 2) == (1, 3)
    assert reference_position(text, 3) == (1, 4)  # between \r and \n
    assert reference_position(text, 4) == (2, 1)
    assert reference_position(text, 7) == (3, 1)
    assert reference_position(text, 10) == (4, 1)
    assert reference_position(text, len(text)) == (4, 3)


# ------------------------------------------------------------------- deep nesting


def test_html_nested_ten_thousand_deep():
    text = "<div>" * 10_000 + "Teh council met." + "</div>" * 10_000
    findings = check_findings(text, "deep.html")
    assert any(f.match == "Teh" for f in findings)
    text = "<b>" * 10_000 + "The council recieved it."  # never closed
    findings = check_findings(text, "deep2.html")
    assert any(f.match == "recieved" for f in findings)


def test_markdown_nested_ten_thousand_deep():
    text = ">" * 10_000 + " Teh council met.\n"
    check_findings(text, "deep.md")
    lines = "".join("  " * i + "- item\n" for i in range(300))
    check_findings(lines + "\nThe council recieved it.\n", "list.md")
    text = "[" * 10_000 + "teh" + "](x)" * 10_000
    check_findings(text, "links.md")
    text = "*" * 10_000 + "Teh council met." + "*" * 10_000
    check_findings(text, "em.md")
