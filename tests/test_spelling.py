"""The spelling pack: typos, suggestions, dialects, names, vocabulary, confusables."""

from __future__ import annotations

from collections import Counter

import pytest

from copylint import Config, check_text
from copylint.errors import RuleError
from copylint.rules.model import RuleMeta
from copylint.rules.types.spelling import SpellingRule
from copylint.spelling.vocab import add_to_accept_file


def hits(text: str, rule: str = "spelling.Typos", path: str = "draft.txt", **cfg):
    config = Config(packs=("spelling",), **cfg)
    return [f for f in check_text(text, path=path, config=config) if f.rule == rule]


def flagged(text: str, **cfg) -> dict[str, tuple[str, ...]]:
    return {f.match: f.suggestions for f in hits(text, **cfg)}


# --------------------------------------------------------------------------- typing slips
@pytest.mark.parametrize(
    "text, typo, right",
    [
        ("You can ead the statement on the website.", "ead", "read"),  # dropped first letter
        ("She was taken to hspital after the crash.", "hspital", "hospital"),  # deletion
        ("The prize was shared amogn the three winners.", "amogn", "among"),  # transposition
        ("We drove home late in the evenng after the match.", "evenng", "evening"),
        ("He walked in fron the station.", "fron", "from"),  # adjacent key
        ("The council approoved the plan.", "approoved", "approved"),  # doubled letter
        ("They will recieve the money next week.", "recieve", "receive"),  # misspelling
        ("Keep the two files seperate from now on.", "seperate", "separate"),
        ("It costs alot more than that.", "alot", "a lot"),  # run together
        ("We spoke aboutthe plan.", "aboutthe", "about the"),
    ],
)
def test_slips_are_found_with_the_right_first_suggestion(text, typo, right):
    found = flagged(text)
    assert typo in found, found
    assert found[typo][0] == right
    assert list(found) == [typo]  # nothing else in the sentence


def test_context_decides_between_candidates():
    # "ead" is one edit from read, head, lead, had ...: the words around choose
    assert flagged("You can ead the statement.")["ead"][0] == "read"
    assert flagged("The ead teacher retired.")["ead"][0] == "head"


def test_message_names_the_best_suggestion_and_keeps_case():
    f, g = hits("The vote was close.\n\nTeh plan failed. Teh vote was lost.")
    assert f.message == 'Did you mean "The"?'
    assert f.suggestions[0] == "The"
    assert [(f.line, f.column), (g.line, g.column)] == [(3, 1), (3, 18)]


def test_unknown_word_without_suggestion_has_its_own_message():
    (f,) = hits("The zxqvbnmk tool broke.")
    assert f.suggestions == ()
    assert "zxqvbnmk" in f.message and "dictionary" in f.message


def test_clean_copy_raises_nothing():
    text = (
        "The council met on Tuesday to debate the budget. Members argued that the "
        "library's roof needs fixing before winter, while others said the money "
        "would be better spent on longer opening hours. Ms. Okonkwo-Baptiste, who "
        "chairs the committee, didn't agree, and the vote was delayed until the 21st."
    )
    assert hits(text) == []


# --------------------------------------------------------------------------- dialects
def dialect(text: str, **cfg) -> dict[str, tuple[str, ...]]:
    return {f.match: f.suggestions for f in hits(text, rule="spelling.Dialect", **cfg)}


def test_each_dialect_accepts_its_own_spelling():
    text = "The walls were painted a pale colour in the theatre."
    assert dialect(text, dialect="en-US")["colour"] == ("color",)
    assert flagged(text, dialect="en-US") == {}  # another dialect's word is no typo
    for other in ("en-GB", "en-AU", "en-CA"):
        assert dialect(text, dialect=other) == {}
        assert flagged(text, dialect=other) == {}


def test_british_copy_flags_american_spelling_but_not_oxford_ize():
    assert dialect("The walls were a pale color.", dialect="en-GB")["color"] == ("colour",)
    assert dialect("They will organize a vote.", dialect="en-GB") == {}
    assert dialect("The walls were a pale color.", dialect="en-CA") == {}


def test_dialect_comes_from_the_config():
    assert dialect("Her favourite song.", dialect="en-US")["favourite"] == ("favorite",)
    assert dialect("Her favourite song.", dialect="en-GB") == {}


# --------------------------------------------------------------------------- names
def test_unknown_capitalised_word_inside_a_sentence_is_a_name():
    assert flagged("Yesterday the striker Zorbalu scored twice for Xandria.") == {}


def test_near_miss_of_a_name_used_more_often_is_flagged():
    text = (
        "Kardashian arrived first. Kardashian spoke briefly. Later Kardashian left, "
        "and Kardashian's sister met Kardashian's friends. Then Kardashain waved."
    )
    found = flagged(text)
    assert found == {"Kardashain": ("Kardashian",)}


def test_names_used_once_each_are_not_near_misses_of_each_other():
    assert flagged("Officials named Brannagh and Brannagan as the winners.") == {}


def test_sentence_initial_typo_of_a_common_word_is_flagged():
    found = flagged("The plan was agreed. Teh vote came later.")
    assert found["Teh"][0] == "The"


def test_sentence_initial_name_is_accepted():
    assert flagged("Okonjo said the vote was fair. The count took two days.") == {}


def test_names_in_headlines_are_accepted():
    text = "# Zorbalu Signs for Xandria United\n\nThe striker joined on Monday.\n"
    assert hits(text, path="story.md") == []


def test_possessives_contractions_and_compounds():
    text = (
        "Zorbalu's goal and the players' wages aren't news; they're going to the "
        "Nagorno-Karabakh talks after the cease-fire, a well-known re-election pledge."
    )
    assert flagged(text) == {}


def test_typo_inside_a_compound_or_contraction_is_found():
    found = flagged("It was a well-knwon fact that they'ver left.")
    assert "knwon" in found and found["knwon"][0] == "known"


def test_acronyms_ordinals_units_handles_hashtags_urls_and_emails_are_skipped():
    text = (
        "NATO and the WHO met on the 21st and 3rd of May; the car has 300 hp and "
        "weighs 1,500 kg. Follow @zorbalu and #qwzxtag, read https://example.org/zqwx "
        "or write to zqwx@example.org."
    )
    assert flagged(text) == {}


def test_sic_accepts_the_word_before_it():
    assert flagged("The sign read 'Open untill [sic] late' all week.") == {}
    assert "untill" in flagged("The sign read 'Open untill late' all week.")


def test_quoted_speech_is_checked():
    found = flagged('"We will recieve the report soon," she said.')
    assert found["recieve"][0] == "receive"


# --------------------------------------------------------------------------- vocabulary
def test_accept_entries_are_whole_token_regexes():
    text = "The frobnicator and Frobnicators met zqwxle."
    cfg = {"accept": ("(?i)frobnicators?", "zqwxle")}
    assert flagged(text, **cfg) == {}
    # case-sensitive without (?i); and a plain word matches only itself
    found = flagged(text, accept=("frobnicators?",))
    assert "Frobnicators" not in found and "frobnicator" not in found
    assert "zqwxle" in found
    assert "zqwxles" in flagged("Two zqwxles.", accept=("zqwxle",))
    assert flagged("The zqwxle's lid.", accept=("zqwxle",)) == {}  # possessive of an entry


def test_rejected_word_is_flagged_even_when_the_dictionary_knows_it():
    found = hits("We will utilize the new tools.", reject=("utilize",))
    assert [f.match for f in found] == ["utilize"]
    assert "reject" in found[0].message


def test_add_to_accept_file(tmp_path):
    path = tmp_path / "vocab" / "accept.txt"
    assert add_to_accept_file(path, "Zorbalu") is True
    assert add_to_accept_file(path, "Zorbalu") is False
    path.write_text(path.read_text() + "Xandria", encoding="utf-8")  # no final newline
    assert add_to_accept_file(path, "(?i)frob\\w+") is True
    assert path.read_text().splitlines() == ["Zorbalu", "Xandria", "(?i)frob\\w+"]


# --------------------------------------------------------------------------- confusables
@pytest.mark.parametrize(
    "text, word, fix",
    [
        ("Their is no reason to wait.", "Their", "There"),
        ("The fans waved there own flags.", "there", "their"),
        ("If there going to win, they must score.", "there", "they're"),
        ("The firm lost it's own lead.", "it's", "its"),
        ("I think its a good idea.", "its", "it's"),
        ("Your welcome to join us.", "Your", "You're"),
        ("She is taller then her brother.", "then", "than"),
        ("We waited, and than the rain came.", "than", "then"),
        ("They do not want to loose the game.", "loose", "lose"),
        ("The dog is on the lose again.", "lose", "loose"),
        ("The cuts will effect the poorest families.", "effect", "affect"),
        ("The ruling had an affect on prices.", "affect", "effect"),
        ("I could of told you that.", "of", "have"),
    ],
)
def test_confusables_flag_clear_cases(text, word, fix):
    found = hits(text, rule="spelling.Confusables")
    assert [(f.match, f.suggestions[0]) for f in found] == [(word, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "There is no reason to wait, and their plan is sound.",
        "Is there going to be a vote?",
        "The firm lost its own lead; it's a shame.",
        "You're welcome to bring your own chair.",
        "She is taller than her brother, and then she left.",
        "The knot came loose and they did not lose the boat.",
        "The cuts will affect families and take effect in May.",
        "They could, of course, have told you; they could of course wait.",
        "The shop opened in May of this year.",
        "You stand there taking the blame while their going-away party goes on.",
    ],
)
def test_confusables_leave_correct_text_alone(text):
    assert hits(text, rule="spelling.Confusables") == []


# --------------------------------------------------------------------------- the rule type
def test_rule_type_rejects_an_unknown_check():
    meta = RuleMeta(id="spelling.Bad", type="spelling", path="Bad.yml", lines={"check": 3})
    with pytest.raises(RuleError) as err:
        SpellingRule(meta, {"check": "grammar"})
    assert "Bad.yml:3" in str(err.value)


def test_rule_type_checks_quotes():
    assert SpellingRule.checks_quotes is True
    assert SpellingRule.type_name == "spelling"


# --------------------------------------------------------------------------- benchmark
def test_benchmark_runs_on_its_built_in_sample():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "spelling.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
    )
    assert run.returncode == 0, run.stderr
    assert "false alarms: 0 = 0.00 per 1,000 words" in run.stdout
    assert "keyboard slips:" in run.stdout and "found 100.0%" in run.stdout
    assert "words/s" in run.stdout


def test_markdown_code_and_link_targets_are_not_checked():
    text = (
        "# Budget Vote\n\nRun `zqxvtool --frobz` first, then read the "
        "[council notes](https://example.org/zqxv-notes).\n\n"
        "```\nzqxv qwzx\n```\n\nThe hspital opened.\n"
    )
    found = hits(text, path="story.md")
    assert [f.match for f in found] == ["hspital"]
    assert found[0].line == 9


def test_html_text_is_checked_but_not_markup():
    text = '<p class="zqxvclass">The hspital <a href="/zqxv">opened</a>.</p>'
    assert [f.match for f in hits(text, path="story.html")] == ["hspital"]


@pytest.mark.parametrize(
    "text, typo, right",
    [
        ("The vote was close. Rhe count took all night.", "Rhe", "The"),
        ("The vote was close. Hokwever, the count was fair.", "Hokwever", "However"),
    ],
)
def test_slips_in_a_sentence_opening_common_word(text, typo, right):
    assert flagged(text)[typo][0] == right


def test_short_sentence_opening_names_pass():
    assert flagged("The vote was close. Tur said the count was fair.") == {}


def test_a_passage_in_another_language_is_not_spell_checked():
    from copylint import check_text

    foreign = (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss "
        "im nächsten Frühjahr wieder zu öffnen, nachdem die Reparaturen beendet sind.\n\n"
        "The council also said the the bridge would reopen in spring, and a hspital nearby "
        "would stay open.\n"
    )
    found = [f for f in check_text(foreign, path="a.txt") if f.rule == "spelling.Typos"]
    assert [f.match for f in found] == ["hspital"]


def test_a_short_paragraph_next_to_a_foreign_one_is_foreign_too():
    from copylint import check_text

    text = (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss "
        "im nächsten Frühjahr wieder zu öffnen, nachdem die Reparaturen beendet sind.\n\n"
        "Die Bürger freuen sich darauf.\n\n"
        "A short English line with a hspital in it. The council said the repair work "
        "would end in early May, that traffic would return to the bridge soon after "
        "the opening, and that the nearby roads would stay open for buses and lorries.\n\n"
        "Die Arbeiten dauern noch.\n"
    )
    found = [f for f in check_text(text, path="a.md") if f.rule == "spelling.Typos"]
    # the German line after the German paragraph is left alone; the last one is
    # next to English only, so it is checked ("dauern", "noch" are not English)
    assert [f.match for f in found] == ["hspital", "dauern", "noch"]


# --------------------------------------------------------------------------- rare words
@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_rare_words_spelt_alike_in_every_dialect_pass(dialect):
    text = "Tests found cotinine in the tenant's blood; the sublessee's drug was nephrotoxic."
    assert flagged(text, dialect=dialect) == {}


def test_a_slip_beside_a_rare_word_is_still_found():
    found = flagged("Tests found cotinine in the tenant's bllod.")
    assert list(found) == ["bllod"] and found["bllod"][0] == "blood"


def test_rare_words_are_never_offered_as_corrections():
    found = flagged("The new drug turned out to be nephrotoxik.")
    assert "nephrotoxik" in found
    assert "nephrotoxic" not in found["nephrotoxik"]


def test_a_prefix_joined_by_an_en_dash_passes():
    assert flagged("They sold a neo\u2013payday loan after an anti\u2013fraud check.") == {}


def test_a_slip_after_an_en_dash_prefix_or_a_lone_prefix_is_still_found():
    found = flagged("They sold a neo\u2013paydya loan.")
    assert list(found) == ["paydya"] and found["paydya"][0] == "payday"
    assert "neo" in flagged("She sat neo the window.")  # a prefix on its own is a slip


def test_exo_and_endo_prefixes_and_able_forms_of_common_words_pass():
    text = (
        "The exoplanetary survey found an endoparasitic worm; the phone keeps untextable "
        "numbers, and its forkable code lists unstreamable songs as streamables."
    )
    assert flagged(text) == {}


def test_able_forms_that_break_the_e_rule_or_want_ible_are_still_flagged():
    found = flagged("The plan is changable, the wall is resistable and the code is forkabel.")
    assert found["changable"][0] == "changeable"
    assert found["resistable"][0] == "resistible"
    assert "forkabel" in found


def test_rare_word_lookup_finds_the_first_and_last_entries_and_nothing_between():
    from copylint.spelling.dictionary import DATA, lexicon

    entries = (DATA / "rare.txt").read_text(encoding="utf-8").split()
    lex = lexicon("en-US")
    assert entries == sorted(entries) and len(entries) > 10_000
    assert lex.rare(entries[0]) and lex.rare(entries[-1]) and lex.rare(entries[len(entries) // 2])
    assert not lex.rare(entries[0][:-1] + "{") and not lex.rare("a") and not lex.rare("zzzzzz")
    assert not any(lex.rare(w) for w in ("recieved", "seperate", "the", "colour", "color"))


@pytest.mark.parametrize(
    "text, typo, right",
    [
        ("The enviorment minister spoke first.", "enviorment", "environment"),
        ("The govorment will reply next week.", "govorment", "government"),
        ("The road needs maintance before winter.", "maintance", "maintenance"),
        ("They critized the plan at length.", "critized", "criticized"),
    ],
)
def test_a_missing_letter_plus_a_common_slip_is_still_suggested(text, typo, right):
    """Found through the deletion index when no nearer word exists."""
    assert flagged(text)[typo][0] == right


def test_the_deletion_index_gives_words_one_letter_longer():
    from copylint.spelling.dictionary import one_letter_more

    assert "environment" in one_letter_more("enviroment")
    assert "hospital" in one_letter_more("hspital")
    assert one_letter_more("qqqqzz") == []


@pytest.mark.parametrize(
    "text, typo, right",
    [
        ("I dont know what he meant.", "dont", "don't"),
        ("It isnt clear who won.", "isnt", "isn't"),
        ("The plan doesnt work.", "doesnt", "doesn't"),
        ("Youre right about that.", "Youre", "You're"),
        ("Theyre late again.", "Theyre", "They're"),
        ("He said im late.", "im", "I'm"),
    ],
)
def test_a_contraction_without_its_apostrophe_gets_the_contraction_first(text, typo, right):
    assert flagged(text)[typo][0] == right


def test_suggestions_follow_the_case_of_the_typo():
    from copylint.spelling.checker import match_case

    assert match_case("hospital", "Hspital") == "Hospital"
    assert match_case("hospital", "HSPITAL") == "HOSPITAL"
    assert match_case("demal", "ǅemal") == "Demal"  # a titlecase digraph opens the word
    assert match_case("hospital", "hspital") == "hospital"


# --------------------------------------------------------------------------- lower-case compounds
def test_lower_case_compounds_and_curly_apostrophes_are_looked_into_part_by_part():
    """A lower-case token with a curly apostrophe or hyphens leaves the checker early
    only when every part is a word as written: a slip or another dialect's spelling
    inside one is still found."""
    text = (
        "The mayor didn’t sign the well-known plan. The firm’s twice-yearly review "
        "came after a hard-fuoght fight over the neighbour’s colour-coded bins, which "
        "weren’t empty."
    )
    typos = flagged(text)
    assert set(typos) == {"fuoght"}
    dialect = {f.match for f in hits(text, rule="spelling.Dialect")}
    assert dialect == {"neighbour's", "colour"}
    gb = hits(text, rule="spelling.Dialect", dialect="en-GB")
    assert gb == []


@pytest.mark.parametrize(
    "typo, word, cost",
    [
        ("teh", "the", 0.4),  # two letters swapped
        ("hspital", "hospital", 0.8),  # a vowel left out
        ("approoved", "approved", 0.35),  # a letter doubled
        ("fron", "from", 0.55),  # the key next to it
        ("ead", "read", 0.45),  # the first letter dropped
        ("tath", "that", 0.7),  # a letter moved two places
        ("aboutthe", "about the", 1.0),  # run together
        ("évènement", "evenement", 3.0),  # letters outside the keyboard's rows
        ("qzx", "the", 3.9499999999999997),  # nothing alike: the sum, to the last bit
    ],
)
def test_typing_error_costs_keep_their_weights(typo, word, cost):
    from copylint.spelling.candidates import error_cost

    assert error_cost(typo, word) == cost
    # asked again once its letter pairs' costs are kept: the same answer
    error_cost.cache_clear()
    assert error_cost(typo, word) == cost


def test_confusables_are_looked_for_paragraph_by_paragraph_in_any_case():
    """A paragraph is searched only with the patterns whose words it holds (the
    document's test done again for each paragraph): the words of one paragraph do
    not make a match in the next, and capitals do not hide one."""
    text = (
        "The board said it could.\n\nOf the two plans, one won.\n\n"
        "SHE COULD OF TOLD YOU. They waved there own flags.\n"
    )
    found = hits(text, path="draft.md", rule="spelling.Confusables")
    assert [(f.match, f.suggestions[0]) for f in found] == [("OF", "Have"), ("there", "their")]


@pytest.mark.parametrize(
    "text, typo, right",
    [
        # each looks like a derived word (a compound, a suffixed form) and is kept
        # from passing as one only by a common word two cheap slips away
        ("The clerks were acesing the old files all week.", "acesing", "accessing"),
        ("It was an aciddental fire, the report said.", "aciddental", "accidental"),
    ],
)
def test_a_two_slip_typo_of_a_common_word_is_no_derived_word(text, typo, right):
    typos = flagged(text)
    assert set(typos) == {typo}
    assert typos[typo][0] == right


@pytest.mark.parametrize("word", ["acesing", "baloons", "mississippi", "naïve", "e-mail", "zzz"])
def test_every_two_slip_string_within_the_derived_bound_is_among_the_few_made(word):
    from copylint.spelling.candidates import cheap_edits, cheap_within, edits1, error_cost, moves

    two = set()
    for e in cheap_edits(word):
        two |= cheap_edits(e)
    two -= edits1(word) | moves(word) | {word}
    within = {c for c in two if error_cost(word, c) + 0.5 <= 1.2}
    made = cheap_within(word)
    assert within  # each word has some, so the test can fail
    assert within <= made
    assert len(made) * 4 < len(two)  # and the bound pays: a small share of the strings


# --------------------------------------------------------------------------- token walk
def test_typos_among_punctuation_keep_their_columns():
    # tokens run over ' ’ - . / and start after any other character: each typo's
    # column is where it stands, whatever comes before it
    text = "Re-check the U.S. plan\u2014teh 5km run @home #tag, it\u2019s (hspital) ok."
    found = [(f.match, f.column) for f in hits(text)]
    assert found == [("teh", 24), ("hspital", 54)]


def test_a_word_met_in_one_dialect_is_judged_afresh_in_another():
    # what the checker makes of a token is kept for the run, per dialect: a
    # British compound passes in en-GB and is still flagged in en-US after it
    text = "The colour-coded map was late."
    for dialect, expected in (("en-US", ["colour"]), ("en-GB", []), ("en-US", ["colour"])):
        found = [f.match for f in hits(text, rule="spelling.Dialect", dialect=dialect)]
        assert found == expected, dialect


class _NoPrefixBound:
    """A lexicon's word set without ``prefix_bound``: ``candidates`` then makes every
    two-slip string (the reference for the pruned search)."""

    def __init__(self, words):
        self.words = words

    def __contains__(self, word):
        return word in self.words

    def __rand__(self, other):
        return other & self.words

    __and__ = __rand__


@pytest.mark.parametrize(
    "dialect, word",
    [
        ("en-US", "brodcastting"),
        ("en-US", "quikcley"),
        ("en-US", "goverrnmint"),
        ("en-US", "seperatley"),
        # the nearest words are added to the list for the dialect (favourite, tradie)
        ("en-GB", "favoritte"),
        # ... or to every dialect's, and begin as no word of the list does (doomsc-)
        ("en-US", "doomscrolinng"),
        ("en-AU", "tradeies"),
    ],
)
def test_two_slip_candidates_made_where_words_begin_alike_are_all_of_them(dialect, word):
    from copylint.spelling.candidates import PRUNED_SECOND, candidates
    from copylint.spelling.dictionary import lexicon

    words = lexicon(dialect).words
    assert len(word) >= PRUNED_SECOND  # the pruned search is the one tried
    pruned = candidates.__wrapped__(word, words)
    every = candidates.__wrapped__(word, _NoPrefixBound(words))
    assert pruned == every
    assert any(d == 2 for d in every.values())  # two-slip ones found, so it can fail


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_a_prefix_bound_is_where_no_word_begins_any_more(dialect):
    from importlib.resources import files

    from copylint.spelling.dictionary import lexicon

    words = lexicon(dialect).words
    listed = files("copylint.spelling").joinpath("data/words.txt").read_text("utf-8").split()
    every = set(listed) | set(words.extra)
    heads = {w[:i] for w in every for i in range(1, len(w) + 1)}
    for text in ["temprature", "colourfull", "xqzv", "favouritte", "amongstz", "naïve", ""]:
        n = words.prefix_bound(text)
        assert 0 <= n <= len(text)
        assert n == 0 or text[:n] in heads  # the words begin so far ...
        assert n == len(text) or text[: n + 1] not in heads  # ... and no further


@pytest.mark.parametrize(
    "dialect, word", [("en-US", "recieveing"), ("en-US", "zxqwerty"), ("en-GB", "colourr")]
)
def test_one_edit_words_made_where_words_begin_alike_are_all_of_them(dialect, word):
    from copylint.spelling.candidates import edits1
    from copylint.spelling.dictionary import lexicon

    words = lexicon(dialect).words
    bound = words.prefix_bound(word)
    assert bound < len(word)  # some edits are left out, so the test can fail
    assert edits1(word, bound) & words == edits1(word) & words
    assert len(edits1(word, bound)) < len(edits1(word))


# --------------------------------------------------------------------------- tokens by re
def test_the_ranges_re_tokenizes_are_read_alike_by_both_engines_code_point_by_code_point():
    import re
    import unicodedata

    import regex

    from copylint.spelling import checker

    first = regex.compile(r"[\p{L}\p{M}\p{N}_@#]")
    re_first = re.compile(r"[\w@#]")
    seen = 0
    for a, b in checker.ALIKE_RANGES:
        for cp in range(a, b + 1):
            ch = chr(cp)
            assert unicodedata.category(ch) != "Cn", hex(cp)  # no unassigned code point
            assert (first.match(ch) is None) == (re_first.match(ch) is None), hex(cp)
            assert checker._re_reads_alike(f"x{ch}y")
            seen += 1
    assert seen > 15_000
    for ch in ("\u0301", "\u0308", "\ufe0f", "\u0483", "\u0378", "\u4e00", "\U00010000"):
        assert not checker._re_reads_alike(f"plain text {ch} here"), hex(ord(ch))


def test_tokens_and_offsets_by_re_are_those_of_the_regex_match():
    import random

    from copylint.spelling import checker

    alphabet = "ab Zé1_@#'’-./ ,;:!?\"“”()\n\tжЖΩ½²€—…→①😀"
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert checker._re_reads_alike(text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        m = checker._TOKENS.match(text, start, end)
        words = checker._RE_TOKENS.findall(text, start, end)
        assert words == m.captures(1), (text, start, end)
        wanted = {w for w in words if rng.random() < 0.4}
        want = [(s, w) for s, w in zip(m.starts(1), words, strict=True) if w in wanted]
        got = checker._token_starts(text, start, end, wanted, Counter(words))
        assert got == want, (text, start, end, wanted)


def test_token_offsets_found_by_find_are_those_of_the_regex_match_where_tokens_repeat():
    # few letters, so that a wanted token occurs inside other tokens, runs on into
    # them, or follows a token across the characters a token holds but does not
    # start with ("a.-a", "a'@a"); every kind of character beside a token
    import random

    from copylint.spelling import checker

    alphabet = [
        "a",
        "b",
        "ab",
        "A",
        "é",
        "1",
        "_",
        "@",
        "#",
        "'",
        "’",
        "-",
        ".",
        "/",
        " ",
        ",",
        "\n",
        "ж",
        "½",
        "²",
        "①",
        "—",
    ]
    rng = random.Random(8)
    checked = 0
    for _ in range(6000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 150)))
        start, end = 0, len(text)
        if rng.random() < 0.5:  # a region inside the text
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
        m = checker._TOKENS.match(text, start, end)
        words = m.captures(1)
        assert checker._RE_TOKENS.findall(text, start, end) == words
        counts = Counter(words)
        wanted = {w for w in counts if rng.random() < 0.5}
        want = [(s, w) for s, w in zip(m.starts(1), words, strict=True) if w in wanted]
        assert checker._token_starts(text, start, end, wanted, counts) == want, (
            text,
            start,
            end,
            wanted,
        )
        checked += len(want)
    assert checked > 20_000


def test_a_combining_mark_keeps_the_regex_tokens():
    # with re's \w the mark would cut "nai\u0308ve" into "nai" (flagged) and "ve"
    assert hits("The nai\u0308ve plan failed.") == []
    assert hits("The naïve plan failed.") == []
    found = hits("We saw teh cafe\u0301 mennu.")
    assert [(f.match, f.column) for f in found] == [("teh", 8), ("mennu", 18)]


# ------------------------------------------------------------- two-letter tokens, unranked
@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_a_two_letter_token_left_unranked_would_not_have_been_reported(dialect):
    """``_short_slip_possible`` false: the suggestions the check would rank fail its
    two-letter test, in any context."""
    import itertools

    from copylint.spelling.candidates import error_cost
    from copylint.spelling.checker import Checker

    chk = Checker(dialect)
    count = chk.lex.count
    letters = "abcdefghijklmnopqrstuvwxyz"
    lows = ["".join(p) for p in itertools.product(letters, repeat=2)][::3]
    lows += ["ft", "lb", "ao", "un", "nn", "fo", "ou", "nt", "im", "teh"[:2], "hte"[:2]]
    contexts = ["I saw %s there.", "The %s of the", "%s"]
    skipped = possible = 0
    for low in lows:
        if chk._short_slip_possible(low):
            possible += 1
            continue
        skipped += 1
        for context in contexts:
            prose = context % low
            s = prose.index(low)
            sugg = chk._suggest(prose, s, s + 2, low)
            best = sugg[0].lower() if sugg else ""
            assert (
                not best
                or error_cost(low, best) > 1.0
                or count(best) < 1e8
                or (len(best) != 3 and sorted(best) != sorted(low))
            ), (low, context, sugg)
    assert skipped > 100 and possible > 20


def test_two_letter_slips_are_still_reported():
    assert [f.match for f in hits("He said nt much.")] == ["nt"]
    assert [f.match for f in hits("We went ou the door.")] == ["ou"]
    assert [f.match for f in hits("She was im the room.")] == ["im"]


# ------------------------------------------------------- confusables: a region's fold
def test_a_region_folds_as_its_slice_of_the_folded_text_where_folds_alike_says_so():
    import random

    from copylint.document import fold
    from copylint.spelling.confusables import PATTERNS, find, folds_alike

    alphabet = ["a", "B", " ", ".", "Their", " their ", "could of", "its", "ΑΣ", "Σ", "σ", "ς"]
    alphabet += ["İ", "ſ", "ı", "ẞ", "ß", "Ǆ", "ǅ", "Ω", "ж", "’", "\n", "Then", "than"]
    rng = random.Random(3)
    alike = unlike = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        folded = fold(text)
        if not folds_alike(text, folded):
            unlike += 1
            continue
        alike += 1
        for _ in range(10):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert fold(text[a:b]) == folded[a:b], (text, a, b)
            want = list(find(text, a, b, list(PATTERNS)))
            assert list(find(text, a, b, list(PATTERNS), folded)) == want
    assert alike > 500 and unlike > 500
