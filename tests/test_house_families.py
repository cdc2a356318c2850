"""The house families of issue 15 on sentences written for copylint (tests/data).

``house_families.yml`` was written before the rules, ``house_families_holdout.yml``
after them without tuning; ``benchmarks/house_families.py`` prints the rates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity

DATA = Path(__file__).parent / "data"
SETS = ("house_families.yml", "house_families_holdout.yml")
LINTER = Linter(Config(min_level=Severity.SUGGESTION))


def families(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def flagged(sentence: str) -> list:
    return LINTER.check_text(sentence, "sentence.txt")[1]


@pytest.mark.parametrize("name", SETS)
def test_good_sentences_are_not_flagged(name):
    flags = [
        (s, f.rule, f.match)
        for fam in families(name).values()
        for s in fam.get("good") or []
        for f in flagged(s)
    ]
    assert flags == []


@pytest.mark.parametrize(("name", "least"), [(SETS[0], 0.95), (SETS[1], 0.9)])
def test_most_bad_sentences_are_caught_in_every_family(name, least):
    total = caught = 0
    for fam_name, fam in families(name).items():
        bad = fam.get("bad") or []
        hits = sum(bool(flagged(s)) for s in bad)
        assert hits >= 0.75 * len(bad), f"{fam_name}: {hits}/{len(bad)}"
        total, caught = total + len(bad), caught + hits
    assert caught >= least * total, f"{caught}/{total}"


def test_quoted_speech_is_left_to_the_speaker():
    quoted = [s for name in SETS for s in families(name)["quoted"]["good"]]
    assert len(quoted) >= 8
    for s in quoted:
        assert flagged(s) == [], s
        # the same words outside quotation marks are flagged
        bare = s.split('"')[1]
        assert flagged(bare), bare


def test_plain_pack_is_off_by_default_and_on_when_named():
    text = "Suddenly, two men were arrested.\n"
    assert not any(f.rule.startswith("plain.") for f in flagged(text))
    plain = Linter(Config(packs=("house", "plain"), min_level=Severity.SUGGESTION))
    rules = {f.rule for f in plain.check_text(text, "a.txt")[1]}
    assert {"plain.Suddenly", "plain.PassiveVoice"} <= rules


def test_quote_punctuation_follows_the_house_option():
    us = Linter(Config(min_level=Severity.SUGGESTION))
    gb = Linter(Config(min_level=Severity.SUGGESTION, options={"quote_punctuation": "british"}))
    outside, inside = 'He called it "bold".\n', 'He called it "bold."\n'

    def rules(linter, text):
        return {f.rule for f in linter.check_text(text, "a.txt")[1]}

    assert "house.QuotePunctuationInside" in rules(us, outside)
    assert not rules(us, inside)
    assert "house.QuotePunctuationOutside" in rules(gb, inside)
    assert not rules(gb, outside)


def test_explain_and_docs_cover_the_pack_that_is_off(run, tmp_path):
    r = run("explain", "plain.Suddenly")
    assert r.exit_code == 0 and "all of a sudden" in r.output
    assert "The plain pack is off here" in r.output
    r = run("explain", "house.Seasons")
    assert r.exit_code == 0 and "pack is off" not in r.output
    assert run("docs", "out").exit_code == 0
    assert "Elmore Leonard" in (tmp_path / "out" / "plain.Suddenly.md").read_text(encoding="utf-8")
    assert run("docs", "--check", "out").exit_code == 0
