"""action.yml: run the exact script of the action's check step, as GitHub would."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PYTHON, ROOT, subprocess_env

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def step(step_id: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def run_step(step_id: str, inputs: dict[str, str], cwd: Path, tmp_path: Path):
    """Run a step's ``run`` script with bash the way GitHub runs ``shell: bash``.

    ``${{ inputs.x }}`` in the step's env are filled from ``inputs`` (else the
    input's default); ``copylint`` on PATH runs this checkout's CLI.
    """
    s = step(step_id)
    assert s["shell"] == "bash"
    assert "${{" not in s["run"], "inputs must reach the script through env only"
    values = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values.update(inputs)
    env = subprocess_env()
    for name, expr in s.get("env", {}).items():
        m = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", str(expr))
        env[name] = values[m.group(1)] if m else str(expr)
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    shim = bindir / "copylint"
    shim.write_text(f'#!/bin/sh\nexec "{PYTHON}" -m copylint "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    env["GITHUB_OUTPUT"] = str(tmp_path / "github_output")
    script = tmp_path / "step.sh"
    script.write_text(s["run"])
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    (repo / "desk").mkdir(parents=True)
    (repo / "desk" / "Typos.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\n"
        "swap:\n  teh: the\n"
    )
    (repo / "copylint.toml").write_text('packs = ["desk"]\n')
    (repo / "news").mkdir()
    (repo / "news" / "story.txt").write_text("A clean line.\nThen teh typo.\n")
    return repo


def test_action_check_step_annotations_and_sarif(content: Path, tmp_path: Path):
    proc = run_step("check", {"paths": "news", "sarif": "out.sarif"}, content, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "::error" in proc.stdout and "news/story.txt" in proc.stdout
    assert "line=2" in proc.stdout
    sarif = json.loads((content / "out.sarif").read_text())
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["desk.Typos"]
    assert (tmp_path / "github_output").read_text() == "exit-code=1\n"


def test_action_inputs_diff_base_baseline_args(content: Path, tmp_path: Path):
    def git(*args):
        subprocess.run(["git", *args], cwd=content, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.email=d@example.org", "-c", "user.name=D", "add", ".")
    git("-c", "user.email=d@example.org", "-c", "user.name=D", "commit", "-qm", "base")
    # no line changed since main: nothing reported, exit 0, no SARIF asked for
    proc = run_step("check", {"paths": "news", "diff-base": "main"}, content, tmp_path)
    assert (proc.returncode, proc.stdout.count("::error")) == (0, 0), proc.stderr
    assert not (content / "out.sarif").exists()
    # a baseline hides the old finding; --fail-on passed through args
    (content / "news" / "story.txt").write_text("Teh new line.\nA clean line.\nThen teh typo.\n")
    subprocess.run(
        [PYTHON, "-m", "copylint", "baseline", "base.json", "news"],
        cwd=content,
        env=subprocess_env(),
        check=True,
        capture_output=True,
    )
    (content / "news" / "story.txt").write_text(
        "Fresh teh.\nTeh new line.\nA clean line.\nThen teh typo.\n"
    )
    proc = run_step(
        "check",
        {"paths": "news", "baseline": "base.json", "args": "--fail-on error"},
        content,
        tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stdout.count("::error") == 1 and "line=1" in proc.stdout
    # an error (exit 2) fails the step even when writing SARIF
    proc = run_step("check", {"paths": "missing-folder", "sarif": "x.sarif"}, content, tmp_path)
    assert proc.returncode == 2
    assert "exit-code=2" in (tmp_path / "github_output").read_text()


def test_action_install_step_installs_this_checkout():
    s = step("install")
    assert "pip install" in s["run"] and "COPYLINT_ACTION_PATH" in s["run"]
    assert s["env"]["COPYLINT_ACTION_PATH"] == "${{ github.action_path }}"
