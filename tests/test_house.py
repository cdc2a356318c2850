"""The house pack: quoted speech, house options, dialects, fixes, levels and the benchmark."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from copylint import check_text
from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity
from copylint.rules.loader import load_packs

ROOT = Path(__file__).resolve().parent.parent
HOUSE = load_packs(("house",))  # loaded once; each check gets its own Linter and Config


def house(text: str, path: str = "draft.txt", **kw) -> list:
    return Linter(Config(packs=("house",), **kw), HOUSE).check_text(text, path)[1]


def rules(text: str, **kw) -> list[str]:
    return [f.rule for f in house(text, **kw)]


def fixed(text: str, rule: str, **kw) -> str:
    """Apply the safe fixes of one rule, from the end backwards."""
    edits = sorted(
        (f.fix for f in house(text, **kw) if f.rule == rule and f.fix and f.fix.safe),
        key=lambda e: e.start,
        reverse=True,
    )
    for e in edits:
        text = text[: e.start] + e.text + text[e.end :]
    return text


# -- the pack itself ------------------------------------------------------------


def test_pack_has_sixty_rules_with_descriptions_and_options():
    rs = HOUSE
    assert len(rs.rules) >= 60
    for rule in rs.rules:
        assert rule.meta.description, rule.meta.id
        assert len(rule.meta.examples.fail) >= 2, rule.meta.id
        assert len(rule.meta.examples.passing) >= 2, rule.meta.id
    opts = rs.packs["house"].options
    assert opts["oxford_comma"] is False
    assert opts["percent"] == "%"
    assert opts["em_dash"] == "spaced"
    assert opts["headline_case"] == "sentence"
    assert opts["courtesy_titles"] is False
    # every option a rule asks for has a default in pack.yml
    for rule in rs.rules:
        for key in rule.meta.when:
            assert key in opts, (rule.meta.id, key)


# -- quoted speech ----------------------------------------------------------------


def test_word_rules_do_not_fire_inside_quoted_speech():
    quoted = 'The coach said, "We could of won it at the end of the day."'
    plain = "The coach could of won it."
    assert "house.ConfusedWords" not in rules(quoted)
    assert "house.ConfusedWords" in rules(plain)
    curly = "“Mr. Okafor was kind,” she said."
    assert "house.CourtesyTitles" not in rules(curly)
    assert "house.CourtesyTitles" in rules("Mr. Okafor was kind, she said.")


def test_punctuation_rules_fire_inside_quoted_speech():
    found = rules('The coach said, "We won!!  It was close."')
    assert "house.RepeatedPunctuation" in found
    assert "house.DoubleSpaces" in found


def test_double_spaces_ignore_masked_links():
    text = "Write to desk@example.com or see https://example.com/news today."
    assert "house.DoubleSpaces" not in rules(text)
    assert "house.DoubleSpaces" in rules("Write to the desk  today.")


def test_blockquote_counts_as_quoted_speech_in_markdown():
    md = "The statement read:\n\n> We could of acted sooner.\n"
    assert "house.ConfusedWords" not in rules(md, path="draft.md")
    assert "house.ConfusedWords" in rules("We could of acted sooner.\n", path="draft.md")


# -- house options ----------------------------------------------------------------

SERIES_WITH = "The stall sells apples, pears, and plums."
SERIES_WITHOUT = "The stall sells apples, pears and plums."


def test_oxford_comma_default_false_flags_the_serial_comma():
    assert "house.OxfordComma" in rules(SERIES_WITH)
    assert "house.OxfordComma" not in rules(SERIES_WITHOUT)
    assert "house.OxfordCommaMissing" not in rules(SERIES_WITHOUT)


def test_oxford_comma_true_flags_the_missing_comma():
    opts = {"oxford_comma": True}
    assert "house.OxfordCommaMissing" in rules(SERIES_WITHOUT, options=opts)
    assert "house.OxfordCommaMissing" not in rules(SERIES_WITH, options=opts)
    assert "house.OxfordComma" not in rules(SERIES_WITH, options=opts)


def test_oxford_comma_removal_is_an_unsafe_fix():
    f = next(f for f in house(SERIES_WITH) if f.rule == "house.OxfordComma")
    assert f.fix is not None and not f.fix.safe
    assert SERIES_WITH[: f.fix.start] + SERIES_WITH[f.fix.end :] == SERIES_WITHOUT


def test_percent_sign_by_default():
    assert fixed("Turnout rose 7 percent.", "house.PercentSign") == "Turnout rose 7%."
    assert "house.PercentWord" not in rules("Turnout rose 7%.")


def test_percent_word_when_configured():
    opts = {"percent": "percent"}
    assert fixed("Turnout rose 7%.", "house.PercentWord", options=opts) == (
        "Turnout rose 7 percent."
    )
    assert "house.PercentSign" not in rules("Turnout rose 7 percent.", options=opts)


def test_em_dash_spacing_both_ways():
    closed, spaced = "The plan—if it passes—starts soon.", "The plan — if it passes — starts soon."
    assert fixed(closed, "house.DashSpaced") == spaced
    assert "house.DashSpaced" not in rules(spaced)
    assert fixed(spaced, "house.DashClosed", options={"em_dash": "closed"}) == closed
    assert "house.DashClosed" not in rules(closed, options={"em_dash": "closed"})


def test_courtesy_titles_option():
    text = "Mr Okafor declined to comment."
    assert "house.CourtesyTitles" in rules(text)
    on = {"courtesy_titles": True}
    assert "house.CourtesyTitles" not in rules(text, options=on)
    assert fixed(text, "house.CourtesyTitlesPeriod", options=on) == (
        "Mr. Okafor declined to comment."
    )


def test_headline_case_option_in_markdown():
    md = "# City Council Approves New Budget\n\nThe council met on Monday.\n"
    assert "house.HeadlineSentence" in rules(md, path="story.md")
    assert "house.HeadlineTitle" not in rules(md, path="story.md")
    assert "house.HeadlineSentence" not in rules(
        md, path="story.md", options={"headline_case": "title"}
    )


def test_options_from_a_config_file(tmp_path, run):
    (tmp_path / "copylint.toml").write_text(
        'packs = ["house"]\n\n[options]\noxford_comma = true\npercent = "percent"\n',
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text(
        "Turnout rose 7% among farmers, teachers and nurses.\n", encoding="utf-8"
    )
    result = run("check", "story.txt", "--format", "json")
    assert "house.PercentWord" in result.output
    assert "house.OxfordCommaMissing" in result.output
    assert "house.PercentSign" not in result.output


# -- dialects ---------------------------------------------------------------------


def test_money_abbreviations_are_american_style_only():
    assert "house.MoneyAbbreviations" in rules("The deal is worth $5m.")
    assert "house.MoneyAbbreviations" not in rules("The deal is worth £5m.", dialect="en-GB")


def test_dialect_abbreviations():
    assert fixed("The US economy grew.", "house.USPeriods") == "The U.S. economy grew."
    assert "house.USPeriods" not in rules("The US economy grew.", dialect="en-GB")
    assert fixed("The U.S. economy grew.", "house.USNoPeriods", dialect="en-GB") == (
        "The US economy grew."
    )


# -- fixes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule, before, after",
    [
        ("house.PreferredForms", "Send an e-mail to the desk.", "Send an email to the desk."),
        ("house.RepeatedWords", "The the council met.", "The council met."),
        (
            "house.DoubleSpaces",
            "The vote was close.  Then it ended.",
            "The vote was close. Then it ended.",
        ),
        ("house.AmPm", "Doors open at 7pm.", "Doors open at 7 p.m."),
        ("house.TwelveNoon", "Lunch is at 12 noon.", "Lunch is at noon."),
        ("house.DateOrdinals", "It opens Dec. 5th.", "It opens Dec. 5."),
        ("house.MonthAbbreviations", "It opens December 5.", "It opens Dec. 5."),
    ],
)
def test_safe_fixes(rule, before, after):
    assert fixed(before, rule) == after


def test_judgement_rules_only_suggest():
    for text, rule in [
        ("The council met in order to vote.", "house.Wordiness"),
        ("The council met 3 times.", "house.NumbersSpellOut"),
        ("Two firemen were hurt.", "house.InclusiveTerms"),
    ]:
        found = [f for f in house(text) if f.rule == rule]
        assert found, (rule, text)
        assert all(f.fix is None for f in found), rule
        assert all(f.suggestions for f in found if f.rule != "house.NumbersSpellOut")


# -- levels -----------------------------------------------------------------------


def test_levels_can_be_changed_and_rules_turned_off():
    text = "The council met in order to vote."
    default = [f for f in house(text) if f.rule == "house.Wordiness"]
    assert default and default[0].severity is Severity.SUGGESTION
    raised = house(text, levels={"house.Wordiness": Severity.ERROR})
    assert [f.severity for f in raised if f.rule == "house.Wordiness"] == [Severity.ERROR]
    assert "house.Wordiness" not in [
        f.rule for f in house(text, levels={"house.Wordiness": Severity.OFF})
    ]


def test_the_public_api_runs_the_house_pack():
    found = check_text("Send an e-mail.", path="a.txt", config=Config(packs=("house",)))
    assert [f.rule for f in found] == ["house.PreferredForms"]


def test_a_project_pack_adds_its_own_rule(tmp_path):
    pack = tmp_path / "ourstyle"
    pack.mkdir()
    (pack / "Newsroom.yml").write_text(
        textwrap.dedent(
            """\
            extends: substitution
            message: "Use '%s' instead of '%s'."
            description: Our name for the building.
            level: warning
            swap:
              city hall: City Hall
            examples:
              fail: ["They met at city hall."]
              pass: ["They met at City Hall."]
            """
        ),
        encoding="utf-8",
    )
    cfg = Config(packs=("house", str(pack)), root=tmp_path)
    found = [f.rule for f in check_text("They met at city hall.", path="a.txt", config=cfg)]
    assert "ourstyle.Newsroom" in found


# -- benchmark --------------------------------------------------------------------


def test_benchmark_runs_on_its_built_in_sample():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "house.py")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "per 1,000 words" in proc.stdout
    rate = float(proc.stdout.split(" = ")[1].split()[0])
    assert rate <= 2.0


def test_am_pm_style_is_american_only():
    from copylint import Config, check_text

    us = [f.match for f in check_text("We open at 9 AM daily.\n", path="a.txt")]
    assert any(m.strip() == "AM" for m in us)
    gb = check_text("We open at 10.30am daily.\n", path="a.txt", config=Config(dialect="en-GB"))
    assert [f.rule for f in gb if f.rule == "house.AmPm"] == []
