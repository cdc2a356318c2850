"""The word list's trie (``words.trie``): built for the shipped list, and left unused,
never crashing a run, when it is missing, damaged or stale."""

from __future__ import annotations

import pytest

from copylint.spelling import dictionary
from copylint.spelling.dictionary import DATA, build_trie, read_trie
from test_spelling_wordset import findings_of

marisa_trie = pytest.importorskip("marisa_trie")

LIST = "tidings\nharbour\nlantern\nquay\nsmelt\n"


def test_the_shipped_trie_is_the_one_the_shipped_list_builds():
    """Rebuild it with ``build_spelling_data.py --index-only`` when words.txt changes."""
    words_txt = (DATA / "words.txt").read_bytes()
    assert (DATA / "words.trie").read_bytes() == build_trie(words_txt)
    trie = read_trie(DATA / "words.trie", DATA / "words.txt")
    assert trie is not None
    ranked = words_txt.decode("utf-8").split()
    assert len(trie.words) == len(ranked)
    assert all(w in trie.words for w in ranked[::97])
    assert "zzqx" not in trie.words


def _write(tmp_path, data: bytes):
    (tmp_path / "words.txt").write_text(LIST, encoding="utf-8")
    (tmp_path / "words.trie").write_bytes(data)
    return read_trie(tmp_path / "words.trie", tmp_path / "words.txt")


def test_a_trie_built_for_a_list_answers_its_words_and_ranks(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary, "COMMON", 3)
    monkeypatch.setattr(dictionary, "TOP", 1)
    trie = _write(tmp_path, build_trie(LIST.encode()))
    assert trie is not None
    assert sorted(trie.words.keys()) == sorted(LIST.split())
    common = dictionary._Ranked(trie, 0)
    top = dictionary._Ranked(trie, 1)
    assert [w for w in LIST.split() if w in common] == ["tidings", "harbour", "lantern"]
    assert [w for w in LIST.split() if w in top] == ["tidings"]
    assert "zzq" not in common and "\ud800" not in top and 7 not in common


def test_a_missing_damaged_or_stale_trie_is_not_used(tmp_path):
    good = build_trie(LIST.encode())
    assert _write(tmp_path, good) is not None
    head = dictionary.TRIE_HEADER
    damaged = [
        b"",
        good[:10],
        b"XXXX" + good[4:],  # not a trie file
        good[:-7],  # cut short
        good[: head + 3] + bytes([good[head + 3] ^ 0xFF]) + good[head + 4 :],  # a bit flipped
        good[:head] + bytes(len(good) - head),  # the trie zeroed: it would crash a lookup
        good + b"\0",
    ]
    for data in damaged:
        assert _write(tmp_path, data) is None, data[:20]
    # the list changed after its trie was built
    (tmp_path / "words.trie").write_bytes(good)
    (tmp_path / "words.txt").write_text(LIST + "ferry\n", encoding="utf-8")
    assert read_trie(tmp_path / "words.trie", tmp_path / "words.txt") is None
    (tmp_path / "words.trie").unlink()
    assert read_trie(tmp_path / "words.trie", tmp_path / "words.txt") is None


@pytest.mark.parametrize("dialect", ["en-US", "en-GB", "en-AU"])
def test_a_run_without_the_trie_reports_what_a_run_with_it_does(tmp_path, dialect):
    draft = tmp_path / "note.md"
    draft.write_text(
        "The harbour comittee met the tradie about the colour of the new ferry.\n\n"
        "Its chair said the recieved plans were grey, or gray, and would be organized.\n",
        encoding="utf-8",
    )
    reports = [
        findings_of(tmp_path, ["--dialect", dialect, "note.md"], pure) for pure in ("0", "1")
    ]
    assert reports[0] == reports[1]
    assert {"comittee", "recieved"} <= {f["match"] for f in reports[0]}
