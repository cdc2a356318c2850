"""`copylint fix -` and `check --fix -`: the fixed text on stdout, the report on stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, TYPOS, subprocess_env

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

DRAFT = "Teh council recieved teh letter.\n\nSubscribe now!\n"
FIXED = "The council received the letter.\n\nSubscribe now!\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Typos.yml").write_text(TYPOS)
    (tmp_path / "desk" / "Promo.yml").write_text(PROMO)
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n')
    return tmp_path


@pytest.mark.parametrize("command", [["fix"], ["check", "--fix"]])
def test_fix_stdin_prints_fixed_text_and_reports_on_stderr(project, run, command):
    r = run(*command, "-", input=DRAFT)
    assert r.stdout == FIXED
    assert r.exit_code == 1  # the promo line (unsafe fix) is left
    assert "<stdin>:3:1: error desk.Promo" in r.stderr
    assert "desk.Typos" not in r.stderr
    assert "applied 3 fixes in 1 file" in r.stderr


def test_fix_stdin_clean_text_is_echoed_and_exits_0(project, run):
    r = run("fix", "--unsafe-fixes", "-", input=DRAFT)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "The council received the letter.\n\n\n"
    again = run("fix", "-", input="All is well.\n")
    assert (again.exit_code, again.stdout) == (0, "All is well.\n")


def test_fix_stdin_filename_names_the_report_and_picks_the_format(project, run):
    # as Markdown the code span is not prose, so its 'teh' is left alone
    text = "Teh `teh` code.\n"
    r = run("fix", "--stdin-filename", "piped.md", "-", input=text)
    assert r.stdout == "The `teh` code.\n"
    assert r.exit_code == 0
    r = run("fix", "--stdin-filename", "piped.txt", "-", input=text)
    assert r.stdout == "The `the` code.\n"


def test_fix_stdin_json_report_goes_to_output_file(project, run, tmp_path):
    r = run("fix", "--format", "json", "--output", "report.json", "-", input=DRAFT)
    assert r.stdout == FIXED
    data = json.loads((tmp_path / "report.json").read_text())
    assert [f["rule"] for f in data["findings"]] == ["desk.Promo"]


def test_fix_stdin_with_other_paths_is_a_usage_error(project, run):
    (project / "a.txt").write_text(DRAFT)
    r = run("fix", "-", "a.txt", input=DRAFT)
    assert r.exit_code == 2
    assert "stdout" in r.stderr
    assert (project / "a.txt").read_text() == DRAFT


def test_fix_stdin_keeps_bytes_bom_and_crlf_in_a_subprocess(project):
    data = b"\xef\xbb\xbf" + DRAFT.replace("\n", "\r\n").encode()
    p = subprocess.run(
        [PYTHON, "-m", "copylint", "fix", "-"],
        input=data,
        capture_output=True,
        cwd=project,
        env=subprocess_env(),
        timeout=60,
    )
    assert p.stdout == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert p.returncode == 1
    assert b"Traceback" not in p.stderr


def test_fix_stdin_binary_input_comes_back_unchanged_and_exits_2(project, run):
    """An editor piping its buffer through `fix -` must never get an empty buffer."""
    r = run("fix", "-", input=b"bin\x00ary")
    assert r.exit_code == 2
    assert r.stdout_bytes == b"bin\x00ary"
    assert "not a text file" in r.stderr


def test_diff_of_stdin_still_prints_a_diff(project, run):
    r = run("fix", "--diff", "-", input=DRAFT)
    assert r.stdout.startswith("--- a/<stdin>\n+++ b/<stdin>\n")
    assert r.exit_code == 1
