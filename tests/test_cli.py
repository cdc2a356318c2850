"""The real CLI: exit codes, formats, errors, stdin, rules/explain/init/docs/vocab."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import PYTHON, ROOT, subprocess_env

RULE = """\
extends: existence
message: "Avoid '%s'."
level: warning
tokens: [very]
description: Cut the intensifier.
link: https://example.org/very
examples:
  fail: ["It was very hot."]
  pass: ["It was hot."]
"""
SUGGEST = """\
extends: existence
message: "Consider cutting '%s'."
level: suggestion
tokens: [really]
description: Cut the other intensifier.
examples:
  fail: ["It was really hot."]
  pass: ["It was hot."]
"""


@pytest.fixture
def project(tmp_path):
    pack = tmp_path / "styles" / "mine"
    pack.mkdir(parents=True)
    (pack / "Very.yml").write_text(RULE, encoding="utf-8")
    (pack / "Really.yml").write_text(SUGGEST, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["styles/mine"]\n', encoding="utf-8")
    return tmp_path


def test_exit_0_when_clean(project, write, run):
    write("clean.md", "It was hot.\n")
    result = run("check", "clean.md")
    assert result.exit_code == 0, result.output


def test_exit_1_on_warning_and_text_report(project, write, run):
    write("story.md", "# Heat\n\nIt was very hot.\n")
    result = run("check", "story.md")
    assert result.exit_code == 1
    assert "story.md:3:8: warning mine.Very Avoid 'very'." in result.output


def test_suggestions_do_not_fail_by_default_but_fail_on_can_say_so(project, write, run):
    write("s.txt", "It was really hot.\n")
    assert run("check", "s.txt").exit_code == 0
    assert run("check", "--fail-on", "suggestion", "s.txt").exit_code == 1


def test_min_level_hides_lower_findings(project, write, run):
    write("s.txt", "It was really very hot.\n")
    result = run("check", "--min-level", "warning", "--format", "json", "s.txt")
    data = json.loads(result.output)
    assert [f["rule"] for f in data["findings"]] == ["mine.Very"]


def test_json_contract(project, write, run):
    write("drafts/a.md", "Très bien, it was very hot.\n")
    result = run("check", "--format", "json", "drafts")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 1
    (f,) = [f for f in data["findings"] if f["rule"] == "mine.Very"]
    assert f["path"] == "drafts/a.md"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 19, 1, 23)
    assert f["severity"] == "warning"
    assert f["suggestions"] == [] and f["fix"] is None
    assert data["summary"]["files"] == 1


def test_stdin_with_filename(project, run):
    result = run("check", "--stdin-filename", "piped.md", "-", input="So very hot.\n")
    assert result.exit_code == 1
    assert "piped.md:1:4: warning mine.Very" in result.output


def test_binary_file_is_skipped_with_one_line_and_exit_2(project, write, run, tmp_path):
    write("good.md", "It was very hot.\n")
    (tmp_path / "bad.md").write_bytes(b"\x00\x01\x02binary\xff")
    result = run("check", "bad.md", "good.md")
    assert result.exit_code == 2
    assert "bad.md" in result.stderr and "Traceback" not in result.output + result.stderr
    assert "good.md:1:8: warning mine.Very" in result.stdout


def test_undecodable_file_is_skipped(project, tmp_path, run):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 very good\n".encode("latin-1"))
    result = run("check", "latin.txt")
    assert result.exit_code == 2
    assert "latin.txt" in result.stderr


def test_missing_path_is_exit_2(project, run):
    result = run("check", "nope.md")
    assert result.exit_code == 2
    assert "nope.md" in result.stderr


def test_no_paths_is_a_usage_error(project, run):
    assert run("check").exit_code == 2


def test_unknown_format_is_a_usage_error(project, write, run):
    write("a.md", "hot\n")
    assert run("check", "--format", "yaml", "a.md").exit_code == 2


def test_bad_rule_file_stops_with_path_line_and_exit_2(project, write, run):
    bad = project / "styles" / "mine" / "Bad.yml"
    bad.write_text("extends: existence\nmessage: x\ntokens: ['(']\n", encoding="utf-8")
    write("a.md", "hot\n")
    result = run("check", "a.md")
    assert result.exit_code == 2
    assert f"{bad}:3: bad regular expression" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_config_is_exit_2_naming_file_and_line(project, write, run):
    (project / "copylint.toml").write_text('packs = ["styles/mine"]\nfail_on = "loud"\n')
    write("a.md", "hot\n")
    result = run("check", "a.md")
    assert result.exit_code == 2
    assert f"{project / 'copylint.toml'}:2:" in result.stderr


def test_config_flag_overrides_discovery(project, write, run, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text('packs = ["styles/mine"]\n[levels]\n"mine.Very" = "off"\n')
    write("a.md", "It was very hot.\n")
    assert run("check", "a.md").exit_code == 1
    assert run("--config", str(other), "check", "a.md").exit_code == 0


def test_rules_lists_every_rule(project, run):
    result = run("rules")
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines() if line.startswith("mine.")]
    assert [(cols[0], cols[1], cols[2]) for cols in lines] == [
        ("mine.Really", "existence", "suggestion"),
        ("mine.Very", "existence", "warning"),
    ]


def test_explain_shows_description_link_and_examples(project, run):
    result = run("explain", "mine.Very")
    assert result.exit_code == 0
    assert "Cut the intensifier." in result.output
    assert "https://example.org/very" in result.output
    assert "It was very hot." in result.output and "It was hot." in result.output
    missing = run("explain", "mine.Vry")
    assert missing.exit_code == 2
    assert "mine.Very" in missing.stderr  # the hint


def test_init_writes_a_config_that_loads(tmp_path, run):
    result = run("init")
    assert result.exit_code == 0
    assert (tmp_path / "copylint.toml").is_file()
    assert run("init").exit_code == 2  # refuses to overwrite
    assert run("rules").exit_code == 0  # the starter config is valid


def test_docs_written_and_checked(project, run, tmp_path):
    out = tmp_path / "rd"
    assert run("docs", str(out)).exit_code == 0
    page = (out / "mine.Very.md").read_text()
    assert page.startswith("# mine.Very\n") and "It was very hot." in page
    assert run("docs", "--check", str(out)).exit_code == 0
    (out / "mine.Very.md").write_text("stale\n")
    assert run("docs", "--check", str(out)).exit_code == 1


def test_builtin_rule_docs_are_up_to_date():
    """docs/rules is generated from the rule files; regenerate with `copylint docs`."""
    from copylint.docs import expected_docs
    from copylint.rules.loader import builtin_packs_dir, load_packs

    names = sorted(p.name for p in builtin_packs_dir().iterdir() if p.is_dir())
    wanted = expected_docs(load_packs(names))
    folder = ROOT / "docs" / "rules"
    stale = [
        n
        for n, text in wanted.items()
        if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text
    ]
    extra = [p.name for p in folder.glob("*.md") if p.name not in wanted]
    assert not stale and not extra, f"stale rule docs: {stale + extra}; run `copylint docs`"


def test_python_m_copylint_in_a_subprocess(project, write):
    write("a.md", "It was very hot.\n")
    proc = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "a.md"],
        cwd=project,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "a.md:1:8: warning mine.Very" in proc.stdout
    assert proc.stderr == ""


def test_parallel_check_gives_the_same_report(project, write, run, tmp_path):
    for i in range(40):
        write(f"many/s{i:02d}.md", f"Story {i} was very long.\n\nIt was really very hot.\n")
    (tmp_path / "many" / "zz.md").write_bytes(b"\x00binary")
    one = run("check", "-j", "1", "--format", "json", "many")
    two = run("check", "-j", "2", "--format", "json", "many")
    three = run("check", "-j", "3", "--format", "json", "many")
    assert one.exit_code == two.exit_code == three.exit_code == 2  # the binary file was skipped
    assert one.stdout == two.stdout == three.stdout
    data = json.loads(two.stdout)
    assert data["summary"]["files"] == 40
    assert len([f for f in data["findings"] if f["rule"] == "mine.Very"]) == 80
    assert [s["path"] for s in data["summary"]["skipped"]] == ["many/zz.md"]
    assert run("check", "-j", "0", "many").exit_code == 2


def test_parallel_work_is_handed_out_in_pieces_that_shrink_to_one_file():
    from copylint.engine import CHUNK_MAX, _chunks

    items = [(f"d{i}.md", i) for i in range(300)]
    pieces = _chunks(items, 2)  # type: ignore[arg-type]
    assert [it for piece in pieces for it in piece] == items  # each once, in order
    sizes = [len(p) for p in pieces]
    assert sizes[0] == CHUNK_MAX and max(sizes) == CHUNK_MAX
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-4:] == [1, 1, 1, 1]  # the workers finish within a file of each other
    assert [len(p) for p in _chunks(items[:3], 2)] == [1, 1, 1]  # type: ignore[arg-type]
    assert _chunks([], 2) == []


def test_vocab_add_makes_the_word_pass(tmp_path, write, run):
    write("a.txt", "The mayor met Zorbalu and said the plan was hspital.\n")
    assert run("check", "a.txt").exit_code == 1
    result = run("vocab", "add", "hspital")
    assert result.exit_code == 0
    assert (tmp_path / "vocab" / "accept.txt").read_text().splitlines()[-1] == "hspital"
    assert (tmp_path / "copylint.toml").is_file()  # started, since there was none
    assert run("check", "a.txt").exit_code == 0
    again = run("vocab", "add", "hspital")
    assert "already there" in again.output
    assert (tmp_path / "vocab" / "accept.txt").read_text().count("hspital") == 1


def test_vocab_add_uses_the_configured_file(project, run):
    (project / "words.txt").write_text("Wexcombe\n", encoding="utf-8")
    (project / "copylint.toml").write_text(
        'packs = ["styles/mine"]\n[vocab]\naccept = ["words.txt"]\n', encoding="utf-8"
    )
    assert run("vocab", "add", "Oyelaran").exit_code == 0
    assert (project / "words.txt").read_text().splitlines() == ["Wexcombe", "Oyelaran"]


def test_force_exclude_applies_config_excludes_to_named_files(project, write, run):
    (project / "copylint.toml").write_text(
        'packs = ["styles/mine"]\nexclude = ["archive/**"]\n', encoding="utf-8"
    )
    write("archive/old.md", "It was very hot.\n")
    write("news/new.md", "It was very hot.\n")
    named = run("check", "--format", "json", "archive/old.md", "news/new.md")
    assert {f["path"] for f in json.loads(named.stdout)["findings"]} == {
        "archive/old.md",
        "news/new.md",
    }
    forced = run("check", "--force-exclude", "--format", "json", "archive/old.md", "news/new.md")
    assert {f["path"] for f in json.loads(forced.stdout)["findings"]} == {"news/new.md"}
    assert json.loads(forced.stdout)["summary"]["files"] == 1


def test_a_folder_without_drafts_gets_a_note(project, write, run, tmp_path):
    write("build/.gitignore", "*\n")
    write("build/out.md", "It was very hot.\n")
    result = run("check", "build")
    assert result.exit_code == 0
    assert "0 files checked" in result.stdout
    assert "no drafts found in build" in result.stderr
    write("news/a.md", "It was hot.\n")
    assert "no drafts found" not in run("check", "news").stderr


def test_main_pauses_the_collector_for_start_up_only(tmp_path, monkeypatch):
    """main() pauses the cyclic collector while modules, rules and word lists load,
    freezes what it loaded, and leaves the collector on as it found it."""
    import gc

    from copylint import cli as cli_module
    from copylint import cli_core

    draft = tmp_path / "a.md"
    draft.write_text("The council met on Tuesday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    seen = []
    real_collect = cli_core.resume_gc

    def spy() -> None:
        seen.append(gc.isenabled())  # still paused when checking is about to start
        real_collect()

    monkeypatch.setattr(cli_core, "resume_gc", spy)
    assert gc.isenabled()
    assert cli_module.main(["check", str(draft)]) == 0
    assert seen and seen[0] is False
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.unfreeze()


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_stdin_filename_that_is_not_utf8_is_reported_escaped(project, fmt):
    """``--stdin-filename`` with a byte that is not UTF-8 (Python keeps it as a lone
    surrogate) is reported as ``\\xNN``, as a file's own name is: written to a report
    file, the surrogate failed with a UnicodeEncodeError traceback."""
    r = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "-f", fmt, "--stdin-filename", "piped\udcff.md"]
        + ["-o", "report.out", "-"],
        cwd=project,
        env=subprocess_env(),
        input=b"So very hot.\n",
        capture_output=True,
    )
    err = r.stderr.decode()
    assert "Traceback" not in err, err
    assert r.returncode == 1, err
    report = (project / "report.out").read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(report)["findings"][0]["path"] == "piped\\xff.md"
    else:
        assert "piped\\xff.md:1:4: warning mine.Very" in report


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
@pytest.mark.parametrize("target", ["loop.md", "nowhere.md"])
def test_a_named_link_that_leads_nowhere_says_so(project, run, target):
    """A link to itself or to nothing was 'not a file or folder (a device or socket)'."""
    (project / "loop.md").symlink_to(target)
    r = run("check", "loop.md")
    assert r.exit_code == 2
    reason = "Too many levels of symbolic links" if target == "loop.md" else "No such file"
    assert r.stderr.startswith(f"copylint: error: loop.md: cannot follow the link: {reason}")
    assert "device" not in r.stderr
