"""Bugs found by a demanding first user of the CLI, config and outputs (review3)."""

from __future__ import annotations

import json

DRAFT = "The mayor said the plan was redy.\n"


def _rules(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.output)["findings"]]


def test_override_options_that_are_not_a_table_name_file_and_line(run, write):
    """``options = "x"`` in an override raised a ValueError traceback (exit 1)."""
    write("copylint.toml", '[[overrides]]\nfiles = ["x/**"]\noptions = "x"\n')
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2, result.output
    assert "copylint.toml:3: 'options' must be a table" in result.output


def test_vocab_file_that_is_not_utf8_names_the_config_and_line(run, write, tmp_path):
    """A Latin-1 accept list raised a UnicodeDecodeError traceback."""
    write("copylint.toml", 'dialect = "en-US"\n[vocab]\naccept = ["v.txt"]\n')
    (tmp_path / "v.txt").write_bytes(b"Caf\xe9\n")
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2, result.output
    assert "copylint.toml:3: vocabulary file" in result.output
    assert "not UTF-8" in result.output


def test_missing_vocab_file_error_names_the_line(run, write):
    write("copylint.toml", 'dialect = "en-US"\n\n[vocab]\nreject = ["gone.txt"]\n')
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "copylint.toml:4: cannot read vocabulary file" in result.output


def test_bad_value_in_second_override_names_its_own_line(run, write):
    """The line of a key was the first line with that key anywhere in the file: an
    error in an override pointed at the top-level ``dialect``."""
    write(
        "copylint.toml",
        'dialect = "en-GB"\n'
        '[[overrides]]\nfiles = ["a/**"]\ndialect = "en-US"\n'
        '[[overrides]]\nfiles = ["b/**"]\ndialect = "en-XX"\n',
    )
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "copylint.toml:7: unknown dialect 'en-XX'" in result.output


def test_bad_option_and_level_in_an_override_name_the_override_line(run, write):
    write(
        "copylint.toml",
        '[options]\noxford_comma = true\n[[overrides]]\nfiles = ["*.txt"]\n'
        'options = { oxford_comma = "no" }\n',
    )
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "copylint.toml:5: option oxford_comma" in result.output
    write(
        "copylint.toml",
        '[levels]\n"house.Cliches" = "off"\n[[overrides]]\nfiles = ["*.txt"]\n'
        'levels = { "house.Cliches" = "loud" }\n',
    )
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "copylint.toml:5: house.Cliches: unknown level 'loud'" in result.output


def test_pyproject_error_line_is_in_the_copylint_table(run, write):
    """Another tool's ``dialect`` key above [tool.copylint] took the line number."""
    write("pyproject.toml", '[tool.other]\ndialect = "x"\n\n[tool.copylint]\ndialect = "en-XX"\n')
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "pyproject.toml:5: unknown dialect 'en-XX'" in result.output


PERCENT = "The budget rose 5 percent this year.\n"


def _percent_lines(result) -> list[str]:
    return sorted(f["path"] for f in json.loads(result.output)["findings"])


def test_override_globs_are_gitignore_style_like_include_and_exclude(run, write):
    """Overrides used fnmatch: ``**/*.md`` missed a file at the top (git matches it)
    and ``op/*.md`` reached into op/sub/ (git's ``*`` stops at a slash)."""
    for name in ("s.md", "op/s.md", "op/sub/s.md"):
        write(name, PERCENT)
    write(
        "copylint.toml",
        '[[overrides]]\nfiles = ["**/*.md"]\nlevels = { "house.PercentSign" = "off" }\n',
    )
    result = run("check", "--format", "json", "s.md", "op")
    assert _percent_lines(result) == [], result.output
    write(
        "copylint.toml",
        '[[overrides]]\nfiles = ["op/*.md"]\nlevels = { "house.PercentSign" = "off" }\n',
    )
    result = run("check", "--format", "json", "s.md", "op")
    assert _percent_lines(result) == ["op/sub/s.md", "s.md"], result.output


def test_override_folder_glob_applies_from_a_subfolder(run, write, tmp_path):
    write("opinion/col.md", PERCENT)
    write(
        "copylint.toml",
        '[[overrides]]\nfiles = ["opinion/**"]\nlevels = { "house.PercentSign" = "off" }\n',
    )
    result = run("check", "--format", "json", "col.md", cwd=tmp_path / "opinion")
    assert _percent_lines(result) == [], result.output


def test_fix_leaves_a_read_only_draft_alone_and_says_so(run, write, tmp_path):
    """``fix`` replaced a read-only (mode 444) draft through its atomic rename, as if
    the mode were not there. Now it names the file, writes nothing and exits 2; the
    other files are still fixed and every finding is still reported."""
    body = "The council met on Monday , and voted.\n"
    ro = write("ro.md", body)
    rw = write("rw.md", body)
    ro.chmod(0o444)
    try:
        result = run("fix", "--format", "json", "ro.md", "rw.md")
        assert result.exit_code == 2, result.output
        assert "ro.md: not fixed: the file is read-only" in result.output
        assert ro.read_text(encoding="utf-8") == body
        assert oct(ro.stat().st_mode & 0o777) == oct(0o444)
        assert rw.read_text(encoding="utf-8") == "The council met on Monday, and voted.\n"
        report = json.loads(result.output[result.output.index("{") :])
        assert [f["path"] for f in report["findings"]] == ["ro.md"]
        assert report["findings"][0]["rule"] == "house.SpaceBeforePunctuation"
    finally:
        ro.chmod(0o644)


def test_removing_a_promo_line_keeps_the_rest_of_its_paragraph_apart(run, write):
    """The removal took the blank line before the block even when the block's
    paragraph went on below it, so the rest joined the paragraph above."""
    path = write(
        "d.md",
        "The budget passed on Monday, officials said.\r\n"
        "\r\n"
        "Sign up for our newsletter to get the latest news delivered to your inbox "
        "every morning.\r\n"
        "The vote was seven to two.\r\n",
    )
    result = run("fix", "--unsafe-fixes", "d.md")
    assert "promo.Newsletter" not in result.output
    assert path.read_bytes() == (
        b"The budget passed on Monday, officials said.\r\n\r\nThe vote was seven to two.\r\n"
    )


def test_directive_naming_an_unknown_rule_is_warned(run, write):
    """A misspelt rule id in a directive silently suppressed nothing."""
    write(
        "a.md",
        "# Notes\n\n<!-- copylint-disable-next-line spelling.Typo -->\n"
        "The plan was redy.\n\n<!-- copylint-disable-next-line spelling -->\nThe plan was redy.\n",
    )
    write("b.txt", "The plan was redy. # copylint: ignore nosuch\n")
    result = run("check", "a.md", "b.txt")
    assert result.exit_code == 1
    assert (
        "warning: a.md:3: unknown rule or pack 'spelling.Typo' in a copylint directive: "
        "it suppresses nothing (did you mean spelling.Typos?)"
    ) in result.output
    assert "b.txt:1: unknown rule or pack 'nosuch'" in result.output
    assert "a.md:6:" not in result.output  # a pack name is known
    assert result.output.count("unknown rule or pack") == 2


def test_fail_on_off_never_fails_on_findings(run, write):
    """``fail_on = "off"`` is accepted, but made every finding, even a suggestion,
    fail the run (OFF is the lowest level)."""
    write("copylint.toml", 'fail_on = "off"\n')
    write("a.txt", DRAFT)
    result = run("check", "a.txt")
    assert "spelling.Typos" in result.output
    assert result.exit_code == 0, result.output
    assert run("check", "--fail-on", "error", "a.txt").exit_code == 1


def test_directive_naming_a_shipped_rule_this_config_leaves_out_is_not_warned(run, write):
    """A draft may be checked under several configs: a shipped rule this one does not
    run (promo.Teaser with packs = ["spelling"]) is no mistake."""
    write("copylint.toml", 'packs = ["spelling"]\n')
    write(
        "a.md",
        "# Notes\n\n<!-- copylint-disable-next-line promo.Teaser -->\nThe plan was redy.\n",
    )
    result = run("check", "a.md")
    assert result.exit_code == 1  # the typo is still reported
    assert "unknown rule or pack" not in result.output


def test_a_pack_not_found_and_a_bad_glob_name_their_config_line(run, write):
    write("copylint.toml", '# house settings\npacks = ["spelling", "nosuch"]\n')
    write("a.md", "The plan was ready.\n")
    result = run("check", "a.md")
    assert result.exit_code == 2
    assert "copylint.toml:2: rule pack 'nosuch' not found" in result.output
    write("copylint.toml", 'packs = ["spelling"]\n\nexclude = ["[z-a]"]\n')
    result = run("check", ".")
    assert result.exit_code == 2
    assert "copylint.toml:3: invalid exclude pattern '[z-a]'" in result.output
    assert "Traceback" not in result.output


def test_vocab_add_with_the_config_in_pyproject_makes_the_word_count(run, write, tmp_path):
    write("pyproject.toml", '[project]\nname = "desk"\n\n[tool.copylint]\ndialect = "en-GB"\n')
    write("a.md", "Councillor Brixworthe-Ayo spoke first and blorvex followed.\n")
    assert "blorvex" in run("check", "a.md").output
    result = run("vocab", "add", "blorvex")
    assert result.exit_code == 0
    after = run("check", "a.md")
    assert "blorvex" not in after.output and after.exit_code == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.endswith('[tool.copylint.vocab]\naccept = ["vocab/accept.txt"]\n')
    assert "already there" in run("vocab", "add", "blorvex").output
    assert text == (tmp_path / "pyproject.toml").read_text()  # added once
