"""``json``: one JSON document, ``{"version": 1, "findings": [...], "summary": {...}}``.

The contract is documented in ``docs/formats.md``; key order is stable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..findings import Edit, Finding, Severity
from .base import SEVERITY_NAMES, Formatter, Summary

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
        #: each finding's JSON text, as an item of the report's findings list
        self._findings: list[str] = []

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        self._findings.extend(map(finding_text, findings))

    def finish(self, summary: Summary) -> None:
        # the text ``dumps`` gives for the whole report, written a few findings at a
        # time: one string of it all (and its copies) took as long again as making
        # the findings' texts, mostly the system mapping fresh memory for it
        items = self._findings
        write = self.stream.write
        write(f'{{\n  "version": {JSON_VERSION},\n  "findings": ')
        if items:
            # (a run of items all ASCII or all not, ``_BATCH`` at most, at a time: an
            # ASCII text goes to the stream's bytes as it is, and one item that is not
            # made the whole run's text wider and encoded character by character)
            sep = "[\n    "
            run: list[str] = []
            ascii_run = True
            for item in items:
                is_ascii = item.isascii()
                if run and (is_ascii is not ascii_run or len(run) >= _BATCH):
                    write(sep + ",\n    ".join(run))
                    sep = ",\n    "
                    run = []
                ascii_run = is_ascii
                run.append(item)
            write(sep + ",\n    ".join(run))
            write("\n  ]")
        else:
            write("[]")
        parts = [',\n  "summary": ']
        try:
            _encode(summary_dict(summary), parts, "\n  ")
        except _Other:
            parts[1:] = [json.dumps(summary_dict(summary), indent=2, ensure_ascii=False)]
            parts[1] = parts[1].replace("\n", "\n  ")
        parts.append("\n}")
        self.write("".join(parts))


#: findings written to the stream at a time
_BATCH = 64


#: severity names by number (``str(severity)`` goes through the enum's name)
_LEVELS = [str(s) for s in sorted(Severity)]
#: and their JSON text
_LEVEL_TEXTS = [json.dumps(name, ensure_ascii=False) for name in _LEVELS]


def finding_text(f: Finding) -> str:
    """``dumps(f.to_dict())`` as an item of the report's findings list (indented two
    levels), written from the finding directly: a warm run reports thousands of
    findings, and this is a few times quicker. Anything out of the ordinary (another
    class, a number that is not a plain int) goes the long way."""
    fix = f.fix
    conf = f.confidence
    if not (
        type(f) is Finding
        and type(f.severity) is Severity
        and type(f.line) is type(f.column) is type(f.end_line) is type(f.end_column) is int
        and (fix is None or (type(fix) is Edit and type(fix.start) is type(fix.end) is int))
        and (fix is None or type(fix.safe) is bool)
        and (conf is None or type(conf) is float)
    ):
        return _item(f.to_dict())
    try:
        return _finding_text(f, fix, conf)
    except TypeError:  # a text that is no string
        return _item(f.to_dict())


#: the JSON text of the strings a report repeats (rule names, messages, links),
#: by string: a report of a folder names a few dozen rules, a few dozen findings each,
#: and ``encode_basestring`` reads every character (a third of a finding's text)
_TEXTS: dict[str, str] = {}
#: past this many strings, ``_TEXTS`` starts again
_TEXTS_MAX = 4096


def _text(value: str) -> str:
    """``_STR(value)``, kept in ``_TEXTS`` (what ``_finding_text`` did not find there)."""
    text = _STR(value)
    if len(_TEXTS) >= _TEXTS_MAX:
        _TEXTS.clear()
    _TEXTS[value] = text
    return text


def _finding_text(f: Finding, fix: Edit | None, conf: float | None) -> str:
    s = _STR
    known = _TEXTS.get
    # (a text is never empty: ``or`` falls to ``_text`` only when it is not kept; a
    # value that is no string raises TypeError, in ``get`` or in ``_STR``, as before)
    path = s(f.path)
    rule = known(f.rule) or _text(f.rule)
    message = known(f.message) or _text(f.message)
    link = known(f.link) or _text(f.link)
    if fix is None:
        edit = "null"
    else:
        edit = (
            f'{{\n        "kind": {s(fix.kind)},\n        "start": {fix.start},'
            f'\n        "end": {fix.end},\n        "text": {s(fix.text)},'
            f'\n        "safe": {"true" if fix.safe else "false"}\n      }}'
        )
    sugg = f.suggestions
    if sugg:
        listed = "[\n        " + ",\n        ".join(map(s, sugg)) + "\n      ]"
    else:
        listed = "[]"
    text = (
        f'{{\n      "path": {path},\n      "line": {f.line},'
        f'\n      "column": {f.column},\n      "end_line": {f.end_line},'
        f'\n      "end_column": {f.end_column},\n      "rule": {rule},'
        f'\n      "severity": {_LEVEL_TEXTS[f.severity]},\n      "message": {message},'
        f'\n      "match": {s(f.match)},\n      "suggestions": {listed},'
        f'\n      "fix": {edit},\n      "link": {link}'
    )
    if conf is None:
        return text + "\n    }"
    rounded = _scalar(round(conf, 3))
    if rounded is None:  # not finite: as ``json`` spells it
        return _item(f.to_dict())
    return f'{text},\n      "confidence": {rounded}\n    }}'


def _item(value: object) -> str:
    parts: list[str] = []
    try:
        _encode(value, parts, "\n    ")
    except _Other:
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n    ")
    return "".join(parts)


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


def _scalar(value: Any) -> str | None:
    """The JSON text of a string, number, None or bool; None for anything else."""
    t = type(value)
    if t is str:
        return _STR(value)
    if t is int:
        return int.__repr__(value)
    if t is float and _FINITE[0] < value < _FINITE[1]:
        return float.__repr__(value)  # as ``json`` writes a finite float
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
