"""Vale compatibility: a Vale project runs unchanged (.vale.ini, its styles, its vocab).

``tests/vale_cases/<case>/`` are small Vale projects written for these tests, each
with ``expected.alerts``: the alerts Vale's documentation says it raises there, one
``file:line:column:Rule`` a line, as Vale's own test fixtures list them.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from copylint.config import load_config, resolve_config
from copylint.findings import Severity

CASES = ROOT / "tests" / "vale_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.alerts").is_file())


def alerts(stdout: str) -> list[str]:
    out = []
    for path, items in json.loads(stdout).items():
        path = path[2:] if path.startswith("./") else path
        out += [f"{path}:{a['Line']}:{a['Span'][0]}:{a['Check']}" for a in items]
    return out


def make(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


RULE = """\
extends: existence
message: "Cut '%s'."
level: warning
ignorecase: true
tokens: [utilize]
"""


# --------------------------------------------------------------------------- the cases


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_gives_the_alerts_vale_expects(case, run):
    result = run("check", "--format", "vale-json", ".", cwd=CASES / case)
    expected = (CASES / case / "expected.alerts").read_text(encoding="utf-8").split()
    assert alerts(result.stdout) == expected
    # Vale fails a run on errors only
    errors = '"Severity": "error"' in result.stdout
    assert result.exit_code == (1 if errors else 0), result.output


def test_every_case_covers_something():
    assert len(CASE_NAMES) >= 9
    keys = " ".join((CASES / c / ".vale.ini").read_text(encoding="utf-8") for c in CASE_NAMES)
    for key in (
        "StylesPath",
        "MinAlertLevel",
        "Vocab",
        "BasedOnStyles",
        "BlockIgnores",
        "TokenIgnores",
        "IgnoredScopes",
        "SkippedScopes",
        "IgnoredClasses",
        "[formats]",
        "[*.{txt,html}]",
        "= YES",
        "= NO",
        "= error",
        "= suggestion",
    ):
        assert key in keys, key


# --------------------------------------------------------------------------- discovery


def test_nearest_vale_ini_is_found_walking_up(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Wordy.yml": RULE,
            "deep/er/story.md": "We utilize it.\n",
        },
    )
    result = run("check", "--format", "vale-json", "story.md", cwd=tmp_path / "deep" / "er")
    assert alerts(result.stdout) == ["story.md:1:4:Desk.Wordy"]


def test_copylint_config_in_the_same_folder_wins(tmp_path):
    make(tmp_path, {".vale.ini": "MinAlertLevel = error\n", "copylint.toml": "dialect = 'en-GB'\n"})
    cfg = load_config(start=tmp_path)
    assert cfg.kind == "copylint" and cfg.dialect == "en-GB"


def test_a_nearer_vale_ini_wins_over_a_copylint_config_further_up(tmp_path):
    make(
        tmp_path,
        {"copylint.toml": "dialect = 'en-GB'\n", "docs/_vale.ini": "MinAlertLevel = error\n"},
    )
    cfg = resolve_config(tmp_path / "docs" / "page.md")
    assert cfg.kind == "vale" and cfg.min_level is Severity.ERROR
    assert cfg.path == str(tmp_path / "docs" / "_vale.ini")


def test_config_option_and_environment_variable(tmp_path, run, monkeypatch):
    make(
        tmp_path,
        {
            "ci/vale.ini": "StylesPath = ../styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Wordy.yml": RULE,
            ".vale.ini": "StylesPath = styles\n",
            "a.md": "We utilize it.\n",
        },
    )
    # the nearest .vale.ini names no style: nothing runs
    assert alerts(run("check", "--format", "vale-json", "a.md").stdout) == []
    result = run("check", "--config", "ci/vale.ini", "--format", "vale-json", "a.md")
    assert alerts(result.stdout) == ["a.md:1:4:Desk.Wordy"]
    monkeypatch.setenv("VALE_CONFIG_PATH", str(tmp_path / "ci" / "vale.ini"))
    assert alerts(run("check", "--format", "vale-json", "a.md").stdout) == ["a.md:1:4:Desk.Wordy"]


def test_styles_folder_is_not_checked_and_vale_copy_is_clean(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Wordy.yml": RULE,
            "styles/Desk/README.md": "Teams utilize this style.\n",
            "a.md": "Teams use it.\n",
        },
    )
    result = run("check", ".")
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.output


# --------------------------------------------------------------------------- warnings and errors


def test_what_copylint_cannot_honour_is_a_one_line_warning_naming_the_key(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": """\
                StylesPath = styles
                Packages = Microsoft, Google
                NLPEndpoint = http://localhost:8080
                [*]
                BasedOnStyles = Desk, Missing
                Transform = docbook.xsl
                Desk.Sequence = YES
                """,
            "styles/Desk/Wordy.yml": RULE + "swap_me: true\n",
            "styles/Desk/Sequence.yml": "extends: sequence\nmessage: x\ntokens: []\n",
            "a.md": "We utilize it.\n",
        },
    )
    result = run("check", "--format", "vale-json", "a.md")
    assert alerts(result.stdout) == ["a.md:1:4:Desk.Wordy"]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    text = "\n".join(warnings)
    assert "Packages" in text and "offline" in text
    assert "NLPEndpoint" in text and "Transform" in text
    assert "'Missing' not found" in text
    assert "'swap_me'" in text and "Wordy.yml" in text
    assert "unknown rule type 'sequence'" in text and "rule skipped" in text
    assert all(w.count("\n") == 0 for w in warnings)


@pytest.mark.parametrize(
    "ini, message",
    [
        ("MinAlertLevel = loud\n", "MinAlertLevel must be suggestion, warning or error"),
        ("StylesPath = nowhere\n", "StylesPath 'nowhere' is not a folder"),
        ("[*]\nDesk.Wordy = maybe\n", "expected YES, NO, suggestion, warning or error"),
        ("[*]\nTokenIgnores = (unclosed\n", "TokenIgnores: bad regex"),
        ("[*\n", "bad section header"),
    ],
)
def test_bad_vale_ini_is_a_clear_error(tmp_path, run, ini, message):
    make(tmp_path, {".vale.ini": ini, "a.md": "Fine.\n"})
    result = run("check", "a.md")
    assert result.exit_code == 2
    assert message in result.stderr and ".vale.ini:" in result.stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- our packs


def test_our_packs_run_only_when_the_vale_ini_names_them(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "[*]\nBasedOnStyles = Vale\n",
            "a.md": "The mayor will adress the the council on Tusday.\n",
        },
    )
    plain = alerts(run("check", "--format", "vale-json", "a.md").stdout)
    assert not [a for a in plain if ":spelling." in a or ":house." in a]
    assert "a.md:1:23:Vale.Repetition" in plain
    (tmp_path / ".vale.ini").write_text("[*]\nBasedOnStyles = spelling, house\n")
    ours = alerts(run("check", "--format", "vale-json", "a.md").stdout)
    assert "a.md:1:16:spelling.Typos" in ours
    assert "a.md:1:23:house.RepeatedWords" in ours
    assert not [a for a in ours if ":Vale." in a]


# --------------------------------------------------------------------------- outputs


def test_vale_json_shape(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = D\n",
            "s/D/Wordy.yml": "extends: substitution\nmessage: \"Use '%s', not '%s'.\"\n"
            "level: error\nlink: https://example.org/w\nswap:\n  utilize: use\n",
            "b.md": "Fine.\n",
            "a.md": "# Title\n\nWe utilize it.\n",
        },
    )
    result = run("check", "--format", "vale-json", ".")
    data = json.loads(result.stdout)
    assert list(data) == ["./a.md"]
    (alert,) = data["./a.md"]
    assert list(alert) == [
        "Action",
        "Span",
        "Check",
        "Description",
        "Link",
        "Message",
        "Severity",
        "Match",
        "Line",
    ]
    assert alert["Action"] == {"Name": "replace", "Params": ["use"]}
    assert alert["Span"] == [4, 10] and alert["Line"] == 3
    assert alert["Message"] == "Use 'use', not 'utilize'." and alert["Severity"] == "error"
    assert alert["Match"] == "utilize" and alert["Link"] == "https://example.org/w"
    assert result.exit_code == 1
    clean = run("check", "--format", "vale-json", "b.md")
    assert clean.stdout.strip() == "{}" and clean.exit_code == 0


# --------------------------------------------------------------------------- init --from-vale


@pytest.mark.parametrize("case", ["core", "sections", "vocab3", "ignores", "formats"])
def test_init_from_vale_writes_an_equivalent_copylint_toml(tmp_path, run, case):
    project = tmp_path / case
    shutil.copytree(CASES / case, project)
    before = run("check", "--format", "vale-json", ".", cwd=project).stdout
    result = run("init", "--from-vale", cwd=project)
    assert result.exit_code == 0, result.output
    assert (project / "copylint.toml").is_file()
    cfg = load_config(start=project)
    assert cfg.kind == "vale" and cfg.path == str(project / "copylint.toml")
    after = run("check", "--format", "vale-json", ".", cwd=project).stdout
    assert alerts(after) == alerts(before)
    again = run("init", "--from-vale", cwd=project)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_init_from_vale_without_a_vale_ini(tmp_path, run):
    result = run("init", "--from-vale")
    assert result.exit_code == 2 and "no .vale.ini found" in result.stderr


# --------------------------------------------------------------------------- rule types


def test_metric_formula_may_call_math_functions_only(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = D\n",
            "s/D/Bad.yml": "extends: metric\nmessage: x\nformula: os.system(1)\ncondition: '> 1'\n",
            "a.md": "Fine words here.\n",
        },
    )
    result = run("check", "a.md")
    assert "a formula may call only math.sqrt" in result.stderr and "Bad.yml:" in result.stderr


def test_vale_readability_formulas_agree_with_the_counts(tmp_path, run):
    # 3 sentences, 12 words, 13 syllables (were: 1, happy: 2): Flesch-Kincaid grade
    # 0.39 * 12 / 3 + 11.8 * 13 / 12 - 15.59 = -1.2467
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = D\n",
            "s/D/FK.yml": "extends: metric\nmessage: 'Grade %s.'\nformula: "
            "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59\n"
            "condition: '> -100'\n",
            "a.md": "The cat sat down. A dog ran to it. Both were happy.\n",
        },
    )
    result = run("check", "--format", "vale-json", "a.md")
    (alert,) = json.loads(result.stdout)["a.md"]
    assert alert["Message"] == "Grade -1.25." and alert["Line"] == 1 and alert["Span"] == [1, 1]


def test_vocab_add_in_a_vale_project(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = styles\nVocab = Desk\n[*]\nBasedOnStyles = Vale\n",
            "styles/config/vocabularies/Desk/accept.txt": "Okonkwo\n",
            "a.md": "Okonkwo met Adaeze.\n",
        },
    )
    assert alerts(run("check", "--format", "vale-json", "a.md").stdout) == [
        "a.md:1:13:Vale.Spelling"
    ]
    result = run("vocab", "add", "Adaeze")
    assert result.exit_code == 0
    accept = tmp_path / "styles" / "config" / "vocabularies" / "Desk" / "accept.txt"
    assert accept.read_text(encoding="utf-8").split() == ["Okonkwo", "Adaeze"]
    assert alerts(run("check", "--format", "vale-json", "a.md").stdout) == []
    # without a Vocab: Vale 3's layout is started, and the .vale.ini left as it is
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Vale\n")
    result = run("vocab", "add", "Nwachukwu")
    assert "Vocab = Base" in result.stderr
    base = tmp_path / "styles" / "config" / "vocabularies" / "Base" / "accept.txt"
    assert base.read_text(encoding="utf-8").split() == ["Nwachukwu"]
    assert (
        tmp_path / ".vale.ini"
    ).read_text() == "StylesPath = styles\n[*]\nBasedOnStyles = Vale\n"


def test_vale_defaults_min_alert_level_and_rule_level(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = D\n",
            "s/D/Plain.yml": "extends: existence\nmessage: \"Cut '%s'.\"\ntokens: [utilize]\n",
            "a.md": "We utilize it.\n",
        },
    )
    result = run("check", "--format", "vale-json", "a.md")
    (alert,) = json.loads(result.stdout)["a.md"]
    assert alert["Severity"] == "suggestion" and alert["Check"] == "D.Plain"
    assert result.exit_code == 0  # only errors fail a Vale run


def test_occurrence_min_with_none_is_reported_at_the_top_and_front_matter_is_skipped(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = s\n[*]\nBasedOnStyles = Vale, D\n",
            "s/D/Intro.yml": "extends: occurrence\nmessage: No summary line.\nlevel: warning\n"
            "scope: paragraph\nmin: 1\ntoken: '(?i)summary:'\n",
            "a.md": "---\ntitle: Teh title\n---\n\n# Heading\n\nA paragraph without it.\n",
        },
    )
    result = run("check", "--format", "vale-json", "a.md")
    assert alerts(result.stdout) == ["a.md:1:1:D.Intro"]


def test_a_style_spelling_rule_reads_its_ignore_file(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Spelling.yml": "extends: spelling\nmessage: \"Did you really mean '%s'?\"\n"
            "level: error\nignore: [words.txt]\n",
            "styles/config/ignore/words.txt": "quaylink\n",
            "a.md": "Quaylink riders met at the depott.\n",
        },
    )
    result = run("check", "--format", "vale-json", "a.md")
    (alert,) = json.loads(result.stdout)["a.md"]
    assert alert["Check"] == "Desk.Spelling" and alert["Match"] == "depott"
    assert alert["Message"] == "Did you really mean 'depott'?"


def test_styles_path_from_the_environment(tmp_path, run, monkeypatch):
    make(
        tmp_path,
        {
            "shared-styles/Desk/Wordy.yml": RULE,
            "proj/.vale.ini": "[*]\nBasedOnStyles = Desk\n",
            "proj/a.md": "We utilize it.\n",
        },
    )
    monkeypatch.setenv("VALE_STYLES_PATH", str(tmp_path / "shared-styles"))
    result = run("check", "--format", "vale-json", "a.md", cwd=tmp_path / "proj")
    assert alerts(result.stdout) == ["a.md:1:4:Desk.Wordy"]


def test_markup_leaves_no_blanks_for_vale_patterns_and_link_text_is_checked(tmp_path, run):
    # the "markup" case ignores links; without that, the link's words are prose,
    # but its brackets and destination still leave no blanks a pattern could see
    shutil.copytree(CASES / "markup", tmp_path / "p")
    ini = tmp_path / "p" / ".vale.ini"
    ini.write_text(ini.read_text().replace("code, link", "code"), encoding="utf-8")
    result = run("check", "--format", "vale-json", ".", cwd=tmp_path / "p")
    assert alerts(result.stdout) == [
        "page.md:3:56:Desk.Gaps",
        "page.md:5:11:Vale.Spelling",
        "page.md:7:76:Vale.Spelling",
    ]


def test_substitution_replacement_may_use_the_keys_groups(tmp_path, run):
    make(
        tmp_path,
        {
            ".vale.ini": "StylesPath = styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Rooms.yml": """\
                extends: substitution
                message: "Use '%s' instead of '%s'."
                level: warning
                ignorecase: true
                capitalize: true
                swap:
                  'go in(?: )?to room (\\w+)': go to room $1
                """,
            "memo.md": "Go into room B12 first, then go in to room C4.\n",
        },
    )
    result = run("check", "--format", "vale-json", ".", cwd=tmp_path)
    (items,) = json.loads(result.stdout).values()
    found = [(a["Span"][0], a["Message"]) for a in items]
    assert found == [
        (1, "Use 'Go to room B12' instead of 'Go into room B12'."),
        (30, "Use 'go to room C4' instead of 'go in to room C4'."),
    ]


def test_environment_variable_without_any_vale_ini_upwards(tmp_path, run, monkeypatch):
    # Vale reads VALE_CONFIG_PATH before it searches: no .vale.ini need be found
    make(
        tmp_path,
        {
            "ci/vale.ini": "StylesPath = ../styles\n[*]\nBasedOnStyles = Desk\n",
            "styles/Desk/Wordy.yml": RULE,
            "docs/a.md": "We utilize it.\n",
        },
    )
    monkeypatch.setenv("VALE_CONFIG_PATH", str(tmp_path / "ci" / "vale.ini"))
    result = run("check", "--format", "vale-json", "docs/a.md")
    assert alerts(result.stdout) == ["docs/a.md:1:4:Desk.Wordy"]
    # a copylint config still comes first
    (tmp_path / "copylint.toml").write_text("packs = ['house']\n", encoding="utf-8")
    result = run("check", "--format", "vale-json", "docs/a.md")
    assert alerts(result.stdout) == ["docs/a.md:1:4:house.PlainWords"]


def test_plain_check_does_not_import_the_vale_layer_or_pygls(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("Teh cat sat.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from copylint.cli import cli\n"
        "try:\n"
        "    cli(['check', 'a.md'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'copylint.vale' or m.startswith(('pygls', 'lsprotocol'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert "Teh" in out
    assert out.strip().splitlines()[-1] == "[]"
