"""gitdiff.py against a real git repository with commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from copylint.errors import CopylintError
from copylint.gitdiff import changed_lines, finding_changed, parse_diff, unquote_path


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "desk@example.org")
    git(tmp_path, "config", "user.name", "Desk")
    git(tmp_path, "config", "commit.gpgsign", "false")
    (tmp_path / "old.md").write_text("Line one.\nLine two.\nLine three.\n")
    (tmp_path / "gone.md").write_text("Soon removed.\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def test_changed_lines_branch_commits_and_working_tree(repo: Path):
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "old.md").write_text("Line one.\nLine 2 changed.\nLine three.\nAdded four.\n")
    git(repo, "rm", "-q", "gone.md")
    git(repo, "commit", "-qam", "edit")
    # meanwhile main moves on: its changes must not count (merge base, not main's tip)
    git(repo, "checkout", "-q", "main")
    (repo / "main-only.md").write_text("Only on main.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "main work")
    git(repo, "checkout", "-q", "feature")
    # uncommitted: an unstaged edit, a staged new file and an untracked file
    text = (repo / "old.md").read_text().replace("Line one.", "Line one, edited.")
    (repo / "old.md").write_text(text)
    (repo / "staged.md").write_text("Staged a.\nStaged b.\n")
    git(repo, "add", "staged.md")
    (repo / "sub").mkdir()
    (repo / "sub" / "new file.md").write_text("Untracked.\n")
    (repo / ".gitignore").write_text("ignored.md\n")
    (repo / "ignored.md").write_text("Ignored.\n")

    changed = changed_lines("main", repo / "sub")
    r = repo.resolve()
    assert changed == {
        r / "old.md": {1, 2, 4},
        r / "staged.md": {1, 2},
        r / "sub" / "new file.md": {1},
        r / ".gitignore": {1},
    }
    assert finding_changed(changed, r / "old.md", 3, 4)
    assert not finding_changed(changed, r / "old.md", 3, 3)
    assert not finding_changed(changed, r / "elsewhere.md", 1, 1)


def test_pure_deletion_and_moved_lines(repo: Path):
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "old.md").write_text("Line three.\nLine one.\n")  # removed line two, moved three
    changed = changed_lines(base, repo)
    # git keeps "Line three." as context and reports "Line one." as re-added: one line
    assert changed == {(repo / "old.md").resolve(): {2}}


def test_nothing_changed(repo: Path):
    assert changed_lines("HEAD", repo) == {}


def test_unknown_revision_is_a_clear_error(repo: Path):
    with pytest.raises(CopylintError, match="unknown git revision 'nope'"):
        changed_lines("nope", repo)


def test_not_a_repository(tmp_path: Path):
    with pytest.raises(CopylintError, match="git rev-parse failed"):
        changed_lines("main", tmp_path)


def test_parse_diff_and_quoted_names():
    diff = (
        "diff --git a.md a.md\n--- a.md\n+++ a.md\n@@ -1 +1 @@\n-x\n+y\n"
        "@@ -5,2 +5,0 @@\n-gone\n-gone\n@@ -9,0 +8,3 @@\n+a\n+b\n+c\n"
        'diff --git "caf\\303\\251.md" "caf\\303\\251.md"\n'
        '+++ "caf\\303\\251.md"\n@@ -0,0 +1 @@\n+z\n'
        "diff --git del.md del.md\n--- del.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    assert parse_diff(diff) == {"a.md": {1, 8, 9, 10}, "café.md": {1}}
    assert unquote_path('"a\\tb\\"c"') == 'a\tb"c'
    assert unquote_path("plain.md") == "plain.md"


def test_changed_lines_follow_a_fix_that_moves_lines(tmp_path: Path):
    from copylint.cli_workflow import FindingFilter

    keep = FindingFilter(None, None)
    path = tmp_path / "a.txt"
    keep.changed = {path.resolve(): {1, 4}}
    before = "Promo line.\nOld one.\nOld two.\nNew teh line.\n"
    after = "Old one.\nOld two.\nNew the line.\n"  # line 1 removed, line 4 rewritten
    keep.remap(str(path), path, before, after)
    assert keep.changed[path.resolve()] == {3}
    inserted = "Old one.\nInserted.\nOld two.\nNew the line.\n"
    keep.remap(str(path), path, after, inserted)
    assert keep.changed[path.resolve()] == {2, 4}
