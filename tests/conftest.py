"""Shared test helpers. Tests use real files in tmp folders and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs real external tools (pre-commit, git)")


@pytest.fixture(scope="session", autouse=True)
def _config_ceiling(tmp_path_factory):
    """No test finds a config above its temporary folders: a stray copylint.toml in
    /tmp once turned every test below it into a test of that file."""
    from copylint.config import CEILING_ENV

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CEILING_ENV, str(tmp_path_factory.getbasetemp()))
        yield


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the real CLI in-process (click's runner), in ``tmp_path`` by default."""

    def _run(*args: str, input: str | bytes | None = None, cwd: Path | None = None):
        monkeypatch.chdir(cwd or tmp_path)
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return _run


@pytest.fixture
def promo_findings(tmp_path, run):
    """Check ``text`` as a draft named ``name`` with the promo pack alone (``config``:
    more lines of its copylint.toml) through the CLI: the promo findings' JSON rows."""
    import json

    def check(text: str, name: str = "draft.txt", config: str = "") -> list[dict]:
        (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n' + config, encoding="utf-8")
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run("check", "--format", "json", name)
        assert result.exit_code in (0, 1), result.output
        rows = json.loads(result.output)["findings"]
        return [row for row in rows if row["rule"].startswith("promo.")]

    return check


@pytest.fixture
def write(tmp_path):
    """Write a dedented text file under tmp_path and return its path."""

    def _write(
        name: str,
        text: str,
        *,
        dedent: bool = True,
        newline: str | None = None,
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = textwrap.dedent(text) if dedent else text
        if newline:
            body = body.replace("\n", newline)
        path.write_bytes(body.encode(encoding))
        return path

    return _write


def subprocess_env() -> dict[str, str]:
    """Environment for running ``python -m copylint`` in a subprocess from the source tree."""
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("FORCE_COLOR", None)
    return env


PYTHON = sys.executable

#: runs ``copylint`` as the command line does, then prints which of the modules named
#: first (comma-separated) it imported
HEAVY_SCRIPT = (
    "import sys\n"
    "heavy = sys.argv.pop(1).split(',')\n"
    "from copylint.cli_core import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stderr.write('HEAVY ' + ','.join(m for m in heavy if m in sys.modules) + '\\n')\n"
    "sys.exit(code)\n"
)


def heavy_imports(
    folder: Path, *args: str, heavy: str = "dataclasses,inspect,tomllib,tempfile"
) -> tuple[subprocess.CompletedProcess, str]:
    """``copylint check --format json ARGS`` in a child process run in ``folder``, and
    which of the modules ``heavy`` names it imported (comma-separated, in that order)."""
    r = subprocess.run(
        [PYTHON, "-c", HEAVY_SCRIPT, heavy, "check", "--format", "json", *args],
        cwd=folder,
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )
    line = [x for x in r.stderr.splitlines() if x.startswith("HEAVY ")][-1]
    return r, line[len("HEAVY ") :]


#: the caches of code only this Python reads, named after it (as its .pyc files are)
PROGRAMS = f"programs.{sys.implementation.cache_tag}.bin"
CLASSES = f"classes.{sys.implementation.cache_tag}.bin"


def block_texts(doc, kind=None):
    """(kind, source text, level, meta) of a Document's blocks, optionally of one kind."""
    return [
        (b.kind, doc.source[b.start : b.end], b.level, b.meta)
        for b in doc.blocks
        if kind is None or b.kind == kind
    ]


def at(doc, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column of the nth occurrence of needle, found in the SOURCE."""
    i = -1
    for _ in range(nth + 1):
        i = doc.source.index(needle, i + 1)
    assert doc.prose[i : i + len(needle)] == needle, "expected the word to be prose"
    return doc.lines.position(i)


# Hypothesis profiles (tests/test_fuzz.py): "ci", the default, runs a few hundred
# examples from a fixed seed; "long" (--hypothesis-profile=long) runs 10,000 and
# more, by hand. No example database: a run leaves nothing behind.
from hypothesis import HealthCheck, settings  # noqa: E402

_FUZZ = dict(
    deadline=None,
    database=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("ci", max_examples=50, **_FUZZ)
settings.register_profile("long", max_examples=2_000, **_FUZZ)
settings.load_profile("ci")


#: a small user rule pack file (a substitution with a fix), for workflow tests
TYPOS = """\
extends: substitution
message: "Use '%s' instead of '%s'."
level: error
ignorecase: true
swap:
  teh: the
  recieved: received
"""
