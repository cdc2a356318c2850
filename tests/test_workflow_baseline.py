"""baseline.py: record findings, match them again after lines move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copylint.baseline import Baseline
from copylint.errors import CopylintError
from copylint.findings import Finding, Severity


def find_all(path: Path, word: str, rule: str = "spelling.Typos") -> list[Finding]:
    """Findings for every occurrence of ``word`` in the file (as an engine would report)."""
    text = path.read_text()
    out = []
    start = text.find(word)
    while start != -1:
        line = text.count("\n", 0, start) + 1
        out.append(
            Finding(
                rule,
                Severity.ERROR,
                "typo",
                start,
                start + len(word),
                line,
                1,
                line,
                1,
                path=str(path),
            )
        )
        start = text.find(word, start + 1)
    return out


def test_baseline_survives_lines_moving_and_counts(tmp_path: Path):
    draft = tmp_path / "news" / "draft.md"
    draft.parent.mkdir()
    draft.write_text("Intro.\n\nTeh council met.\n\nLater teh vote, and teh count.\n")
    base_file = tmp_path / ".copylint-baseline.json"
    found = find_all(draft, "eh ")
    Baseline.from_findings(found, base_file).save(base_file)

    data = json.loads(base_file.read_text())
    assert data["version"] == 1
    assert {(e["path"], e["content"], e["count"]) for e in data["findings"]} == {
        ("news/draft.md", "Teh council met.", 1),
        ("news/draft.md", "Later teh vote, and teh count.", 2),
    }

    # new paragraphs above, whitespace changes inside the line: still covered
    draft.write_text(
        "New lead.\n\nMore.\n\nIntro.\n\nTeh  council met.\n\nLater teh vote, and teh count.\n"
    )
    loaded = Baseline.load(base_file)
    assert len(loaded) == 3
    assert loaded.filter(find_all(draft, "eh ")) == []

    # a new line, a copy of a known line (count exceeded) and an edited line are new
    draft.write_text(
        "Teh lead.\n\nIntro.\n\nTeh council met.\nTeh council met.\n\n"
        "Later teh vote, and teh count.\nLater teh vote, and teh count, teh end.\n"
    )
    new = loaded.filter(find_all(draft, "eh "))
    assert [f.line for f in new] == [1, 6, 9, 9, 9]

    # a different rule on a known line is new too
    other = find_all(draft, "council", rule="house.Words")
    assert loaded.filter(other) == other


def test_baseline_uses_given_texts(tmp_path: Path):
    f = Finding("r.X", Severity.ERROR, "m", 0, 3, 2, 1, 2, 4, path=str(tmp_path / "a.txt"))
    b = Baseline.from_findings([f], tmp_path / "b.json", texts={f.path: "one\r\ntwo  words\rthree"})
    assert list(b.counts) == [("r.X", "a.txt", "two words")]


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "baseline file not found"),
        ("{nope", "not valid JSON"),
        ('{"findings": []}', "no 'version' key"),
        ('{"version": 99}', "version 99 is not supported"),
        ('{"version": 1, "findings": [{"rule": "x"}]}', "entry 1 needs"),
    ],
)
def test_bad_baselines_raise_clear_errors(tmp_path: Path, content, message):
    path = tmp_path / "base.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CopylintError, match=message) as exc:
        Baseline.load(path)
    assert str(path) in str(exc.value)
