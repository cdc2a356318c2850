"""The word list answers alike however it is asked: through its trie (``words.trie``),
searched by bisection (short runs without the trie) or as the built set."""

from __future__ import annotations

import itertools
import json
import subprocess
from collections import Counter

import pytest

from conftest import PYTHON, subprocess_env
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
    """The set exactly as a run with many look-ups and no trie builds it."""
    words = lexicon(dialect).words
    fresh = WordSet(words.extra, words.removed, pure=True)
    return fresh.frozen()


@pytest.mark.parametrize("pure", [True, False], ids=["searched", "trie"])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_searched_and_built_word_sets_agree(dialect, pure):
    words = WordSet(lexicon(dialect).words.extra, lexicon(dialect).words.removed, pure=pure)
    assert (words._trie is None) == pure
    searched = {w: w in words for w in PROBES}
    assert words._set is None  # answered by bisection or by the trie
    built = _built(dialect)
    assert searched == {w: w in built for w in PROBES}
    assert searched["the"] and not searched["zzzq"] and not searched["#total"]
    assert searched["colour"] == (dialect != "en-US")


@pytest.mark.parametrize("pure", [True, False], ids=["searched", "trie"])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_intersection_matches_the_sets_in_content_and_order(dialect, pure):
    extra, removed = lexicon(dialect).words.extra, lexicon(dialect).words.removed
    built = _built(dialect)
    # the last two hold a word added to the list (en-AU: tradie) and one taken out
    # of it (en-GB: color), which the trie alone would answer wrongly
    probes = [edits1(t) for t in ("ead", "colur", "teh", "recieved", "tradje", "colorr")]
    probes.append({"tradie", "colour", "color", "the", "zzq", "caf\udce9"})
    for near in probes:
        searched = near & WordSet(extra, removed, pure=pure)
        assert searched == near & built
        assert list(searched) == list(near & built)  # candidates keep this order


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_words_a_region_lacks_are_those_the_built_set_lacks_in_order(dialect):
    extra, removed = lexicon(dialect).words.extra, lexicon(dialect).words.removed
    built = _built(dialect)
    regions = [
        Counter("The colour of the tradie's ute was grey , not gray".split()),
        Counter("Tradie colour color Color the the zzq The".split()),
        Counter(["caf\udce9", "the", "zzq"]),  # a lone surrogate (an editor's text)
        Counter(),
    ]
    for pure in (True, False):
        words = WordSet(extra, removed, pure=pure)
        for _ in range(2):  # asked again: from what the first look kept
            for counts in regions:
                assert words.missing(counts) == [w for w in counts if w not in built]
        assert words._set is None


def test_a_big_run_builds_the_set_once_and_answers_the_same(monkeypatch):
    monkeypatch.setattr(dictionary, "LOOKUPS", 5)
    words = WordSet(pure=True)
    answers = [w in words for w in PROBES]
    assert words._set is not None  # past five look-ups it built the set
    assert answers == [w in _built("en-US") for w in PROBES]
    big = WordSet(pure=True)
    assert edits1("colur") & big == edits1("colur") & _built("en-US")
    assert big._set is not None  # one intersection larger than what was left
    # with the trie nothing is ever built, however many the look-ups
    trie = WordSet()
    assert [w in trie for w in PROBES] == answers
    assert edits1("colur") & trie == edits1("colur") & _built("en-US")
    assert trie._set is None


def test_the_listed_variants_file_matches_the_word_list():
    words = set((DATA / "words.txt").read_text(encoding="utf-8").split())
    british = [line.split("\t")[0] for line in (DATA / "variants.tsv").read_text().splitlines()]
    listed = (DATA / "variants-listed.txt").read_text(encoding="utf-8").split()
    assert listed == sorted({g for g in british if g in words})
    assert listed  # some British forms are ordinary words of every dialect


def test_common_top_and_short_words_come_from_the_lists_head():
    ranked = (DATA / "words.txt").read_text(encoding="utf-8").split()
    lex = lexicon("en-US")
    head = frozenset(ranked[: dictionary.COMMON])
    top = frozenset(ranked[: dictionary.TOP])
    probes = [*ranked[:: max(1, len(ranked) // 4000)], *ranked[19_990:20_010], *ranked[995:1005]]
    probes += ["", "zzq", "The", "caf\udce9", 5]
    # the trie's rank bits answer as the list's head does
    assert [w in lex.common for w in probes] == [w in head for w in probes]
    assert [w in lex.top for w in probes] == [w in top for w in probes]
    assert sum(w in lex.common for w in ranked) == dictionary.COMMON
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


def test_short_words_file_holds_the_lists_short_words_and_answers_as_the_list():
    ranked = (DATA / "words.txt").read_text(encoding="utf-8").split()
    listed = {w for w in ranked if len(w) < 3}
    on_file = (DATA / "short.txt").read_text(encoding="utf-8").split()
    assert on_file == sorted(listed)  # rebuilt with the list (build_spelling_data.py)
    short = dictionary.ShortWords()
    probes = ["of", "a", "zq", "q'", "the", "of", "zq", "", "a"] * 50
    assert [w in short for w in probes] == [w in listed for w in probes]
    assert "of" in listed and "zq" not in listed
    assert 5 not in short and "the" not in short  # not a string; three letters
    assert short.intersection(["of", "zq", "the", "ab", "of"]) == {"of", "ab"} & listed
    # a region's token counts: only its listed short words
    counts = {"of": 3, "zq": 1, "the": 2, "a": 5}
    assert short.intersection(counts) == {"of", "a"}


@pytest.mark.parametrize("pure", ["1", "0"])
@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
def test_a_folder_run_builds_the_word_set_before_any_check_unless_the_trie_answers(dialect, pure):
    """Without the trie (``COPYLINT_PURE_PYTHON=1``), the set is built before the
    workers fork, so they share it; one-file runs search. With it, nothing is built."""
    script = f"""
from copylint import Config
from copylint.engine import Linter
from copylint.spelling.dictionary import lexicon
linter = Linter(Config(packs=("spelling",), dialect={dialect!r}))
linter.prepare(2)
print(lexicon({dialect!r}).words._set is None)
linter.prepare(40)
words = lexicon({dialect!r}).words
print(words._set is not None, ("colour" in words.current()) == ({dialect!r} == "en-GB"))
"""
    proc = subprocess.run(
        [PYTHON, "-c", script],
        env={**subprocess_env(), "COPYLINT_PURE_PYTHON": pure},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", str(pure == "1"), "True"]


def findings_of(folder, args: list[str], pure: str) -> list[dict]:
    """The findings of ``copylint check --no-cache --format json ARGS`` in ``folder``,
    with ``COPYLINT_PURE_PYTHON=pure`` (1: without the trie)."""
    proc = subprocess.run(
        [PYTHON, "-m", "copylint", "check", "--no-cache", "--format", "json", *args],
        cwd=folder,
        env={**subprocess_env(), "COPYLINT_PURE_PYTHON": pure},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_a_spelling_folder_gives_the_same_findings_in_one_process_or_two_with_or_without_the_trie(
    tmp_path,
):
    (tmp_path / "copylint.toml").write_text('packs = ["spelling"]\ndialect = "en-GB"\n')
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"s{i:02d}.md").write_text(
            f"Story {i}: the colour of the statment was gray, and it is a an odd one.\n\n"
            "The commitee met on Tuesday to organize the archives.\n"
        )
    reports = [
        findings_of(tmp_path, ["-j", jobs, "many"], pure)
        for jobs, pure in (("1", "0"), ("2", "0"), ("1", "1"), ("2", "1"))
    ]
    assert reports[0] == reports[1] == reports[2] == reports[3]
    one = check_text(
        (folder / "s07.md").read_text(), config=Config(packs=("spelling",), dialect="en-GB")
    )
    in_folder = [
        (f["line"], f["column"], f["match"]) for f in reports[1] if f["path"].endswith("s07.md")
    ]
    assert in_folder == [(f.line, f.column, f.match) for f in one]
    assert {"statment", "commitee", "gray"} <= {m for _l, _c, m in in_folder}


@pytest.mark.parametrize("name, sep", dictionary.SORTED_FILES)
def test_each_sorted_file_has_an_index_built_for_it_that_answers_as_a_search(name, sep):
    """The shipped ``.idx`` files belong to the shipped lists (rebuild them with
    ``build_spelling_data.py --index-only``), and a key found through one is the key
    a bisection of the file finds, present or not."""
    indexed = dictionary._Sorted(name, sep)
    assert indexed.index is not None  # built for this very file
    searched = dictionary._Sorted(name, sep)
    searched.index = None
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    keys = [line.partition("\t")[0] if sep == b"\t" else line for line in lines]
    probes = keys[:: max(1, len(keys) // 1500)]
    probes += [k + "q" for k in probes] + [k[:-1] for k in probes]
    probes += ["", "#total", "a\tb", "a\nb", "zzzzqq", "\udcff"]
    assert [indexed.raw(k) for k in probes] == [searched.raw(k) for k in probes]
    assert any(indexed.raw(k) is not None for k in probes)


def test_a_stale_or_damaged_index_is_not_used(tmp_path):
    text = "".join(f"{w}\t{n}\n" for n, w in enumerate(sorted(["alpha", "beta", "gamma"])))
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    index = dictionary.build_index(text.encode())
    (tmp_path / "t.txt.idx").write_bytes(index)
    fresh = dictionary._Sorted("t.txt", folder=tmp_path)
    assert fresh.index is not None
    assert (fresh.get("beta", -1), fresh.get("delta", -1)) == (1, -1)
    # the list changed after its index was built: the index is left alone
    (tmp_path / "t.txt").write_text(text + "zeta\t7\n", encoding="utf-8")
    stale = dictionary._Sorted("t.txt", folder=tmp_path)
    assert stale.index is None and stale.get("zeta", -1) == 7
    for damaged in (b"", index[:10], b"XXXX" + index[4:], index[:-4]):
        (tmp_path / "t.txt.idx").write_bytes(damaged)
        broken = dictionary._Sorted("t.txt", folder=tmp_path)
        assert broken.index is None and broken.get("zeta", -1) == 7
    # slots that all point at the first line (no empty one): a search still ends
    rebuilt = dictionary.build_index((tmp_path / "t.txt").read_bytes())
    (tmp_path / "t.txt.idx").write_bytes(rebuilt[:16] + bytes(len(rebuilt) - 16))
    full = dictionary._Sorted("t.txt", folder=tmp_path)
    assert full.index is not None
    assert (full.get("alpha", -1), full.get("zeta", -1), full.get("omega", -1)) == (0, 7, -1)


def test_unknown_share_skips_only_look_ups_whose_answer_is_known():
    """With ``lacked`` (the region's unknown tokens all missing from the words), a
    token that stripping leaves as it is counts as unknown without a look-up: the
    same shares as looking each one up, in each dialect. A list that holds words
    (the flagged-words path) is looked up token by token."""
    from copylint.spelling import checker

    regions = [
        "the colour. of honour. and the flavour. was ours colour. again wibbleq. zzqx",
        "Colour. Paris 5km ab. it's didn’t the-end. théâtre. organise. organize. x.",
        "colour colour color. color flavour flavor. harbour labor. labour odour wug",
        "les enfants sont allés au marché pour acheter des pommes et du pain frais",
    ]
    for name in ("en-US", "en-GB", "en-AU"):
        lex = lexicon(name)
        words = lex.words.current()
        for text in regions:
            c = Counter(checker._RE_TOKENS.findall(text))
            unknown = lex.words.missing(c)
            assert not any(w in words for w in unknown)
            want = checker._unknown_share(c, unknown, words, lex.short)
            assert checker._unknown_share(c, unknown, words, lex.short, True) == want
    # a word among the "unknown" tokens (flagged): looked up, so not counted unknown
    us = lexicon("en-US")
    c = Counter("paint colour sea".split())
    listed = ["paint", "colour"]
    assert checker._unknown_share(c, listed, us.words.current(), us.short) == (3, 1)
    assert checker._unknown_share(c, listed, us.words.current(), us.short, True) == (3, 2)
