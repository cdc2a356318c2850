"""The house families of issue 15 on sentences written for copylint (tests/data).

``house_families.yml`` was written before the rules, ``house_families_holdout.yml``
after them without tuning; ``house_families_gaps.yml`` before the second round of
changes and ``house_families_unseen.yml`` after it (three of its misses were added to
the rules after its held-out figure was taken).
``benchmarks/house_families.py --data FILE`` prints the rates.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity

DATA = Path(__file__).parent / "data"
SETS = (
    "house_families.yml",
    "house_families_holdout.yml",
    "house_families_gaps.yml",
    "house_families_unseen.yml",
)
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


@pytest.mark.parametrize(
    ("name", "least", "each"),
    [(SETS[0], 0.95, 0.75), (SETS[1], 0.9, 0.75), (SETS[2], 0.9, 0.6), (SETS[3], 0.85, 0.4)],
)
def test_most_bad_sentences_are_caught_in_every_family(name, least, each):
    """``each``: the share caught in every family (the gaps and unseen sets have small
    families with deliberate hard cases; the unseen set was tuned to only for three
    misses)."""
    total = caught = 0
    for fam_name, fam in families(name).items():
        bad = fam.get("bad") or []
        hits = sum(bool(flagged(s)) for s in bad)
        assert hits >= each * len(bad), f"{fam_name}: {hits}/{len(bad)}"
        total, caught = total + len(bad), caught + hits
    assert caught >= least * total, f"{caught}/{total}"


def test_quoted_speech_is_left_to_the_speaker():
    quoted = [s for name in SETS for s in families(name)["quoted"]["good"]]
    assert len(quoted) >= 16
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


def test_quote_punctuation_default_follows_the_dialect():
    """British and Australian copy default to the logical placement, US and Canadian
    copy to the US one; an option set in the config wins over the dialect."""
    outside, inside = 'He called it "bold".\n', 'He called it "bold."\n'

    def rules(text, **settings):
        linter = Linter(Config(min_level=Severity.SUGGESTION, **settings))
        return {f.rule for f in linter.check_text(text, "a.txt")[1]}

    for dialect in ("en-GB", "en-AU"):
        assert "house.QuotePunctuationOutside" in rules(inside, dialect=dialect)
        assert not rules(outside, dialect=dialect)
    for dialect in ("en-US", "en-CA"):
        assert "house.QuotePunctuationInside" in rules(outside, dialect=dialect)
        assert not rules(inside, dialect=dialect)
    us = {"quote_punctuation": "us"}
    assert "house.QuotePunctuationInside" in rules(outside, dialect="en-GB", options=us)
    assert not rules(inside, dialect="en-GB", options=us)


def test_a_valid_dialect_option_switches_the_rule_on(run, write):
    write("style/ours/pack.yml", "options: {x: a}\ndialect_options: {en-GB: {x: b}}\n")
    write("style/ours/Other.yml", "extends: existence\nmessage: no\nwhen: {x: b}\ntokens: [yyy]\n")
    write("copylint.toml", 'packs = ["style/ours"]\n')
    write("a.txt", "It is yyy.\n")
    assert run("check", "a.txt").exit_code == 0
    r = run("check", "--dialect", "en-GB", "a.txt")
    assert r.exit_code == 1 and "ours.Other" in r.output


def test_quote_punctuation_follows_an_override_dialect_unless_the_config_sets_it(run, write):
    write("us/a.txt", 'He called it "bold".\n')
    write("uk/a.txt", 'He called it "bold".\n')
    override = '[[overrides]]\nfiles = ["uk/**"]\ndialect = "en-GB"\n'
    write("copylint.toml", override)
    r = run("check", "--format", "json", ".")
    found = {(f["path"].split("/")[1], f["rule"]) for f in json.loads(r.output)["findings"]}
    assert found == {("us", "house.QuotePunctuationInside")}
    write("copylint.toml", '[options]\nquote_punctuation = "us"\n' + override)
    r = run("check", "--format", "json", ".")
    found = {(f["path"].split("/")[1], f["rule"]) for f in json.loads(r.output)["findings"]}
    assert found == {("us", "house.QuotePunctuationInside"), ("uk", "house.QuotePunctuationInside")}


@pytest.mark.parametrize(
    ("pack_yml", "error"),
    [
        ("options: {x: 1}\ndialect_options: {en-XX: {x: 2}}\n", "unknown dialect 'en-XX'"),
        ("options: {x: 1}\ndialect_options: {en-GB: {y: 2}}\n", "'y' has no default"),
        ("options: {x: 1}\ndialect_options: [en-GB]\n", "must be a mapping"),
        # a value no rule's `when` expects would switch the rule off in that dialect
        ("options: {x: a}\ndialect_options: {en-GB: {x: c}}\n", "x 'c' is not a choice"),
        ("options: {x: a}\ndialect_options: {en-GB: {x: true}}\n", "x True is not a choice"),
    ],
)
def test_dialect_options_of_a_pack_are_checked(run, write, pack_yml, error):
    write("style/ours/pack.yml", pack_yml)
    write("style/ours/Rule.yml", "extends: existence\nmessage: no\ntokens: [zzz]\n")
    write("style/ours/Other.yml", "extends: existence\nmessage: no\nwhen: {x: b}\ntokens: [yyy]\n")
    write("copylint.toml", 'packs = ["style/ours"]\n')
    write("a.txt", "Fine.\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2 and error in r.output


def test_explain_and_docs_cover_the_pack_that_is_off(run, tmp_path):
    r = run("explain", "plain.Suddenly")
    assert r.exit_code == 0 and "all of a sudden" in r.output
    assert "The plain pack is off here" in r.output
    r = run("explain", "house.Seasons")
    assert r.exit_code == 0 and "pack is off" not in r.output
    assert run("docs", "out").exit_code == 0
    assert "Elmore Leonard" in (tmp_path / "out" / "plain.Suddenly.md").read_text(encoding="utf-8")
    assert run("docs", "--check", "out").exit_code == 0


#: news copy that reads like a slip of Grammar, SubjectPronouns, Absolutes, Cliches or
#: InclusiveTerms to a pattern, and is not one
NOT_SLIPS = [
    "It came down to a choice between the two and I went with the cheaper one.",
    "The race was a contest between Smith and I thought Jones would win.",
    "The book covers the feud between the Allies and I.G. Farben's backers.",
    "She spoke to the press and I in turn spoke to the lawyers.",
    "I wrote to the mayor and I, too, got no reply.",
    "I spent a week with the band and I all but gave up sleep.",
    "Me and My Shadow opened on Broadway in the spring.",
    "Them and Us opened at a small club last week.",
    "Most fatal crashes happen at night, the report said.",
    "The court issued more unanimous decisions this term than in any year since 1940.",
    "He needs one more perfect game to tie the record.",
    "She earned two more perfect 10s on the beam.",
    "The church's white elephant sale raised money for the roof.",
    "Kevin Spacey, the star of House of Cards, was at the hearing.",
    "Quantum Leap returns to the network this fall.",
    "Bill Ayers was a leader of the Weathermen.",
    "The award went to Karl Mailman, and Mailman said he was honored.",
    "Militants recruited teenagers to commit suicide attacks.",
    "The group committed suicide bombings in three cities.",
]

#: the same families where the slip is there: still flagged
SLIPS = [
    ("The prize was split between my brother and I.", "house.Grammar"),
    ("She sent the tickets to Sarah and I on Monday.", "house.Grammar"),
    ("I wrote to the mayor and I, and he wrote back.", "house.Grammar"),
    ("Her and Taylor played a duet at the gala.", "house.SubjectPronouns"),
    ("It was the most perfect evening of the year.", "house.Absolutes"),
    ("The vote was more unanimous than expected.", "house.Absolutes"),
    ("It is among the most fatal cancers.", "house.Absolutes"),
    ("The stadium became a white elephant after the games.", "house.Cliches"),
    ("Building on sand, the plan was a house of cards.", "house.Cliches"),
    ("The old mailman retired after forty years.", "house.InclusiveTerms"),
    ("The singer committed suicide in 1994.", "house.InclusiveTerms"),
]


@pytest.mark.parametrize("sentence", NOT_SLIPS)
def test_news_copy_that_only_looks_like_a_slip_passes(sentence):
    assert [(f.rule, f.match) for f in flagged(sentence)] == []


@pytest.mark.parametrize(("sentence", "rule"), SLIPS)
def test_the_slips_beside_them_are_still_flagged(sentence, rule):
    assert rule in {f.rule for f in flagged(sentence)}


def test_british_copy_keeps_full_stops_and_commas_of_quoted_sentences_inside():
    """en-GB copy defaults to the logical placement: a short quotation inside a
    sentence is flagged, but a quoted sentence of its own (opening the sentence, after
    a colon or after "said,") keeps its comma or full stop inside, as in British
    practice."""
    linter = Linter(Config(min_level=Severity.SUGGESTION, dialect="en-GB"))

    def outside(text):
        found = linter.check_text(text + "\n", "a.txt")[1]
        return [f.match for f in found if f.rule == "house.QuotePunctuationOutside"]

    for speech in (
        '"Not yet," the mayor said after the vote.',
        "“Too late,” said the coach.",
        'Asked if she would stand again, she said: "Never."',
        'He shrugged. "Maybe." Then he left the room.',
        'She said, "We will see."',
    ):
        assert outside(speech) == [], speech
    assert outside('Critics called the budget "timid."') == ['."']
    assert outside("The minister called the plan “a mess,” and sat down.") == [",”"]
