"""Dialects (spelling.Dialect), real words from wordfreq, and first names that open a
sentence: issue 11."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copylint import Config, check_text
from copylint.spelling.dictionary import (
    ARCHAIC_GB,
    CURRENT_WORDS,
    DATA,
    DIALECTS,
    US_HOUSE,
    Lexicon,
    _read_variants,
    _variants,
    lexicon,
)

WORDS = Path(__file__).parent / "data" / "dialect_words"


def findings(text: str, **cfg):
    config = Config(packs=("spelling",), **cfg)
    return [f for f in check_text(text, path="draft.txt", config=config)]


def by_rule(text: str, rule: str, **cfg) -> dict[str, tuple[str, ...]]:
    return {f.match: f.suggestions for f in findings(text, **cfg) if f.rule == rule}


def word_list(name: str) -> list[str]:
    text = (WORDS / name).read_text(encoding="utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


# --------------------------------------------------------------------------- the lists
@pytest.mark.parametrize("dialect", DIALECTS)
def test_each_dialect_accepts_its_list_of_common_words(dialect):
    words = word_list("common.txt") + word_list(f"{dialect}.txt")
    assert len(set(words)) >= 300
    # one sentence per ten words, each word inside a sentence and in lower case
    text = "\n\n".join(
        "We wrote " + ", ".join(words[i : i + 10]) + " again." for i in range(0, len(words), 10)
    )
    text += "\n\nWe wrote this one wrong: recieved."  # the words really were checked
    flagged = [(f.rule, f.match, f.suggestions[:1]) for f in findings(text, dialect=dialect)]
    assert flagged == [("spelling.Typos", "recieved", ("received",))]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_no_archaic_form_is_accepted_as_a_dialect_form_or_suggested(dialect):
    lex = lexicon(dialect)
    assert not ARCHAIC_GB & set(lex.foreign.values())  # never the preferred form
    text = "The connexion failed. A conection failed. The kilogramme weighed a kilogam."
    suggested = {s for f in findings(text, dialect=dialect) for s in f.suggestions}
    assert not suggested & {"connexion", "kilogramme", "gaol"}, suggested


@pytest.mark.parametrize("dialect", ["en-GB", "en-AU"])
def test_connection_and_kilogram_are_british_and_australian_too(dialect):
    text = "The connection to the scales broke at one kilogram."
    assert findings(text, dialect=dialect) == []


# --------------------------------------------------------------------------- one rule
@pytest.mark.parametrize(
    "dialect, text, word, preferred",
    [
        ("en-US", "The sky turned a pale colour.", "colour", "color"),
        ("en-US", "The sky turned grey by noon.", "grey", "gray"),
        ("en-US", "She ran four kilometres home.", "kilometres", "kilometers"),
        ("en-GB", "The sky turned a pale color.", "color", "colour"),
        ("en-AU", "She ran four kilometers home.", "kilometers", "kilometres"),
        ("en-AU", "The labor market tightened.", "labor", "labour"),
    ],
)
def test_another_dialects_word_is_one_dialect_finding_never_a_typo(dialect, text, word, preferred):
    found = findings(text, dialect=dialect)
    assert [(f.rule, f.match) for f in found] == [("spelling.Dialect", word)]
    (f,) = found
    assert f.message == f"{dialect} spelling: '{preferred}'."
    assert f.fix is not None and f.fix.safe and f.fix.text == preferred


def test_no_house_rule_reports_dialect_spelling_any_more(run, write):
    write("story.md", "The colour of the harbour changed. The theatre was grey.\n")
    result = run("check", "--format", "json", "story.md")
    rules = {f["rule"] for f in json.loads(result.output)["findings"]}
    assert rules == {"spelling.Dialect"}


def test_one_rule_off_accepts_mixed_dialect_copy(run, write, tmp_path):
    (tmp_path / "copylint.toml").write_text(
        '[levels]\n"spelling.Dialect" = "off"\n', encoding="utf-8"
    )
    write("wire.txt", "The colour of the centre, said the mayor, is gray and the color red.\n")
    result = run("check", "--format", "json", "wire.txt")
    assert json.loads(result.output)["findings"] == [], result.output
    assert result.exit_code == 0


def test_a_level_for_the_old_house_rules_names_the_new_one(run, write, tmp_path):
    (tmp_path / "copylint.toml").write_text(
        '[levels]\n"house.AmericanSpelling" = "off"\n', encoding="utf-8"
    )
    write("story.txt", "The colour faded.\n")
    result = run("check", "story.txt")
    assert "'house.AmericanSpelling' is now 'spelling.Dialect'" in result.output


def test_fix_converts_a_piece_to_the_house_dialect(run, write, tmp_path):
    write("wire.txt", "The colour of the centre is grey, the organiser said.\n")
    run("fix", "wire.txt")
    assert (tmp_path / "wire.txt").read_text() == (
        "The color of the center is gray, the organizer said.\n"
    )


def test_consistent_dialect_option_accepts_a_piece_written_in_another_dialect(run, write, tmp_path):
    (tmp_path / "copylint.toml").write_text(
        "[options]\naccept_consistent_dialect = true\n", encoding="utf-8"
    )
    write("wire.txt", "The colour of the centre is grey, the organiser said.\n")
    write("mixed.txt", "The colour of the center is gray, the organizer said.\n")
    result = run("check", "--format", "json", "wire.txt", "mixed.txt")
    found = [(Path(f["path"]).name, f["match"]) for f in json.loads(result.output)["findings"]]
    assert found == [("mixed.txt", "colour")], result.output


def test_consistent_dialect_option_must_be_true_or_false(run, write, tmp_path):
    (tmp_path / "copylint.toml").write_text(
        '[options]\naccept_consistent_dialect = "yes"\n', encoding="utf-8"
    )
    write("wire.txt", "The colour faded.\n")
    result = run("check", "wire.txt")
    assert result.exit_code == 2
    assert "accept_consistent_dialect" in result.output


def test_australian_words_are_accepted_in_australian_copy_only():
    text = "The tradie called the rort out, and the bogan left his esky by the doona."
    assert findings(text, dialect="en-AU") == []
    assert set(by_rule(text, "spelling.Typos", dialect="en-GB")) >= {"tradie", "rort"}


def test_possessives_of_another_dialects_words_are_dialect_findings():
    assert by_rule("The colour's depth faded.", "spelling.Dialect") == {"colour's": ("color's",)}
    found = by_rule("The color's depth faded.", "spelling.Dialect", dialect="en-AU")
    assert found == {"color's": ("colour's",)}
    assert findings("The colour's depth faded.", dialect="en-GB") == []


def test_a_sentence_opening_dialect_word_the_piece_uses_as_a_name_is_a_name():
    text = "Labour's plan failed. Voters left the Labour Party. Colour matters."
    assert by_rule(text, "spelling.Dialect") == {"Colour": ("Color",)}


def test_labor_is_a_name_in_australian_copy():
    text = "Labor won the seat. The Labor Party's leader said labour costs rose."
    assert findings(text, dialect="en-AU") == []


def test_a_capitalised_dialect_word_inside_a_sentence_is_a_name():
    assert findings("They met at the Lincoln Centre near Pearl Harbour.") == []
    assert findings("They met at the Lincoln Center.", dialect="en-GB") == []


def test_oxford_ize_is_british_and_australian_but_yse_is_not():
    for dialect in ("en-GB", "en-AU"):
        assert findings("They organize and recognize it.", dialect=dialect) == []
        assert by_rule("They analyze it.", "spelling.Dialect", dialect=dialect) == {
            "analyze": ("analyse",)
        }


# --------------------------------------------------------------------------- real words
@pytest.mark.parametrize(
    "word", ["anonymized", "pulmonologist", "wheatbelt", "paceman", "rewilding"]
)
def test_real_words_with_frequency_in_edited_text_are_accepted(word):
    assert findings(f"The report named the {word} once.") == []


def test_compounds_of_common_words_are_accepted_but_a_run_together_top_word_is_not():
    assert findings("We upsample the audio, and the new eartips fit well.") == []
    found = by_rule("We heard thenews late.", "spelling.Typos")
    assert found["thenews"][0] == "the news"


def test_a_rare_word_one_slip_from_a_common_one_needs_the_documents_backing():
    # "funders" is one letter from "founders": alone it is flagged ...
    assert "funders" in by_rule("The funders met on Monday.", "spelling.Typos")
    # ... but a second use, or a word of the same stem, makes it meant
    assert findings("The funders met on Monday. Two funders left early.") == []
    assert findings("The funders met on Monday to discuss funding.") == []


@pytest.mark.parametrize(
    "typo, right",
    [("neccesary", "necessary"), ("dissapear", "disappear"), ("occurance", "occurrence")],
)
def test_misspellings_that_wordfreq_lists_are_still_flagged(typo, right):
    # wordfreq counts them (web text is not edited), but they are two slips from a
    # much more common word
    assert by_rule(f"It was {typo} to wait.", "spelling.Typos")[typo][0] == right


def test_a_common_misspelling_is_still_flagged_even_twice():
    found = by_rule("We recieved the letter. They recieved it too.", "spelling.Typos")
    assert found["recieved"][0] == "received"


# --------------------------------------------------------------------------- first names
@pytest.mark.parametrize(
    "text",
    [
        "Elka Graham won the 200 metres.",
        "Hetty Johnston, from the group, said the plan had failed.",
        "Orla Vandersteen opened the show.",
        "Hetty, a teacher from the town, said the plan had failed.",
    ],
)
def test_a_capitalised_word_opening_a_sentence_before_a_surname_is_a_name(text):
    assert by_rule(text, "spelling.Typos", dialect="en-AU") == {}


def test_a_slip_of_a_top_word_before_a_capitalised_word_is_still_found():
    assert by_rule("Thhe Senate voted late.", "spelling.Typos")["Thhe"][0] == "The"
    assert by_rule("Teh White House said no.", "spelling.Typos")["Teh"][0] == "The"


def _variants_line_by_line(text: str) -> dict[str, str]:
    """``variants.tsv`` read as before its lines were split at C speed (the reference)."""
    out = {}
    for line in text.splitlines():
        g, _, u = line.partition("\t")
        if g and u and g not in ARCHAIC_GB:
            out[g] = u
    return out


@pytest.mark.parametrize(
    "text",
    [
        (DATA / "variants.tsv").read_text(encoding="utf-8"),
        "colour\tcolor\ngaol\tjail\nmould\tmold\ncolour\tcolour2\n",
        "colour\tcolor\n\nmould\tmold\n",  # a blank line
        "colour\tcolor\nmould\n\tx\nfibre\tfiber\n",  # one field, no British form
        "colour\tcolor\ncolour\t\nmould\tmold",  # no American form; no last newline
        "a\tb\tc\ncolour\tcolor\r\nmould\tmold\n",  # three fields, a CR LF
    ],
)
def test_variants_are_read_as_line_by_line_in_the_same_order(text):
    got = _read_variants(text)
    assert list(got.items()) == list(_variants_line_by_line(text).items())


def test_en_us_foreign_table_is_the_variants_less_the_listed_forms_in_order():
    gb_us = _variants()
    listed = frozenset((DATA / "variants-listed.txt").read_text(encoding="utf-8").split())
    want = {g: u for g, u in gb_us.items() if g not in listed and g not in CURRENT_WORDS}
    want.update(US_HOUSE)
    foreign = Lexicon("en-US").foreign
    assert list(foreign.items()) == list(want.items())
    assert any(g in listed for g in gb_us) and "colour" in foreign  # both sides tested
