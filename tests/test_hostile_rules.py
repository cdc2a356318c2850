"""Hostile rules and config: a user rule that backtracks without end, huge or deep
YAML, pack paths outside the project, and config values of the wrong type for
every key. Each is one line on stderr naming the file (and line) and exit code 2,
never a traceback or a hang."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import PYTHON, subprocess_env

TYPO = "The council will recieve the report on Tuesday.\n"

BACKTRACK = """\
extends: existence
message: "Backtracking '%s'."
level: warning
nonword: true
tokens:
  - '(a|a)+$'
examples:
  fail: ["aaa"]
  pass: ["bbb"]
"""

NESTED = """\
extends: existence
message: "Nested '%s'."
level: warning
nonword: true
tokens:
  - '(a+)+$'
examples:
  fail: ["aaa"]
  pass: ["bbb"]
"""


def copylint(*args: str, cwd, jobs: int = 1, stdin: bytes | None = None):
    env = subprocess_env()
    env["COPYLINT_JOBS"] = str(jobs)
    env["XDG_CACHE_HOME"] = str(cwd / ".cache")
    return subprocess.run(
        [PYTHON, "-m", "copylint", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=180,
    )


def errors(p) -> list[str]:
    text = p.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return [ln for ln in text.splitlines() if ln.strip()]


def project(tmp_path, config: str, rules: dict[str, str] | None = None):
    (tmp_path / "copylint.toml").write_text(config, encoding="utf-8")
    for name, text in (rules or {}).items():
        path = tmp_path / "styles" / "Ours" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------- time budget


@pytest.mark.parametrize("jobs", [1, 2])
def test_backtracking_rule_is_stopped_skipped_and_named(tmp_path, jobs):
    project(
        tmp_path,
        'packs = ["spelling", "styles/Ours"]\nrule_timeout = 0.5\n',
        {"Backtrack.yml": BACKTRACK, "Nested.yml": NESTED},
    )
    line = "a" * 60 + "!\n"
    (tmp_path / "one.txt").write_text(line + TYPO, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TYPO, encoding="utf-8")
    p = copylint("check", "--format", "json", "one.txt", "two.txt", cwd=tmp_path, jobs=jobs)
    assert p.returncode == 2
    (msg,) = errors(p)
    assert msg.startswith("copylint: error: one.txt: rule Ours.Backtrack (")
    assert msg.endswith("took more than 0.5 s (rule_timeout) and was skipped for this file")
    # the other rules still ran, on both files; (a+)+$ (which regex runs in linear
    # time) found nothing to flag and did not time out
    found = json.loads(p.stdout)["findings"]
    assert sorted((f["path"], f["match"]) for f in found if f["match"] == "recieve") == [
        ("one.txt", "recieve"),
        ("two.txt", "recieve"),
    ]
    assert not any(f["rule"].startswith("Ours.") for f in found)


def test_backtracking_rule_in_fix_keeps_the_other_fixes(tmp_path):
    project(
        tmp_path,
        'packs = ["house", "styles/Ours"]\nrule_timeout = 0.5\n',
        {"Backtrack.yml": BACKTRACK},
    )
    draft = tmp_path / "one.txt"
    draft.write_text("a" * 60 + "!\nSend an e-mail to the council.\n", encoding="utf-8")
    p = copylint("fix", "one.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert any("rule Ours.Backtrack" in ln for ln in errors(p))
    assert "Send an email to the council." in draft.read_text(encoding="utf-8")


def test_a_rule_within_its_budget_is_not_stopped(tmp_path):
    project(tmp_path, 'packs = ["styles/Ours"]\n', {"Nested.yml": NESTED})
    (tmp_path / "one.txt").write_text("a" * 5_000 + "\n", encoding="utf-8")
    p = copylint("check", "one.txt", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert errors(p) == []
    assert b"Ours.Nested" in p.stdout


# --------------------------------------------------------------- huge YAML


def test_huge_rule_file_is_refused(tmp_path):
    swaps = "".join(f"  word{i}: other{i}\n" for i in range(60_000))
    rule = f"extends: substitution\nmessage: x\nswap:\n{swaps}"
    project(tmp_path, 'packs = ["styles/Ours"]\n', {"Huge.yml": rule})
    (tmp_path / "one.txt").write_text(TYPO, encoding="utf-8")
    p = copylint("check", "one.txt", cwd=tmp_path)
    assert p.returncode == 2
    (msg,) = errors(p)
    assert msg.endswith("Huge.yml:1: rule file too large (over 1 MB): split it up")


def test_deeply_nested_rule_file(tmp_path):
    deep = "[" * 5_000 + "]" * 5_000
    rule = f"extends: existence\nmessage: x\ntokens: {deep}\n"
    project(tmp_path, 'packs = ["styles/Ours"]\n', {"Deep.yml": rule})
    (tmp_path / "one.txt").write_text(TYPO, encoding="utf-8")
    p = copylint("check", "one.txt", cwd=tmp_path)
    assert p.returncode == 2
    (msg,) = errors(p)
    assert "Deep.yml:3: " in msg


def test_huge_and_deep_front_matter(tmp_path):
    (tmp_path / "copylint.toml").write_text('packs = ["spelling"]\n', encoding="utf-8")
    keys = "".join(f"k{i}: teh value {i}\n" for i in range(20_000))
    (tmp_path / "huge.md").write_text(f"---\n{keys}---\n{TYPO}", encoding="utf-8")
    deep = "[" * 5_000 + "]" * 5_000
    (tmp_path / "deep.md").write_text(f"---\ntitle: {deep}\n---\n{TYPO}", encoding="utf-8")
    indented = "".join("  " * i + f"k{i}:\n" for i in range(2_000))
    (tmp_path / "indent.md").write_text(f"---\n{indented}---\n{TYPO}", encoding="utf-8")
    p = copylint("check", "--format", "json", ".", cwd=tmp_path)
    assert p.returncode == 1
    assert errors(p) == []
    found = json.loads(p.stdout)["findings"]
    # the front matter is masked whole (nothing in it flagged); the body is checked
    assert sorted(f["path"] for f in found) == ["./deep.md", "./huge.md", "./indent.md"]
    assert all(f["match"] == "recieve" for f in found)


# --------------------------------------------------------------- config types

WRONG = {
    "packs": ["1", "true", "[1, 2]", "{a = 1}"],
    "levels": ['"off"', "[1]", '{"house.Cliches" = 3}', '{"house" = "loud"}'],
    "include": ["1", "[1]", "{a = 1}"],
    "exclude": ["false", '["x", 2]'],
    "dialect": ["1", '"en-XX"', "[]"],
    "min_level": ["1", '"loud"', "[]"],
    "fail_on": ["true", '"never"', "{}"],
    "options": ['"x"', "[1]", '{oxford_comma = "yes"}'],
    "vocab": ['"x"', "[1]", "{accept = 1}", '{accept = ["missing.txt"]}'],
    "overrides": ['"x"', "[1]", '[{dialect = "en-GB"}]', "[{files = 1}]"],
    "max_file_mb": ['"10"', "0", "-5", "true", "nan", "inf"],
    "rule_timeout": ['"1"', "0", "false", "[1]"],
}


@pytest.mark.parametrize(
    "key,value", [(k, v) for k, values in WRONG.items() for v in values], ids=str
)
def test_config_value_of_the_wrong_type(tmp_path, run, key, value):
    (tmp_path / "copylint.toml").write_text(
        f'# a comment first\nfail_on = "warning"\n{key} = {value}\n', encoding="utf-8"
    )
    (tmp_path / "one.txt").write_text(TYPO, encoding="utf-8")
    before = (tmp_path / "one.txt").read_bytes()
    for command in ("check", "fix"):
        result = run(command, "one.txt")  # in-process: a traceback would fail the test
        assert result.exit_code == 2, result.output
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        (msg,) = [ln for ln in lines if not ln.startswith("warning:")]
        assert "copylint.toml:3: " in msg, msg
        assert (tmp_path / "one.txt").read_bytes() == before


def test_override_values_of_the_wrong_type(tmp_path, run):
    for body, line in [
        ('[[overrides]]\nfiles = ["*.txt"]\nlevels = 3\n', 4),
        ('[[overrides]]\nfiles = ["*.txt"]\ndialect = "xx"\n', 4),
        ('[[overrides]]\nfiles = ["*.txt"]\noptions = 1\n', 4),
        ('[[overrides]]\nfiles = ["*.txt"]\n[overrides.options]\noxford_comma = 2\n', 5),
    ]:
        (tmp_path / "copylint.toml").write_text("# overrides\n" + body, encoding="utf-8")
        (tmp_path / "one.txt").write_text(TYPO, encoding="utf-8")
        result = run("check", "one.txt")
        assert result.exit_code == 2, body
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        (msg,) = [ln for ln in lines if not ln.startswith("warning:")]
        assert f"copylint.toml:{line}: " in msg, (body, msg)


def test_pack_path_outside_the_project(tmp_path):
    project_dir = tmp_path / "project"
    outside = tmp_path / "elsewhere" / "Theirs"
    outside.mkdir(parents=True)
    (outside / "Word.yml").write_text(NESTED.replace("(a+)+$", "council"), encoding="utf-8")
    project_dir.mkdir()
    (project_dir / "one.txt").write_text(TYPO, encoding="utf-8")
    # a pack path that escapes the project is allowed (a shared style folder) and
    # its rules run under the time budget like any rule of the user's own
    (project_dir / "copylint.toml").write_text('packs = ["../elsewhere/Theirs"]\n')
    p = copylint("check", "one.txt", cwd=project_dir)
    assert p.returncode == 1
    assert b"Theirs.Word" in p.stdout
    # one that does not exist names the config line
    (project_dir / "copylint.toml").write_text('# x\npacks = ["../../../nowhere"]\n')
    p = copylint("check", "one.txt", cwd=project_dir)
    assert p.returncode == 2
    (msg,) = errors(p)
    assert "copylint.toml:2: rule pack '../../../nowhere' not found" in msg
