"""Config discovery, overrides, vocabulary files and errors, through real files."""

from __future__ import annotations

import json

import pytest

from copylint.config import find_config, load_config
from copylint.engine import Linter
from copylint.errors import ConfigError
from copylint.findings import Severity

RULE = """\
extends: existence
message: "Avoid '%s'."
level: warning
tokens: [very]
examples:
  fail: ["It was very hot."]
  pass: ["It was hot."]
"""


@pytest.fixture
def project(tmp_path):
    pack = tmp_path / "styles" / "mine"
    pack.mkdir(parents=True)
    (pack / "Very.yml").write_text(RULE, encoding="utf-8")
    return tmp_path


def test_discovery_walks_up_to_copylint_toml(project):
    (project / "copylint.toml").write_text('packs = ["styles/mine"]\n', encoding="utf-8")
    deep = project / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == project / "copylint.toml"
    cfg = load_config(start=deep)
    assert cfg.root == project.resolve()
    assert [r.meta.id for r in Linter(cfg).ruleset.rules] == ["mine.Very"]


def test_discovery_stops_below_a_ceiling_folder(project, run, monkeypatch):
    from copylint.config import CEILING_ENV

    (project / "copylint.toml").write_text('packs = ["styles/mine"]\n', encoding="utf-8")
    deep = project / "desk" / "drafts"
    deep.mkdir(parents=True)
    (deep / "a.md").write_text("It was very hot.\n", encoding="utf-8")
    assert find_config(deep) == project / "copylint.toml"
    # the ceiling's own config, and any above it, is not found from below it
    monkeypatch.setenv(CEILING_ENV, f"/no/such/folder:{project / 'desk'}")
    assert find_config(deep) is None
    assert find_config(project / "desk") is None  # started there: nothing above it
    # from elsewhere, the walk is as before
    assert find_config(project) == project / "copylint.toml"
    (project / "desk" / "copylint.toml").write_text('packs = ["styles/mine"]\n')
    assert find_config(project / "desk") == project / "desk" / "copylint.toml"
    assert find_config(deep) is None
    (project / "desk" / "copylint.toml").unlink()
    # through the CLI: no config found, so the default packs, not mine.Very
    rows = json.loads(run("check", "--format", "json", "a.md", cwd=deep).stdout)["findings"]
    assert "mine.Very" not in {r["rule"] for r in rows}
    monkeypatch.delenv(CEILING_ENV)
    rows = json.loads(run("check", "--format", "json", "a.md", cwd=deep).stdout)["findings"]
    assert {r["rule"] for r in rows} == {"mine.Very"}


def test_discovery_reads_tool_copylint_in_pyproject(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copylint]\ndialect = "en-GB"\n', encoding="utf-8"
    )
    cfg = load_config(start=project)
    assert cfg.dialect == "en-GB"
    assert cfg.path == str(project / "pyproject.toml")


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_levels_turn_rules_off_and_change_severity(project):
    (project / "copylint.toml").write_text(
        'packs = ["styles/mine"]\n[levels]\n"mine.Very" = "error"\n', encoding="utf-8"
    )
    linter = Linter(load_config(start=project))
    _, found = linter.check_text("A very long day.\n", "a.txt")
    assert [f.severity for f in found] == [Severity.ERROR]
    (project / "copylint.toml").write_text(
        'packs = ["styles/mine"]\n[levels]\nmine = "off"\n', encoding="utf-8"
    )
    linter = Linter(load_config(start=project))
    assert linter.check_text("A very long day.\n", "a.txt")[1] == []


def test_per_glob_overrides(project):
    (project / "copylint.toml").write_text(
        'packs = ["styles/mine"]\n\n[[overrides]]\nfiles = ["opinion/*"]\n'
        'levels = { "mine.Very" = "off" }\ndialect = "en-AU"\n',
        encoding="utf-8",
    )
    linter = Linter(load_config(start=project))
    assert linter.check_text("A very long day.\n", "news/a.txt")[1]
    assert linter.check_text("A very long day.\n", "opinion/a.txt")[1] == []
    cfg, _ = linter.settings_for("opinion/a.txt")
    assert cfg.dialect == "en-AU"


def test_vocab_files_are_read(project):
    (project / "vocab").mkdir()
    (project / "vocab" / "accept.txt").write_text("# names\nOyelaran\n\nWex[a-z]+\n")
    (project / "copylint.toml").write_text(
        '[vocab]\naccept = ["vocab/accept.txt"]\n', encoding="utf-8"
    )
    cfg = load_config(start=project)
    assert cfg.accept == ("Oyelaran", "Wex[a-z]+")
    assert cfg.accept_files == (str(project / "vocab" / "accept.txt"),)


def test_unknown_keys_warn_with_file_and_line(project):
    path = project / "copylint.toml"
    path.write_text('dialect = "en-US"\ncolour = "blue"\n', encoding="utf-8")
    warnings: list[str] = []
    load_config(path, warnings=warnings)
    assert warnings == [f"{path}:2: unknown config key 'colour' (ignored)"]


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ('dialect = "en-XX"\n', 1, "unknown dialect"),
        ('packs = ["a"]\nfail_on = "loud"\n', 2, "unknown level"),
        ("packs = [\n", 1, "bad TOML"),
        ("packs = 3\n", 1, "must be a string or a list"),
        ('[vocab]\naccept = ["missing.txt"]\n', 2, "cannot read vocabulary file"),
    ],
)
def test_bad_config_names_file_and_line(tmp_path, body, line, fragment):
    path = tmp_path / "copylint.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    msg = str(info.value)
    assert msg.startswith(f"{path}:{line}: " if line else f"{path}: "), msg
    assert fragment in msg
