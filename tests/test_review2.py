"""Bugs found reviewing the day's changes as a demanding first user (review2)."""

from __future__ import annotations

import json

import pytest

from copylint.document import LineIndex
from copylint.parsers.markdown import _blank_mdx, parse_markdown


def _rules(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.output)["findings"]]


def test_paragraph_ending_in_a_control_space_is_still_checked(run, write):
    """markdown-it keeps U+0085 at the end of a paragraph; the anchor must too, or the
    whole line is masked and its typos go unreported."""
    write("a.md", "# Notes\n\nThe report was recieved late\x85\n")
    result = run("check", "--format", "json", "a.md")
    assert "spelling.Typos" in _rules(result), result.output


def test_mdx_block_with_a_lone_cr_does_not_crash(run, write):
    """Blanking an MDX expression block kept a lone CR that joined the next LF into one
    CRLF: the body had a line fewer than the source and the parser crashed."""
    write("a.mdx", "{props.x}\r*Teh* words\n\nThe report was recieved late.\n")
    result = run("check", "--format", "json", "a.mdx")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("spelling.Typos", 4)]


def test_mdx_and_front_matter_blanking_keep_the_line_count():
    for text in ["{a}\r\n\r\nText *b*\n", "{a\rb\n\nc", "import x\r\n\r\nText\n"]:
        assert len(LineIndex(_blank_mdx(text))) == len(LineIndex(text)), text
    doc = parse_markdown("---\rtitle: x\n---\nThe *end*.\n", "a.md")
    slow = parse_markdown("---\rtitle: x\n---\nThe *end*.\n", "a.md", shortcuts=False)
    assert doc.prose == slow.prose
    assert "The  end ." in doc.prose


def _git(tmp_path, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout


def test_folder_pattern_with_double_star_lets_a_negation_back_in(run, write, tmp_path):
    """git: ``notes/**`` ignores what is inside notes/, not the folder, so
    ``!notes/keep.md`` brings that file back. pathspec matched ``notes/`` itself and
    the walk never entered the folder."""
    _git(tmp_path, "init", "-q")
    write(".gitignore", "notes/**\n!notes/keep.md\n")
    write("notes/keep.md", "The report was recieved late.\n")
    write("notes/drop.md", "The report was recieved late.\n")
    listed = _git(tmp_path, "ls-files", "-o", "--exclude-standard").split()
    assert "notes/keep.md" in listed and "notes/drop.md" not in listed
    result = run("check", "--format", "json", ".")
    paths = sorted({f["path"] for f in json.loads(result.output)["findings"]})
    assert [p.replace("\\", "/").removeprefix("./") for p in paths] == ["notes/keep.md"]


def test_force_exclude_ignores_a_file_in_an_ignored_folder_whatever_a_negation_says(
    run, write, tmp_path
):
    """git cannot re-include a file whose folder is ignored (``!c.md`` after ``/b``);
    --force-exclude must agree with git and with the folder walk."""
    _git(tmp_path, "init", "-q")
    write(".gitignore", "/build\n!*.md\n")
    write("build/out.md", "The report was recieved late.\n")
    write("story.md", "The report was recieved late.\n")
    assert _git(tmp_path, "check-ignore", "build/out.md").strip() == "build/out.md"
    result = run("check", "--format", "json", "--force-exclude", "build/out.md", "story.md")
    paths = sorted({f["path"] for f in json.loads(result.output)["findings"]})
    assert paths == ["story.md"], result.output
    walked = run("check", "--format", "json", ".")
    assert sorted(
        {f["path"].removeprefix("./") for f in json.loads(walked.output)["findings"]}
    ) == ["story.md"]


def _cache_version() -> list:
    import regex

    from copylint.rules.patterns import CACHE_VERSION

    return [CACHE_VERSION, regex.__version__]


def test_damaged_pattern_cache_only_costs_time(run, write, tmp_path, monkeypatch):
    """A cache file of the right version whose parts have the wrong shape (edited by
    hand, written by another tool) gave a traceback; it must be ignored instead."""
    write("a.md", "The report was recieved late.\n")
    cache = tmp_path / "cache"
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(cache))
    expected = run("check", "--format", "json", "a.md").output
    good = json.loads((cache / "patterns.json").read_text())["data"]
    damaged = [
        {"version": _cache_version(), "files": [], "parsed": []},
        {"version": _cache_version(), "files": None, "parsed": None},
        {
            "version": _cache_version(),
            "files": {k: "oops" for k in good["files"]},
            "parsed": {k: ["oops", {}] for k in good["parsed"]},
        },
    ]
    from copylint.signing import _secret, signed_text

    key = _secret(create=True)
    assert key is not None
    for body in damaged:
        # signed with this user's key: the shape checks behind the signature check
        text = json.dumps(body)
        (cache / "patterns.json").write_text(signed_text(text, key))
        result = run("check", "--format", "json", "a.md")
        assert result.exit_code == 1
        assert result.output == expected


def test_cache_path_that_cannot_be_replaced_leaves_no_temporary_files(
    run, write, tmp_path, monkeypatch
):
    write("a.md", "The report was recieved late.\n")
    cache = tmp_path / "cache"
    (cache / "patterns.json").mkdir(parents=True)  # the cache file's name is taken
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(cache))
    for _ in range(2):
        assert run("check", "a.md").exit_code == 1
    assert sorted(p.name for p in cache.iterdir()) == ["patterns.json", "rulesets"]
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")]  # no temporary file


def test_plain_text_directives_work_with_crlf_and_cr_line_ends(run, write):
    """``$`` in a MULTILINE pattern matches only before LF: in a Windows (CRLF) or
    CR-only draft no directive was found and the marker itself was checked as prose."""
    draft = (
        "copylint: ignore spelling.Typos\n"
        "The report was recieved.\n"
        "Another recieved here. # copylint: ignore spelling.Typos\n"
        "copylint: disable spelling.Typos\n"
        "a recieved\n"
        "copylint: enable spelling.Typos\n"
        "recieved at the end\n"
    )
    for newline in ("\r\n", "\r"):
        write("d.txt", draft, dedent=False, newline=newline)
        result = run("check", "--format", "json", "d.txt")
        findings = json.loads(result.output)["findings"]
        assert [(f["rule"], f["line"]) for f in findings] == [("spelling.Typos", 7)], newline


@pytest.mark.parametrize(
    "gitignore",
    [
        "*\n!*/\n!*.md\n",  # ignore everything but Markdown
        "*.md\n!notes/\n",  # a folder negation does not bring back the files in it
        "notes/*\n!notes/\n",  # nor the folders in it
        "**/deep\n!*/\n",  # a later folder negation wins for the folder itself
        "sub/\n!notes/\n!*.txt\n",
    ],
)
def test_folder_walk_lists_what_git_lists(tmp_path, gitignore):
    from pathlib import Path

    from copylint.files import discover

    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text(gitignore)
    for name in ("a.md", "notes/b.md", "notes/c.txt", "notes/deep/d.md", "notes/sub/e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Text.\n")
    listed = sorted(
        p
        for p in _git(tmp_path, "ls-files", "-o", "--exclude-standard").split()
        if p.endswith((".md", ".txt"))
    )
    found = sorted(
        Path(real).resolve().relative_to(tmp_path.resolve()).as_posix()
        for _display, real in discover([str(tmp_path)], root=tmp_path)
    )
    assert found == listed
