"""Findings, severities and typed edits: the one currency every stage trades in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered levels; ``OFF`` switches a rule off."""

    OFF = 0
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {value!r} (expected off, suggestion, warning or error)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``.

    An insert has ``start == end``; a removal has ``text == ""``.
    ``safe`` edits are applied by ``copylint fix``; unsafe ones (they change
    meaning, such as removing a promo block) only with ``--unsafe-fixes``.
    """

    start: int
    end: int
    text: str
    safe: bool = True

    @property
    def kind(self) -> str:
        if self.start == self.end:
            return "insert"
        return "remove" if self.text == "" else "replace"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "safe": self.safe,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file. ``start``/``end`` are offsets into the source text.

    ``line``/``column``/``end_line``/``end_column`` are 1-based, counted in
    characters, end exclusive; they come from the document's line index.
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    path: str = "<text>"
    suggestions: tuple[str, ...] = ()
    fix: Edit | None = None
    link: str = ""
    match: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: the rule's confidence, 0..1, where it has one (promo blocks)
    confidence: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "link": self.link,
        }
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        return out
