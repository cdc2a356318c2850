"""The word list searched by bisection (short runs) answers as the built set does."""

from __future__ import annotations

import itertools

import pytest

from copylint import Config, check_text
from copylint.spelling import dictionary
from copylint.spelling.candidates import candidates, edits1
from copylint.spelling.dictionary import DATA, DIALECTS, WordSet, lexicon

#: words of every kind: listed, added, dialect forms, possessives, not words at all
PROBES = [
    "the", "a", "i", "of", "colour", "color", "colour's", "color's", "grey", "gray",
    "organise", "organize", "influencer", "rort", "tradie", "theatre", "theater",
    "kerb", "curb", "pneumonitis", "zzzq", "", "#total", "the\tcount", "o'clock",
    "café", "naïve", "Paris", "xx", "ab", "recieved", "travelled", "traveled",
    "caf\udce9", "\ud800", "the\x00", "The", "don't", "don\u2019t", "\u0131",
]  # fmt: skip


def _built(dialect: str) -> frozenset[str]:
    """The set exactly as a run with many look-ups builds it."""
    words = lexicon(dialect).words
    fresh = WordSet(words.extra, words.removed)
    return fresh.frozen()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_searched_and_built_word_sets_agree(dialect):
    words = WordSet(lexicon(dialect).words.extra, lexicon(dialect).words.removed)
    searched = {w: w in words for w in PROBES}
    assert words._set is None  # answered by bisection
    built = _built(dialect)
    assert searched == {w: w in built for w in PROBES}
    assert searched["the"] and not searched["zzzq"] and not searched["#total"]
    assert searched["colour"] == (dialect != "en-US")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_intersection_matches_the_sets_in_content_and_order(dialect):
    extra, removed = lexicon(dialect).words.extra, lexicon(dialect).words.removed
    built = _built(dialect)
    for typo in ("ead", "colur", "teh", "recieved"):
        near = edits1(typo)
        searched = near & WordSet(extra, removed)
        assert searched == near & built
        assert list(searched) == list(near & built)  # candidates keep this order


def test_a_big_run_builds_the_set_once_and_answers_the_same(monkeypatch):
    monkeypatch.setattr(dictionary, "LOOKUPS", 5)
    words = WordSet()
    answers = [w in words for w in PROBES]
    assert words._set is not None  # past five look-ups it built the set
    assert answers == [w in _built("en-US") for w in PROBES]
    big = WordSet()
    assert edits1("colur") & big == edits1("colur") & _built("en-US")
    assert big._set is not None  # one intersection larger than what was left


def test_the_listed_variants_file_matches_the_word_list():
    words = set((DATA / "words.txt").read_text(encoding="utf-8").split())
    british = [line.split("\t")[0] for line in (DATA / "variants.tsv").read_text().splitlines()]
    listed = (DATA / "variants-listed.txt").read_text(encoding="utf-8").split()
    assert listed == sorted({g for g in british if g in words})
    assert listed  # some British forms are ordinary words of every dialect


def test_common_top_and_short_words_come_from_the_lists_head():
    ranked = (DATA / "words.txt").read_text(encoding="utf-8").split()
    lex = lexicon("en-US")
    assert lex.common == frozenset(ranked[: dictionary.COMMON])
    assert lex.top == frozenset(ranked[:1000])
    short = {w for w in ranked if len(w) < 3}
    probes = {*short, "zq", "q'", "the", *itertools.islice(ranked, 3000)}
    assert lex.short.intersection(probes) == short & probes


def test_suggestions_are_the_same_before_and_after_the_set_is_built(monkeypatch):
    text = "You can ead the statment on the councils websit. The colur was grey.\n"
    before = [(f.rule, f.message) for f in check_text(text, config=Config(packs=("spelling",)))]
    assert any("read" in m for _r, m in before)
    words = lexicon("en-US").words
    words.frozen()
    candidates.cache_clear()
    after = [(f.rule, f.message) for f in check_text(text, config=Config(packs=("spelling",)))]
    assert before == after
