"""The README's configuration and rule examples work as written."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(lang: str, after: str) -> str:
    start = README.index(after)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, start)
    assert m, f"no {lang} block after {after!r}"
    return m.group(1)


def test_readme_config_and_rule_examples_work(tmp_path, run, write):
    config = block("toml", "## Configuration")
    rule = block("yaml", "### Your own rules")
    write("copylint.toml", config, dedent=False)
    write("vocab/accept.txt", "Wexcombe\n")
    write("vocab/reject.txt", "irregardless\n")
    write("styles/Ours/Ward.yml", rule, dedent=False)
    listed = run("rules")
    assert listed.exit_code == 0, listed.output + listed.stderr
    assert "Ours.Ward" in listed.output
    assert "house.Cliches" in listed.output and "off" in listed.output.split("house.Cliches")[1]
    write("news/a.md", "Voters in north ward turned out early.\n")
    found = run("check", "--format", "json", "news/a.md")
    assert '"rule": "Ours.Ward"' in found.output
    write("opinion/b.md", "Voters in Northgate Ward turned out early.\n")
    assert run("check", "opinion/b.md").exit_code == 0
