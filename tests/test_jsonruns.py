"""The json report writes its findings in runs of items all ASCII or all not (an
ASCII text goes to a stream's bytes as it is): the report must stay what
``json.dumps`` gives, whatever the mix and the lengths of the runs, to a text
stream in memory and to a UTF-8 stream of bytes."""

from __future__ import annotations

import io
import json
import random

from copylint.findings import Finding, Severity
from copylint.formatters import Summary, get_formatter
from copylint.formatters.jsonout import _BATCH, summary_dict

_WORDS = ["Teh", "desk", "don’t", "café", "—", "x" * 40, "naïve", "plain", "“quoted”", "tab\t"]


def _findings(rnd: random.Random, n: int, p_other: float) -> list[Finding]:
    out = []
    for i in range(n):
        other = rnd.random() < p_other
        word = rnd.choice(_WORDS[2:5] if other else ["Teh", "desk", "plain", "tab\t"])
        out.append(
            Finding(
                rnd.choice(["house.A", "spelling.Typos"]),
                rnd.choice([Severity.ERROR, Severity.WARNING, Severity.SUGGESTION]),
                f"Use {word} here ({i}).",
                i,
                i + 3,
                i + 1,
                1,
                i + 1,
                4,
                "drafts/a.md",
                suggestions=tuple(rnd.sample(_WORDS, k=rnd.randrange(3))),
                match=word,
            )
        )
    return out


def _report(findings: list[Finding], stream: io.TextIOBase) -> None:
    fmt = get_formatter("json")(stream)
    fmt.start()
    half = len(findings) // 2
    fmt.handle("drafts/a.md", findings[:half], None)
    fmt.handle("drafts/a.md", findings[half:], None)
    fmt.finish(Summary(files=2, counts={"error": 1}))


def test_json_report_in_runs_is_json_dumps_on_generated_findings():
    rnd = random.Random(7)
    writes_seen = 0
    for case in range(300):
        n = rnd.choice([0, 1, 2, _BATCH - 1, _BATCH, _BATCH + 1, rnd.randrange(400)])
        findings = _findings(rnd, n, rnd.choice([0.0, 0.02, 0.3, 0.9, 1.0]))
        expected = (
            json.dumps(
                {
                    "version": 1,
                    "findings": [f.to_dict() for f in findings],
                    "summary": summary_dict(Summary(files=2, counts={"error": 1})),
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        text = io.StringIO()
        _report(findings, text)
        assert text.getvalue() == expected, case
        raw = io.BytesIO()
        wrapped = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        _report(findings, wrapped)
        wrapped.flush()
        assert raw.getvalue() == expected.encode("utf-8"), case
        writes_seen += n
    assert writes_seen > 10_000


class _Writes(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def write(self, s: str) -> int:
        self.texts.append(s)
        return super().write(s)


def test_each_run_written_is_all_ascii_or_all_not_and_no_longer_than_a_batch():
    rnd = random.Random(3)
    findings = _findings(rnd, 150, 0.0) + _findings(rnd, 150, 1.0) + _findings(rnd, 200, 0.3)
    out = _Writes()
    _report(findings, out)
    runs = [t for t in out.texts if t.startswith(("[\n    {", ",\n    {"))]
    assert sum(t.count('\n      "path"') for t in runs) == 500
    assert max(t.count('\n      "path"') for t in runs) == _BATCH
    for t in runs:
        items = t[6:].split(",\n    {")
        assert len(items) <= _BATCH
        kinds = {("{" + item if i else item).isascii() for i, item in enumerate(items)}
        assert len(kinds) == 1
