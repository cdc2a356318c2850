"""``rdjson``: reviewdog's Diagnostic Format (``reviewdog -f=rdjson``).

reviewdog counts columns in UTF-8 bytes; copylint counts characters, so columns
are converted using the source line when the document is known.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..findings import Finding, Severity
from .base import PROJECT_URL, TOOL_NAME, Formatter, Summary

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ..document import Document

#: copylint severity -> rdjson severity
SEVERITIES = {
    Severity.ERROR: "ERROR",
    Severity.WARNING: "WARNING",
    Severity.SUGGESTION: "INFO",
    Severity.OFF: "INFO",
}


def byte_column(doc: Document | None, line: int, column: int) -> int:
    """A 1-based character column as a 1-based UTF-8 byte column."""
    if doc is None or line < 1 or line > len(doc.lines) or column < 1:
        return column
    text = doc.lines.line_text(line)
    return len(text[: column - 1].encode("utf-8", "surrogatepass")) + 1


def position(doc: Document | None, line: int, column: int) -> dict:
    pos = {"line": line}
    if column >= 1:
        pos["column"] = byte_column(doc, line, column)
    return pos


def rd_range(doc: Document | None, line: int, col: int, end_line: int, end_col: int) -> dict:
    return {"start": position(doc, line, col), "end": position(doc, end_line, end_col)}


class RdjsonFormatter(Formatter):
    name = "rdjson"
    description = "reviewdog Diagnostic Format JSON (reviewdog -f=rdjson)."

    def start(self) -> None:
        self._diagnostics: list[dict] = []
        self._worst = Severity.OFF

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        for f in findings:
            self._worst = max(self._worst, Severity(f.severity))
            self._diagnostics.append(self.diagnostic(f, doc))

    def diagnostic(self, f: Finding, doc: Document | None) -> dict:
        location: dict = {"path": f.path}
        if f.line >= 1:
            location["range"] = rd_range(
                doc, f.line, f.column, max(f.end_line, f.line), f.end_column
            )
        code: dict = {"value": f.rule}
        if f.link:
            code["url"] = f.link
        diag: dict = {
            "message": f.message,
            "location": location,
            "severity": SEVERITIES.get(Severity(f.severity), "WARNING"),
            "code": code,
        }
        suggestions = self.suggestions(f, doc)
        if suggestions:
            diag["suggestions"] = suggestions
        return diag

    def suggestions(self, f: Finding, doc: Document | None) -> list[dict]:
        if f.fix is not None:
            edit = f.fix
            if doc is not None:
                line, col = doc.lines.position(edit.start)
                end_line, end_col = doc.lines.position(edit.end)
            elif (edit.start, edit.end) == (f.start, f.end) and f.line >= 1:
                line, col, end_line, end_col = f.line, f.column, f.end_line, f.end_column
            else:
                return []  # no way to place it without the document
            return [{"range": rd_range(doc, line, col, end_line, end_col), "text": edit.text}]
        if f.line < 1 or not f.suggestions:
            return []
        where = rd_range(doc, f.line, f.column, max(f.end_line, f.line), f.end_column)
        return [{"range": where, "text": text} for text in f.suggestions]

    def finish(self, summary: Summary) -> None:
        report = {
            "source": {"name": TOOL_NAME, "url": PROJECT_URL},
            "severity": SEVERITIES[self._worst] if self._diagnostics else "INFO",
            "diagnostics": self._diagnostics,
        }
        self.write(json.dumps(report, indent=2, ensure_ascii=False))
