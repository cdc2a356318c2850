"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import __version__
from ..findings import Edit, Finding, Severity
from .base import PROJECT_URL, TOOL_NAME, Formatter, Summary, artifact_uri, fix_text

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ..document import Document
    from ..rules.model import RuleMeta

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: copylint severity -> SARIF ``level``
LEVELS = {
    Severity.OFF: "none",
    Severity.SUGGESTION: "note",
    Severity.WARNING: "warning",
    Severity.ERROR: "error",
}


def _level(severity: Severity) -> str:
    return LEVELS.get(Severity(severity), "warning")


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    region = {"startLine": line}
    if column >= 1:
        region["startColumn"] = column
    if end_line >= line:
        region["endLine"] = end_line
        if column >= 1 and end_column >= 1 and (end_line > line or end_column >= column):
            region["endColumn"] = end_column
    return region


def rule_descriptor(meta: RuleMeta) -> dict:
    summary = meta.summary or meta.id
    full = (meta.description or summary).strip() or meta.id
    desc: dict = {
        "id": meta.id,
        "name": meta.name if "." in meta.id else meta.id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
    }
    if meta.link:
        desc["helpUri"] = meta.link
    desc["defaultConfiguration"] = {"level": _level(meta.level)}
    if meta.level == Severity.OFF:
        desc["defaultConfiguration"]["enabled"] = False
    desc["properties"] = {"tags": [meta.pack]} if "." in meta.id else {}
    if not desc["properties"]:
        del desc["properties"]
    return desc


def _bare_descriptor(finding: Finding) -> dict:
    """For a finding whose rule was not passed in ``rules`` (never expected, never dropped)."""
    desc: dict = {
        "id": finding.rule,
        "shortDescription": {"text": finding.rule},
        "fullDescription": {"text": finding.rule},
    }
    if finding.link:
        desc["helpUri"] = finding.link
    desc["defaultConfiguration"] = {"level": _level(finding.severity)}
    return desc


class SarifFormatter(Formatter):
    name = "sarif"
    uses_rules = True
    description = "SARIF 2.1.0 log (GitHub code scanning, IDE viewers)."

    def start(self) -> None:
        self._descriptors: list[dict] = [
            rule_descriptor(m) for m in sorted(self.rules, key=lambda m: m.id)
        ]
        self._index: dict[str, int] = {d["id"]: i for i, d in enumerate(self._descriptors)}
        self._results: list[dict] = []

    def _rule_index(self, finding: Finding) -> int:
        index = self._index.get(finding.rule)
        if index is None:
            index = len(self._descriptors)
            self._descriptors.append(_bare_descriptor(finding))
            self._index[finding.rule] = index
        return index

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        for f in findings:
            self._results.append(self.result(f, doc))

    def result(self, f: Finding, doc: Document | None) -> dict:
        uri = artifact_uri(f.path)
        physical: dict = {"artifactLocation": {"uri": uri}}
        if f.line >= 1:
            region = _region(f.line, f.column, f.end_line, f.end_column)
            if f.match:
                region["snippet"] = {"text": f.match}
            physical["region"] = region
        result: dict = {
            "ruleId": f.rule,
            "ruleIndex": self._rule_index(f),
            "level": _level(f.severity),
            "message": {"text": f.message or f.rule},
            "locations": [{"physicalLocation": physical}],
        }
        if f.fix is not None:
            result["fixes"] = [self.fix(f.fix, uri, doc)]
        return result

    def fix(self, edit: Edit, uri: str, doc: Document | None) -> dict:
        if doc is not None:
            line, col = doc.lines.position(edit.start)
            end_line, end_col = doc.lines.position(edit.end)
            deleted = {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col,
            }
        else:
            deleted = {"charOffset": edit.start, "charLength": edit.end - edit.start}
        replacement: dict = {"deletedRegion": deleted}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        return {
            "description": {"text": fix_text(edit).capitalize()},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [replacement]}],
        }

    def finish(self, summary: Summary) -> None:
        driver: dict = {
            "name": TOOL_NAME,
            "version": self.version or __version__,
            "informationUri": PROJECT_URL,
            "rules": self._descriptors,
        }
        # a file that could not be read makes the run exit 2: not a successful run
        invocation: dict = {"executionSuccessful": not summary.skipped}
        if summary.skipped:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "error",
                    "message": {"text": f"skipped: {reason}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}
                    ],
                }
                for path, reason in summary.skipped
            ]
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {"driver": driver},
                    "invocations": [invocation],
                    "columnKind": "unicodeCodePoints",
                    "results": self._results,
                }
            ],
        }
        self.write(json.dumps(log, indent=2, ensure_ascii=False))
