"""``json``: one JSON document, ``{"version": 1, "findings": [...], "summary": {...}}``.

The contract is documented in ``docs/formats.md``; key order is stable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

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
        self.write(dumps(report))


_STR = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def dumps(value: object) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, made a few
    times quicker for what a report holds (with an indent, ``json`` gives up its C
    encoder, and a big report took a tenth of a warm run)."""
    parts: list[str] = []
    try:
        _encode(value, parts, "\n")
    except _Other:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(parts)


class _Other(Exception):
    """A value the quick encoder leaves to ``json`` (other types, infinities, NaN)."""


#: a float between these is finite (``json`` spells the others its own way)
_FINITE = (float("-inf"), float("inf"))

_SCALARS = {type(None): lambda v: "null", bool: lambda v: "true" if v else "false"}


def _scalar(value: object) -> str | None:
    """The JSON text of a string, number, None or bool; None for anything else."""
    t = type(value)
    if t is str:
        return _STR(cast(str, value))
    if t is int:
        return int.__repr__(cast(int, value))
    if t is float and _FINITE[0] < cast(float, value) < _FINITE[1]:
        return float.__repr__(cast(float, value))  # as ``json`` writes a finite float
    f = _SCALARS.get(t)
    return f(value) if f is not None else None


def _encode(value: object, out: list[str], newline: str) -> None:
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    t = type(value)
    if t is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, v in value.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                raise _Other
            text = _scalar(v)
            if text is not None:
                out.append(f"{sep}{_STR(k)}: {text}")
            else:
                out.append(f"{sep}{_STR(k)}: ")
                _encode(v, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif t is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for v in value:  # type: ignore[attr-defined]
            text = _scalar(v)
            if text is not None:
                out.append(sep + text)
            else:
                out.append(sep)
                _encode(v, out, inner)
            sep = "," + inner
        out.append(newline + "]")
    else:
        raise _Other
