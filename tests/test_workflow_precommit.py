"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit.

Slow (pre-commit builds and installs copylint into its own virtualenv): marked
``slow``; they run by default (and in CI); deselect locally with ``-m "not slow"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.slow

DRAFT = (
    "The council met on Tuesday and recieved the plans for the new library.\n"
    "\n"
    "Sign up for our newsletter to get the latest news in your inbox.\n"
    "\n"
    "The vote is due next month.\n"
)
CORRECTED = (
    "The council met on Tuesday to discuss the new library.\n\nThe vote is due next month.\n"
)


def test_hook_manifest():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"copylint", "copylint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "html", "plain-text"]
    assert hooks["copylint"]["entry"] == "copylint check --force-exclude"
    assert hooks["copylint-fix"]["entry"] == "copylint fix --force-exclude"


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the whole session (pip's cache is reused too)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)  # the hook must use the copylint pre-commit installed
    env.setdefault("GIT_AUTHOR_NAME", "Test")
    env.setdefault("GIT_AUTHOR_EMAIL", "test@example.org")
    env.setdefault("GIT_COMMITTER_NAME", "Test")
    env.setdefault("GIT_COMMITTER_EMAIL", "test@example.org")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout of copylint",
)
def test_try_repo_fails_on_findings_then_passes(tmp_path: Path, pre_commit_home: Path):
    content = tmp_path / "newsroom"
    content.mkdir()
    git(content, "init", "-q", "-b", "main")
    (content / "story.txt").write_text(DRAFT)
    git(content, "add", "story.txt")

    r = pre_commit(["try-repo", str(ROOT), "copylint", "--all-files"], content, pre_commit_home)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "Failed" in out
    assert "story.txt:1:32" in out and "spelling." in out
    assert "story.txt:3:" in out and "promo." in out

    (content / "story.txt").write_text(CORRECTED)
    git(content, "add", "story.txt")
    r = pre_commit(["try-repo", str(ROOT), "copylint", "--all-files"], content, pre_commit_home)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out


def _names(requirements) -> set[str]:
    import re

    return {re.split(r"[<>=!~\[; @]", r, maxsplit=1)[0].strip().lower() for r in requirements}


def test_own_config_hooks_install_the_runtime_dependencies():
    """The copylint hooks in our .pre-commit-config.yaml run src/ in pre-commit's own
    environment: it must hold every runtime dependency from pyproject.toml."""
    import tomllib

    deps = _names(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "copylint", "copylint-examples"} <= set(hooks)
    for hook_id in ("copylint", "copylint-examples"):
        missing = deps - _names(hooks[hook_id]["additional_dependencies"])
        assert not missing, f"{hook_id}: add {sorted(missing)} to additional_dependencies"
    for repo in config["repos"]:
        assert repo["repo"] == "local"
