"""The text report's caret sits under the match however wide the characters before it."""

from __future__ import annotations

import pytest

RULE = """\
extends: existence
message: "Avoid '%s'."
level: warning
tokens: [teh]
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Teh.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n', encoding="utf-8")
    return tmp_path


def snippet(run, write, line: str) -> list[str]:
    write("w.txt", line + "\n")
    r = run("check", "--no-color", "w.txt")
    assert r.exit_code == 1, r.output
    return r.stdout.splitlines()[:3]


@pytest.mark.parametrize(
    ("line", "before"),
    [
        ("東京 said teh plan.", 4 + 6),  # two East Asian wide characters: 2 columns each
        ("Coffee ☕ and 🎉, teh end.", 7 + 2 + 5 + 2 + 2),  # emoji: 2 columns each
        ("Cafe\u0301 and teh end.", 4 + 5),  # a combining accent takes no column
        ("日本\tteh", 4 + 4),  # the tab stop counts display width too
        ("Plain ascii, teh end.", 13),
    ],
)
def test_caret_counts_display_width(project, write, run, line, before):
    head, shown, caret = snippet(run, write, line)
    column = len(line[: line.index("teh")]) + 1
    assert head.startswith(f"w.txt:1:{column}: warning desk.Teh")  # columns count characters
    if "\t" not in line:
        assert shown == "  1 | " + line
    assert caret == "    | " + " " * before + "^~~"


def test_tab_after_wide_characters_lands_on_the_stop(project, write, run):
    _, shown, caret = snippet(run, write, "日本\tteh")
    assert shown == "  1 | 日本    teh"  # 4 columns of text, then a tab to column 8
    assert caret == "    | " + " " * 8 + "^~~"
