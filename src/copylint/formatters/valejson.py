"""``vale-json``: Vale's ``--output=JSON`` shape, for scripts written against Vale.

``{"path": [{"Action": {"Name": ..., "Params": ...}, "Span": [first, last],
"Check": rule, "Description": ..., "Link": ..., "Message": ..., "Severity": ...,
"Match": ..., "Line": n}, ...]}``: one key per file with findings, sorted by path;
``Span`` is the 1-based first and last column (inclusive) of the match on its line,
in characters, as Vale counts them. ``Action`` is ``replace`` with the suggestions,
``remove`` for a removal, else empty. A clean run prints ``{}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..findings import Finding
from .base import Formatter, Summary

if TYPE_CHECKING:
    from ..document import Document


def vale_alert(f: Finding, description: str = "") -> dict:
    if f.fix is not None and f.fix.kind == "remove" and not f.suggestions:
        action: dict = {"Name": "remove", "Params": None}
    elif f.suggestions:
        action = {"Name": "replace", "Params": list(f.suggestions)}
    else:
        action = {"Name": "", "Params": None}
    length = len(f.match) if f.match else max(1, f.end - f.start)
    last = f.end_column - 1 if f.end_line == f.line else f.column + length - 1
    return {
        "Action": action,
        "Span": [f.column, max(f.column, last)],
        "Check": f.rule,
        "Description": description,
        "Link": f.link,
        "Message": f.message,
        "Severity": str(f.severity),
        "Match": f.match,
        "Line": f.line,
    }


class ValeJsonFormatter(Formatter):
    name = "vale-json"
    uses_rules = True
    description = "Vale's JSON output shape (--output=JSON), for scripts written for Vale."
    needs_document = False

    def start(self) -> None:
        self._files: dict[str, list[dict]] = {}
        self._descriptions = {m.id: m.description for m in self.rules}

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        if findings:
            alerts = [vale_alert(f, self._descriptions.get(f.rule, "")) for f in findings]
            alerts.sort(key=lambda a: (a["Line"], a["Span"][0]))
            self._files.setdefault(path, []).extend(alerts)

    def finish(self, summary: Summary) -> None:
        self.write(json.dumps(dict(sorted(self._files.items())), indent=2, ensure_ascii=False))
