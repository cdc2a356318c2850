"""The formatter interface and helpers shared by the output formats.

A formatter only formats: the CLI decides which findings to report and the
exit code. The CLI calls ``start()`` once, ``handle()`` once per file in the
order the files were checked, then ``finish()`` with the run's summary.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath

from ..findings import Edit, Finding, Severity

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar, TextIO

    from ..document import Document
    from ..rules.model import RuleMeta

#: Name and home of the tool, as written into machine-readable reports.
TOOL_NAME = "copylint"
PROJECT_URL = "https://github.com/copylint/copylint"

#: Severity names in the order reports list them (most severe first).
SEVERITY_NAMES = ("error", "warning", "suggestion")


class Summary:
    """What a run checked and found, for the last lines of a report. (A plain class,
    with a dataclass's constructor, equality and repr: making a dataclass at import
    costs a millisecond, and every run imports this module.)"""

    __slots__ = ("files", "counts", "skipped", "fixed")

    def __init__(
        self,
        files: int,
        counts: dict[str, int] | None = None,
        skipped: list[tuple[str, str]] | None = None,
        fixed: int = 0,
    ):
        self.files = files  # files checked
        #: findings reported, by severity name (or ``Severity``)
        self.counts: dict[str, int] = {} if counts is None else counts
        self.skipped: list[tuple[str, str]] = [] if skipped is None else skipped  # (path, reason)
        self.fixed = fixed  # fixes applied (fix mode)

    def _fields(self) -> tuple:
        return (self.files, self.counts, self.skipped, self.fixed)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # (mutable, as a dataclass)

    def __repr__(self) -> str:
        return (
            f"Summary(files={self.files!r}, counts={self.counts!r}, "
            f"skipped={self.skipped!r}, fixed={self.fixed!r})"
        )

    def count(self, severity: str) -> int:
        """Findings of one severity; ``counts`` may be keyed by name or by ``Severity``."""
        total = 0
        for key, value in self.counts.items():
            name = str(key).lower() if isinstance(key, Severity) else key
            if name == severity:
                total += int(value)
        return total

    @property
    def total(self) -> int:
        return sum(self.count(name) for name in SEVERITY_NAMES)


class Formatter:
    """Base class of the output formats."""

    name: ClassVar[str] = ""
    #: one line for ``--help`` and the docs
    description: ClassVar[str] = ""
    #: does ``handle`` use the document (to quote a line, to place an edit)? When not,
    #: a file checked in a worker process is not parsed again for the report
    needs_document: ClassVar[bool] = True
    #: does the format describe the rules (``rules``)? When not, a run the results
    #: cache answers is given none, and loads no rules for the report
    uses_rules: ClassVar[bool] = False

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool = False,
        rules: Sequence[RuleMeta] = (),
        version: str = "",
    ) -> None:
        self.stream = stream
        self.color = color
        self.rules = tuple(rules)
        self.version = version

    def start(self) -> None:
        """Called once before the first file."""

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        """Called once per file, in order; ``doc`` is None when no document exists."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""

    # -- helpers ------------------------------------------------------------
    def write(self, text: str = "") -> None:
        self.stream.write(text + "\n")


# --------------------------------------------------------------------------- helpers


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_text(summary: Summary) -> str:
    """``3 files checked, 1 error, 2 warnings, 0 suggestions`` (+ skipped, + fixed)."""
    parts = [f"{plural(summary.files, 'file')} checked"]
    if summary.total:
        parts.extend(plural(summary.count(name), name) for name in SEVERITY_NAMES)
    else:
        parts.append("no problems found")
    if summary.skipped:
        parts.append(f"{plural(len(summary.skipped), 'file')} skipped")
    if summary.fixed:
        parts.append(f"{summary.fixed} {'fix' if summary.fixed == 1 else 'fixes'} applied")
    return ", ".join(parts)


def level_name(severity: Severity) -> str:
    return str(Severity(severity))


def fix_text(edit: Edit) -> str:
    """A short human description of an edit: ``"email"``, ``remove "x"``, ``insert ","``."""
    unsafe = "" if edit.safe else "unsafe "
    if edit.kind == "remove":
        return f"{unsafe}fix: remove"
    if edit.kind == "insert":
        return f"{unsafe}fix: insert {quote_text(edit.text)}"
    return f"{unsafe}fix: {quote_text(edit.text)}"


def quote_text(text: str, limit: int = 60) -> str:
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def hint_text(finding: Finding) -> str:
    """The suggestion/fix hint shown after a message in human formats, or ``""``.

    Suggestions already named in the message are not repeated.
    """
    hints: list[str] = []
    shown = [s for s in finding.suggestions if s and not _named_in(s, finding.message)]
    first_named = bool(finding.suggestions) and len(shown) < len(finding.suggestions)
    if shown and first_named:
        quoted = [quote_text(s) for s in shown[:5]]
        hints.append(
            f"(also {', '.join(quoted[:-1]) + ' or ' if len(quoted) > 1 else ''}{quoted[-1]})"
        )
    elif shown and not (finding.fix is not None and shown == [finding.fix.text]):
        if len(shown) == 1:
            hints.append(f"did you mean {quote_text(shown[0])}?")
        else:
            quoted = [quote_text(s) for s in shown[:5]]
            more = f" (+{len(shown) - 5} more)" if len(shown) > 5 else ""
            hints.append(f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?{more}")
    if finding.fix is not None:
        edit = finding.fix
        if edit.text and _named_in(edit.text, finding.message):
            hints.append("(fixable)" if edit.safe else "(unsafe fix)")
        else:
            hints.append(f"({fix_text(edit)})")
    return " ".join(hints)


def _named_in(word: str, message: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", message) is not None


def artifact_uri(path: str) -> str:
    """A path as a URI reference: relative stays relative, forward slashes, %-escaped."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    if os.altsep and os.altsep != "/":
        path = path.replace(os.altsep, "/")
    win = PureWindowsPath(path)
    if win.drive and win.is_absolute():
        return win.as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    from urllib.parse import quote

    return quote(path, safe="/")


def offset_position(doc: Document | None, offset: int) -> tuple[int, int] | None:
    """1-based (line, column in characters) of a source offset, if the document is known."""
    if doc is None:
        return None
    return doc.lines.position(offset)
