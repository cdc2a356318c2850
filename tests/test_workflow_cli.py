"""The workflow CLI end to end: fix modes, --diff-base, baselines, atomic writes, progress.

Each test writes its own small rule pack (a safe substitution and an unsafe promo
removal) so the expected text is exact whatever the built-in packs say.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PYTHON, TYPOS, subprocess_env

# overlaps the 'teh' fix of Typos; after that fix it matches 'the plan' on the next pass
PHRASES = """\
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
swap:
  (?:[Tt]eh|the) plan: the scheme
"""

PROMO = """\
extends: existence
message: "Promo line: '%s'."
level: error
raw:
  - 'Subscribe now!'
fix: unsafe
action:
  name: remove
"""

DRAFT = "Teh mayor said teh plan was recieved well.\n\nSubscribe now!\n\nThe end.\n"
SAFE_FIXED = "The mayor said the scheme was received well.\n\nSubscribe now!\n\nThe end.\n"
ALL_FIXED = "The mayor said the scheme was received well.\n\n\n\nThe end.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Typos.yml").write_text(TYPOS)
    (tmp_path / "desk" / "Promo.yml").write_text(PROMO)
    (tmp_path / "desk" / "Phrases.yml").write_text(PHRASES)
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n')
    return tmp_path


def draft(project: Path, text: str = DRAFT, name: str = "draft.txt", **kw) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(kw.get("encoding", "utf-8")))
    return path


# --------------------------------------------------------------------------- fix modes


def test_fix_safe_exact_and_idempotent(project, run):
    path = draft(project)
    os.chmod(path, 0o640)
    r = run("fix", "draft.txt")
    # Phrases 'teh plan' overlaps Typos 'teh': never applied together; 'teh' -> 'the'
    # (starts first, ends first) wins, and the next pass turns 'the plan' into 'the scheme'
    assert path.read_text() == SAFE_FIXED
    assert r.exit_code == 1  # the promo line (unsafe fix) is left
    assert "pack" not in r.output and "desk.Promo" in r.output
    assert "desk.Typos" not in r.output
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    again = run("fix", "draft.txt")
    assert path.read_text() == SAFE_FIXED
    assert "applied 0 fixes in 0 files" in again.stderr
    assert [p.name for p in project.iterdir() if p.name.startswith(".draft")] == []


def test_check_fix_is_the_same_as_fix(project, run):
    path = draft(project)
    r = run("check", "--fix", "draft.txt")
    assert path.read_text() == SAFE_FIXED
    assert r.exit_code == 1


def test_unsafe_fixes_and_clean_exit(project, run):
    path = draft(project)
    r = run("fix", "--unsafe-fixes", "draft.txt")
    assert path.read_text() == ALL_FIXED
    assert r.exit_code == 0, r.output
    assert run("fix", "--unsafe-fixes", "draft.txt").exit_code == 0
    assert path.read_text() == ALL_FIXED


def test_diff_writes_nothing(project, run):
    path = draft(project)
    r = run("fix", "--diff", "draft.txt")
    assert path.read_text() == DRAFT
    assert r.exit_code == 1
    assert r.stdout == (
        "--- a/draft.txt\n+++ b/draft.txt\n@@ -1,4 +1,4 @@\n"
        "-Teh mayor said teh plan was recieved well.\n"
        "+The mayor said the scheme was received well.\n"
        " \n Subscribe now!\n \n"
    )
    clean = draft(project, ALL_FIXED, "clean.txt")
    r = run("check", "--diff", "--unsafe-fixes", str(clean))
    assert (r.exit_code, r.stdout) == (0, "")


def test_encoding_bom_and_line_endings_kept(project, run):
    crlf = DRAFT.replace("\n", "\r\n")
    path = project / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + crlf.encode())
    run("fix", "bom.txt")
    assert path.read_bytes() == b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode()
    utf16 = project / "wide.txt"
    utf16.write_bytes(DRAFT.encode("utf-16"))  # with BOM
    run("fix", "--unsafe-fixes", "wide.txt")
    assert utf16.read_bytes() == ALL_FIXED.encode("utf-16")


def test_bytes_outside_edits_unchanged(project, run):
    odd = "Tabs\there,  two spaces, trailing   \nteh café ☕ — ok\r\nno newline at end"
    path = draft(project, odd, "odd.txt")
    run("fix", "odd.txt")
    assert path.read_bytes() == odd.replace("teh", "the").encode()


def test_interactive_through_stdin(project, run):
    path = draft(project)
    # offered in order: 'Teh', 'teh', 'teh plan', 'recieved', the promo line (unsafe)
    answers = "a\ns\ne\nthe idea\ns\na\n"
    r = run("fix", "-i", "--unsafe-fixes", "draft.txt", input=answers)
    assert path.read_text() == "The mayor said the idea was recieved well.\n\n\n\nThe end.\n"
    assert r.stdout.count("[a]ccept, [s]kip") == 5
    assert "(unsafe fix)" in r.stdout
    assert r.exit_code == 1  # 'recieved' was skipped


def test_interactive_accept_all_and_quit(project, run):
    path = draft(project)
    # 'A' on the first Typos fix takes all three; the overlapping Phrases fix is not
    # offered (interactive mode makes one pass), the unsafe promo fix neither
    r = run("fix", "-i", "draft.txt", input="A\n")
    assert path.read_text() == SAFE_FIXED.replace("scheme", "plan")
    assert r.stdout.count("[a]ccept, [s]kip") == 1
    path.write_text(DRAFT)
    run("fix", "-i", "draft.txt", input="q\n")
    assert path.read_text() == DRAFT


def test_crash_between_write_and_rename_keeps_original(project, run, monkeypatch):
    path = draft(project)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    r = run("fix", "draft.txt")
    assert r.exit_code == 2
    assert "No space left on device" in r.stderr
    assert "Traceback" not in r.output + r.stderr
    assert path.read_text() == DRAFT
    names = sorted(p.name for p in project.iterdir() if p.name != ".copylint_cache")
    assert names == ["copylint.toml", "desk", "draft.txt"]
    # the results cache could not be saved either, and left no temporary file
    cache = project / ".copylint_cache"
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name != ".gitignore"]


# --------------------------------------------------------------------------- --diff-base


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def test_diff_base_reports_only_changed_lines(project, run):
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.email", "desk@example.org")
    git(project, "config", "user.name", "Desk")
    draft(project, "Old teh line.\nOld recieved line.\n")
    draft(project, "Untouched teh.\n", "other.txt")
    git(project, "add", ".")
    git(project, "commit", "-qm", "old copy")
    git(project, "checkout", "-qb", "story")
    draft(project, "New intro.\nOld teh line.\nOld recieved line, edited teh.\n")
    git(project, "commit", "-qam", "edit")
    draft(project, "Fresh teh draft.\n", "fresh.txt")  # untracked

    r = run("check", "--format", "json", "--diff-base", "main", ".")
    data = json.loads(r.stdout)
    found = sorted(
        (Path(f["path"]).name, f["line"], f["match"])
        for f in (data["findings"] if isinstance(data, dict) else data)
    )
    assert found == [
        ("draft.txt", 3, "recieved"),
        ("draft.txt", 3, "teh"),
        ("fresh.txt", 1, "teh"),
    ]
    assert r.exit_code == 1
    assert run("check", "--diff-base", "HEAD", "other.txt").exit_code == 0
    bad = run("check", "--diff-base", "no-such-branch", ".")
    assert bad.exit_code == 2
    assert "unknown git revision 'no-such-branch'" in bad.stderr


# --------------------------------------------------------------------------- baselines


def test_baseline_then_only_new_findings(project, run):
    path = draft(project, "Teh council met.\n\nLater teh vote.\n", "news/a.txt")
    r = run("baseline", ".copylint-baseline.json", "news")
    assert r.exit_code == 0
    assert "recorded 2 findings" in r.stdout
    data = json.loads((project / ".copylint-baseline.json").read_text())
    assert data["version"] == 1
    assert {e["path"] for e in data["findings"]} == {"news/a.txt"}

    assert run("check", "--baseline", ".copylint-baseline.json", "news").exit_code == 0
    # lines move down, spacing changes: still known
    path.write_text("A new lead.\n\nTeh  council met.\n\nMore.\n\nLater teh vote.\n")
    r = run("check", "--baseline", ".copylint-baseline.json", "news")
    assert (r.exit_code, "desk.Typos" in r.stdout) == (0, False)
    # a new typo on a new line is reported, the old ones are not
    path.write_text("A new lead, recieved.\n\nTeh council met.\n\nLater teh vote.\n")
    r = run("check", "--baseline", ".copylint-baseline.json", "--format", "json", "news")
    assert r.exit_code == 1
    assert r.stdout.count('"rule": "desk.Typos"') == 1 and "recieved" in r.stdout
    missing = run("check", "--baseline", "nope.json", "news")
    assert missing.exit_code == 2 and "baseline file not found" in missing.stderr


# --------------------------------------------------------------------------- progress


def _run_on_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[str, str]:
    master, slave = os.openpty()
    try:
        proc = subprocess.run(
            [PYTHON, "-m", "copylint", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=60,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return proc.stdout.decode(), b"".join(chunks).decode()


def test_progress_bar_on_terminal_only(project):
    folder = project / "batch"
    for i in range(25):
        draft(project, f"Story {i} has teh detail.\n", f"batch/s{i:02}.txt")
    env = subprocess_env()
    for var in (
        "CI",
        "GITHUB_ACTIONS",
        "CONTINUOUS_INTEGRATION",
        "BUILD_NUMBER",
        "RUN_ID",
        "TF_BUILD",
        "COPYLINT_NO_PROGRESS",
    ):
        env.pop(var, None)
    env["TERM"] = "xterm"
    out, err = _run_on_pty(["check", str(folder)], project, env)
    assert "25/25 files, 25 findings" in err
    assert "\r" not in out and "files, " not in out  # stdout (a pipe) is clean
    env["CI"] = "true"
    out, err = _run_on_pty(["check", str(folder)], project, env)
    assert "files, " not in err and "\r[" not in err
    # stderr a pipe: no bar either
    proc = subprocess.run(
        [PYTHON, "-m", "copylint", "check", str(folder)],
        cwd=project,
        env={**env, "CI": ""},
        capture_output=True,
        timeout=60,
    )
    assert b"\r" not in proc.stderr and b"files, " not in proc.stderr
    assert sys.platform != "win32"
