"""Applying fixes: choose edits, apply them to text, show diffs, ask interactively.

Everything here is pure (text in, text out) except :func:`write_fixed`, which
hands the result to :func:`copylint.files.write_atomic`.

Rules attach an :class:`~copylint.findings.Edit` to a finding. ``safe`` edits are
applied by ``copylint fix``; unsafe ones only with ``--unsafe-fixes``. Edits that
overlap are never applied together: the first one (in source order) wins, the
others are left for a later pass, when the rule runs again on the fixed text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from .findings import Edit, Finding

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

#: how many check-and-fix passes ``fix`` makes at most on one file
MAX_PASSES = 10


# --------------------------------------------------------------------------- selecting


def _overlaps(a: Edit, b: Edit) -> bool:
    """True if applying both ``a`` and ``b`` would be ambiguous.

    Ranges that share characters overlap; two inserts at the same offset overlap
    (their order is undefined); an insert strictly inside a replaced range overlaps.
    An insert exactly at the start or end of a replaced range does not.
    """
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _sort_key(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)


def drop_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Keep edits in the order given, dropping any that overlaps one already kept.

    Identical edits (same range and text) are kept once. The result is sorted by
    position.
    """
    kept: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    for e in edits:
        key = (e.start, e.end, e.text)
        if key in seen:
            continue
        if any(_overlaps(e, k) for k in kept):
            continue
        seen.add(key)
        kept.append(e)
    kept.sort(key=_sort_key)
    return kept


def fixable(finding: Finding, *, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def select_edits(findings: Iterable[Finding], *, unsafe: bool) -> list[Edit]:
    """The edits to apply for ``findings``: sorted by position, overlapping ones dropped.

    Only safe edits unless ``unsafe``. Among overlapping edits the one that starts
    first (then: ends first) is kept.
    """
    edits = [f.fix for f in findings if f.fix is not None and fixable(f, unsafe=unsafe)]
    edits.sort(key=_sort_key)
    return drop_overlapping(edits)


# --------------------------------------------------------------------------- applying


def line_ending(source: str) -> str:
    """The line ending ``source`` mostly uses (``\\n`` if it has none)."""
    crlf = source.count("\r\n")
    lf = source.count("\n") - crlf
    cr = source.count("\r") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def _adapt_newlines(text: str, eol: str) -> str:
    if eol == "\n" or "\n" not in text and "\r" not in text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", eol)


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping ``edits`` to ``source``; characters outside them are kept.

    Newlines inside replacement text follow the line ending ``source`` uses, so a
    CRLF file stays CRLF. Raises ``ValueError`` for edits out of range or overlapping
    (use :func:`select_edits` first).
    """
    ordered = sorted(edits, key=_sort_key)
    if not ordered:
        return source
    eol = line_ending(source)
    parts: list[str] = []
    pos = 0
    prev: Edit | None = None
    for e in ordered:
        if not 0 <= e.start <= e.end <= len(source):
            raise ValueError(f"edit {e.start}-{e.end} is outside the text (0-{len(source)})")
        if prev is not None and (_overlaps(prev, e) or e.start < pos):
            raise ValueError(f"edits {prev.start}-{prev.end} and {e.start}-{e.end} overlap")
        parts.append(source[pos : e.start])
        parts.append(_adapt_newlines(e.text, eol))
        pos = e.end
        prev = e
    parts.append(source[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- diffs


def unified_diff(before: str, after: str, path: str, *, context: int = 3) -> str:
    """A ``git diff``-style unified diff of ``before`` -> ``after`` ('' if equal)."""
    if before == after:
        return ""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    out: list[str] = []
    for line in difflib.unified_diff(
        a, b, fromfile=f"a/{path}", tofile=f"b/{path}", n=context, lineterm="\n"
    ):
        if line.endswith(("\n", "\r")):
            # show the line body with a plain newline; a CR would garble terminals
            out.append(line.rstrip("\r\n") + "\n")
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- interactive

PROMPT = "[a]ccept, [s]kip, [e]dit, accept [A]ll of this rule, [q]uit? "


def _preview(doc: Document, edit: Edit) -> tuple[str, str]:
    """The lines an edit touches, before and after it."""
    first, _ = doc.lines.position(edit.start)
    last, _ = doc.lines.position(edit.end)
    s, _ = doc.lines.line_bounds(first)
    _, e = doc.lines.line_bounds(last)
    before = doc.source[s:e]
    after = before[: edit.start - s] + edit.text + before[edit.end - s :]
    return before, after


def _describe(finding: Finding, doc: Document, edit: Edit, out: TextIO) -> None:
    before, after = _preview(doc, edit)
    tag = "" if edit.safe else " (unsafe fix)"
    out.write(f"\n{finding.path}:{finding.line}:{finding.column}: {finding.rule}{tag}\n")
    out.write(f"  {finding.message}\n")
    for line in before.splitlines() or [""]:
        out.write(f"  - {line}\n")
    for line in after.splitlines() or [""]:
        out.write(f"  + {line}\n")


def interactive_select(
    findings: Iterable[Finding],
    doc: Document,
    input_stream: TextIO,
    output_stream: TextIO,
    *,
    unsafe: bool = False,
) -> list[Edit]:
    """Ask about each fix in ``findings`` (on ``doc``) and return the accepted edits.

    Answers, one per line on ``input_stream``: ``a`` accept, ``s`` skip (also an
    empty line), ``e`` edit (the next line is the replacement text), ``A`` accept
    this fix and every later fix of the same rule, ``q`` quit (keep what was
    accepted so far; end of input counts as quit). A fix that overlaps one already
    accepted is not offered. Unsafe fixes are only offered when ``unsafe``.
    """
    out = output_stream
    accepted: list[Edit] = []
    auto_rules: set[str] = set()
    candidates = sorted(
        (f for f in findings if fixable(f, unsafe=unsafe)),
        key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0),
    )
    for finding in candidates:
        edit = finding.fix
        assert edit is not None
        if any(_overlaps(edit, k) or edit == k for k in accepted):
            continue
        if finding.rule in auto_rules:
            accepted.append(edit)
            continue
        _describe(finding, doc, edit, out)
        while True:
            out.write(PROMPT)
            out.flush()
            answer = input_stream.readline()
            if answer == "":  # end of input
                out.write("\n")
                return sorted(accepted, key=_sort_key)
            answer = answer.strip()
            if answer in ("a", "y", "accept"):
                accepted.append(edit)
                break
            if answer in ("", "s", "n", "skip"):
                break
            if answer == "A":
                accepted.append(edit)
                auto_rules.add(finding.rule)
                break
            if answer in ("q", "quit"):
                return sorted(accepted, key=_sort_key)
            if answer in ("e", "edit"):
                out.write(f"Replace {doc.source[edit.start : edit.end]!r} with: ")
                out.flush()
                text = input_stream.readline()
                if text == "":
                    out.write("\n")
                    return sorted(accepted, key=_sort_key)
                accepted.append(Edit(edit.start, edit.end, text.rstrip("\r\n"), edit.safe))
                break
            out.write(f"Unknown answer {answer!r}.\n")
    return sorted(accepted, key=_sort_key)


# --------------------------------------------------------------------------- writing


def write_fixed(doc: Document, text: str) -> bool:
    """Write ``text`` over ``doc.path`` atomically, keeping BOM and encoding.

    Returns False (and writes nothing) if the text did not change.
    """
    if text == doc.source:
        return False
    from pathlib import Path

    from .files import write_atomic

    write_atomic(Path(doc.path), text, bom=doc.bom, encoding=doc.encoding)
    return True
