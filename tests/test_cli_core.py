"""The command line without click: ``main`` runs a plain ``check`` itself, and what it
prints, writes and returns must be what the same command run through click gives."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, TYPOS, subprocess_env
from copylint.cli import click_main
from copylint.cli_core import main, read_plain_check

DRAFT = "Teh mayor said the plan was recieved well.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "Typos.yml").write_text(TYPOS)
    (tmp_path / "copylint.toml").write_text('packs = ["desk"]\n')
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(DRAFT)
    (tmp_path / "news" / "b.txt").write_text("Nothing wrong in this one.\n")
    (tmp_path / "other.toml").write_text('packs = ["desk"]\nfail_on = "off"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def both(capsys, args: list[str]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(code, stdout, stderr) of ``args`` run by ``main`` and by click."""
    code = main(args)
    quick = (code, *capsys.readouterr())
    code = click_main(args)
    slow = (code, *capsys.readouterr())
    return quick, slow


PLAIN = [
    ["check", "news"],
    ["check", "--format", "json", "news"],
    ["check", "news/a.md", "-f", "github", "news/b.txt"],
    ["check", "--format=sarif", "news"],
    ["check", "--no-color", "--min-level", "error", "news"],
    ["check", "--color", "news/a.md"],
    ["check", "--fail-on", "error", "--dialect", "en_gb", "news"],
    ["check", "--no-cache", "--input-format", "text", "-j", "1", "news"],
    ["check", "--config", "other.toml", "news"],
    ["--config", "other.toml", "check", "--format", "json", "news"],
    ["check", "--force-exclude", "--stdin-filename", "x.md", "news/a.md"],
    ["check", "news", "--jobs=2", "--format", "rdjson"],
]


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_plain_check_runs_without_click_as_click_runs_it(project, capsys, args):
    assert read_plain_check(args) is not None, "not read as a plain check"
    quick, slow = both(capsys, args)
    assert quick == slow
    assert quick[0] in (0, 1)
    assert "Teh" in quick[1] or "teh" in quick[1].lower()


LEFT_TO_CLICK = [
    ["check"],
    ["check", "-h"],
    ["--help"],
    ["--version"],
    ["rules"],
    ["check", "--format", "nope", "news"],
    ["check", "--format"],
    ["check", "-fjson", "news"],
    ["check", "-f=json", "news"],
    ["check", "--dialect", "en-XX", "news"],
    ["check", "--min-level", "loud", "news"],
    ["check", "--min-level", "Warning", "news"],
    ["check", "-j", "0", "news"],
    ["check", "-j", "two", "news"],
    ["check", "--input-format", "rtf", "news"],
    ["check", "--config", "news", "news"],
    ["check", "--output", "news", "news"],
    ["check", "--diff", "news"],
    ["check", "--baseline", "b.json", "news"],
    ["check", "--", "news"],
    ["check", "-", "news"],
    ["check", "--format", "-x", "news"],
    ["check", "--unknown", "news"],
    ["--config", "other.toml", "rules"],
    ["--verbose", "check", "news"],
]


@pytest.mark.parametrize("args", LEFT_TO_CLICK, ids=" ".join)
def test_anything_else_goes_to_click(project, capsys, args):
    assert read_plain_check(args) is None
    quick, slow = both(capsys, args)
    assert quick == slow


def test_errors_read_as_click_shows_them(project, capsys):
    """A missing file, and the report file being one of the drafts (a usage error the
    shared code raises once it knows the drafts): the same words, the same code."""
    missing = ["check", "news", "gone.md"]
    quick, slow = both(capsys, missing)
    assert quick == slow
    assert quick[0] == 2 and "gone.md" in quick[2] and "Traceback" not in quick[2]
    onto_draft = ["check", "-o", "news/a.md", "news"]
    assert read_plain_check(onto_draft) is not None
    quick, slow = both(capsys, onto_draft)
    assert quick == slow
    assert quick[0] == 2
    assert quick[2].startswith("Usage: copylint check [OPTIONS] [PATHS]...")
    assert "Try 'copylint check --help' for help." in quick[2]
    assert (project / "news" / "a.md").read_text() == DRAFT


def test_the_report_file_is_written_the_same(project, capsys):
    quick = main(["check", "-f", "json", "-o", "q.json", "news"])
    slow = click_main(["check", "-f", "json", "-o", "s.json", "news"])
    assert quick == slow == 1
    assert (project / "q.json").read_text() == (project / "s.json").read_text()
    assert json.loads((project / "q.json").read_text())["summary"]["counts"]["error"] == 2


def test_a_plain_check_imports_no_click(project):
    """``python -m copylint check ...`` over files the cache holds imports neither click
    nor the command definitions; help still comes from click."""
    script = (
        "import sys\n"
        "from copylint.cli_core import main\n"
        "code = main(sys.argv[1:])\n"
        "sys.stderr.write('CLICK ' + str('click' in sys.modules) + '\\n')\n"
        "sys.exit(code)\n"
    )
    env = subprocess_env()

    def go(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "-c", script, *args], cwd=project, env=env, capture_output=True, text=True
        )

    first = go("check", "--format", "json", "news")
    second = go("check", "--format", "json", "news")
    assert first.returncode == second.returncode == 1
    assert "CLICK False" in second.stderr
    assert first.stdout == second.stdout
    helped = go("check", "--help")
    assert helped.returncode == 0 and "CLICK True" in helped.stderr
    assert "--no-cache" in helped.stdout
    via_m = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "--format", "json", "news"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert via_m.returncode == 1 and via_m.stdout == first.stdout


def test_shell_completion_still_reaches_click(project):
    """With click's completion variable set, even a plain check goes to click (which
    answers with the words to complete, and runs nothing)."""
    env = {**subprocess_env(), "_COPYLINT_COMPLETE": "bash_complete"}
    env.update({"COMP_WORDS": "copylint check --for", "COMP_CWORD": "2"})
    r = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "news"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "--format" in r.stdout and "Teh" not in r.stdout


#: runs ``main`` with a Ctrl-C landing as the module named first is imported (an audit
#: hook raises it: a real SIGINT at that moment, without the timing)
INTERRUPTED_IMPORT = (
    "import sys\n"
    "from copylint.cli_core import main\n"
    "def hook(event, args):\n"
    "    if event == 'import' and args[0] == sys.argv[1]:\n"
    "        raise KeyboardInterrupt\n"
    "sys.addaudithook(hook)\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


@pytest.mark.parametrize(
    "module, args",
    [
        ("copylint.config", ["check", "news"]),  # the plain check reading its values
        ("copylint.cli", ["check", "--diff", "news"]),  # the command line going to click
    ],
)
def test_ctrl_c_while_starting_up_ends_quietly(project, module, args):
    """Ctrl-C before the run proper (while ``main`` still imports what it needs) ends
    as it does later on: code 130, one empty line, no traceback."""
    r = subprocess.run(
        [PYTHON, "-c", INTERRUPTED_IMPORT, module, *args],
        cwd=project,
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in r.stderr, r.stderr
    assert (r.returncode, r.stdout, r.stderr) == (130, "", "\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_report_that_cannot_be_written_names_where_it_went(project, capsys):
    """A full disk under the report file (or under stdout): one line naming the file
    (or standard output), code 2, on both paths."""
    quick, slow = both(capsys, ["check", "-o", "/dev/full", "news"])
    assert quick == slow
    assert quick[0] == 2
    assert quick[2] == "copylint: error: /dev/full: No space left on device\n"
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [PYTHON, "-m", "copylint", "check", "news"],
            cwd=project,
            env=subprocess_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert r.returncode == 2
    assert r.stderr == "copylint: error: standard output: No space left on device\n"
