"""``json``: one JSON document, ``{"version": 1, "findings": [...], "summary": {...}}``.

The contract is documented in ``docs/formats.md``; key order is stable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..findings import Finding
from .base import SEVERITY_NAMES, Formatter, Summary

if TYPE_CHECKING:
    from ..document import Document

#: Bumped only when a key is removed or changes meaning; new keys may appear.
JSON_VERSION = 1


def summary_dict(summary: Summary) -> dict:
    return {
        "files": summary.files,
        "counts": {name: summary.count(name) for name in SEVERITY_NAMES},
        "skipped": [{"path": path, "reason": reason} for path, reason in summary.skipped],
        "fixed": summary.fixed,
    }


class JsonFormatter(Formatter):
    name = "json"
    description = "One JSON document with every finding and a summary (stable contract)."
    needs_document = False

    def start(self) -> None:
        self._findings: list[dict] = []

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        self._findings.extend(f.to_dict() for f in findings)

    def finish(self, summary: Summary) -> None:
        report = {
            "version": JSON_VERSION,
            "findings": self._findings,
            "summary": summary_dict(summary),
        }
        self.write(json.dumps(report, indent=2, ensure_ascii=False))
