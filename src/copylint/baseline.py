"""Baselines: record today's findings, afterwards report only new ones.

A baseline is a JSON file::

    {"version": 1, "tool": "copylint",
     "findings": [{"rule": "spelling.Typos", "path": "news/draft.md",
                   "content": "Teh mayor said ...", "count": 1}, ...]}

An entry matches findings by rule, path (relative to the baseline file's folder,
with forward slashes) and the content of the finding's line(s) with whitespace
normalised -- not by line number, so editing lines above a finding does not bring
it back. ``count`` says how many such findings were recorded; when more turn up,
the extra ones are new.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .errors import CopylintError
from .findings import Finding

VERSION = 1

Key = tuple[str, str, str]

_NEWLINE = re.compile(r"\r\n|\r|\n")


class BaselineError(CopylintError):
    """The baseline file is missing or not a copylint baseline."""


def normalise(text: str) -> str:
    return " ".join(text.split())


def _line_text(source: str, line: int, end_line: int) -> str:
    # split like the document's line index: only \r\n, \r and \n end a line
    lines = _NEWLINE.split(source)
    if line < 1:
        return ""
    last = max(line, end_line)
    return "\n".join(lines[line - 1 : last])


class SourceCache:
    """The text of each finding's file: given texts first, else read from disk."""

    def __init__(self, texts: Mapping[str, str] | None = None):
        self._texts: dict[str, str] = dict(texts or {})

    def __call__(self, path: str) -> str:
        if path not in self._texts:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = b""
            self._texts[path] = data.decode("utf-8-sig", "replace")
        return self._texts[path]


def _relpath(path: str, base_dir: Path) -> str:
    absolute = Path(path).resolve()
    try:
        rel = os.path.relpath(absolute, base_dir)
    except ValueError:  # another drive on Windows
        rel = str(absolute)
    return Path(rel).as_posix()


def finding_key(finding: Finding, base_dir: Path, source_of: Callable[[str], str]) -> Key:
    content = normalise(_line_text(source_of(finding.path), finding.line, finding.end_line))
    return (finding.rule, _relpath(finding.path, base_dir), content)


class Baseline:
    def __init__(self, counts: Mapping[Key, int], base_dir: Path):
        self.counts: Counter[Key] = Counter(dict(counts))
        self.base_dir = Path(base_dir).resolve()

    def __len__(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def from_findings(
        cls,
        findings: Iterable[Finding],
        baseline_path: str | os.PathLike[str],
        texts: Mapping[str, str] | None = None,
    ) -> Baseline:
        base_dir = Path(baseline_path).resolve().parent
        source_of = SourceCache(texts)
        counts: Counter[Key] = Counter(finding_key(f, base_dir, source_of) for f in findings)
        return cls(counts, base_dir)

    def to_json(self) -> str:
        entries = [
            {"rule": rule, "path": path, "content": content, "count": n}
            for (rule, path, content), n in sorted(self.counts.items(), key=lambda kv: kv[0])
        ]
        doc = {"version": VERSION, "tool": "copylint", "findings": entries}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the baseline (atomically: temp file in the same folder, then rename)."""
        target = Path(path)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(self.to_json(), encoding="utf-8", newline="\n")
            os.replace(tmp, target)
        except (OSError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BaselineError(f"cannot write baseline: {reason}", str(path)) from None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise BaselineError(
                "baseline file not found (create it with `copylint baseline FILE [PATHS]`)",
                str(path),
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"cannot read baseline: {exc}", str(path)) from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"not valid JSON: {exc.msg}", str(path), exc.lineno) from None
        except RecursionError:
            from .config import deep_line

            raise BaselineError(
                "not valid JSON: nested too deeply", str(path), deep_line(raw)
            ) from None
        if not isinstance(data, dict) or "version" not in data:
            raise BaselineError("not a copylint baseline (no 'version' key)", str(path))
        if data["version"] != VERSION:
            raise BaselineError(
                f"baseline version {data['version']!r} is not supported (expected {VERSION})",
                str(path),
            )
        entries = data.get("findings", [])
        if not isinstance(entries, list):
            raise BaselineError("'findings' must be a list", str(path))
        counts: Counter[Key] = Counter()
        for i, e in enumerate(entries):
            try:
                key = (str(e["rule"]), str(e["path"]), normalise(str(e["content"])))
                n = int(e.get("count", 1))
            except (TypeError, KeyError, ValueError, AttributeError):
                raise BaselineError(
                    f"entry {i + 1} needs 'rule', 'path', 'content' and a numeric 'count'",
                    str(path),
                ) from None
            counts[key] += max(n, 0)
        return cls(counts, p.resolve().parent)

    def filter(
        self, findings: Iterable[Finding], texts: Mapping[str, str] | None = None
    ) -> list[Finding]:
        """The findings not covered by the baseline, in the order given.

        For each (rule, path, content) the first ``count`` findings (in source
        order) are covered; any further ones are new.
        """
        source_of = SourceCache(texts)
        findings = list(findings)
        order = sorted(range(len(findings)), key=lambda i: (findings[i].path, findings[i].start))
        left = Counter(self.counts)
        new: set[int] = set()
        for i in order:
            key = finding_key(findings[i], self.base_dir, source_of)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.add(i)
        return [f for i, f in enumerate(findings) if i in new]
