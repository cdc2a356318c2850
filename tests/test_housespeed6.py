"""house.UnbalancedQuotes (the balance type) finds line breaks and straight marks with
``str.find`` where the text allows: the quick paths give what the patterns give."""

from __future__ import annotations

import json
import random

from copylint.rules.types import balance

_ALPHABET = ['"', "“", "”", "\n", "\n", " ", "\t", "a", "b", "5", ".", "\r", "\u2028"]


def _texts(seed: int):
    rng = random.Random(seed)
    letters = [c for c in _ALPHABET if c != "\r"]
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randrange(0, 40)))
        starts = sorted(rng.sample(range(len(text) + 1), rng.randrange(0, min(4, len(text) + 1))))
        yield text, starts


def test_paragraphs_found_by_find_are_those_the_pattern_finds():
    for text, starts in _texts(6):
        # each "\n" made a "\r": the same lines at the same places, found by the pattern
        slow = text.replace("\n", "\r")
        assert list(balance.paragraphs(text, starts)) == list(balance.paragraphs(slow, starts))


def test_straight_marks_are_the_pattern_matches_where_no_curly_mark_is():
    rng = random.Random(8)
    letters = [c for c in _ALPHABET if c not in "“”"]
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randrange(0, 40)))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        expected = [m.start() for m in balance._MARK.finditer(text, start, end)]
        assert list(balance._straight_marks(text, start, end)) == expected


def test_straight_and_curly_texts_report_alike(tmp_path, write, run):
    """A document with straight marks only (the quick path) and the same with a curly
    pair in a later paragraph (the pattern's path) report the same unpaired mark."""
    (tmp_path / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    straight = 'He said "yes and left.\n\nShe said "no" twice.\n'
    write("a.md", straight)
    write("b.md", straight + "\n\u201cFine,\u201d he said.\n")
    r = run("check", "--format", "json", "a.md", "b.md")
    assert r.exit_code == 1, r.output
    found: dict[str, list] = {"a.md": [], "b.md": []}
    for f in json.loads(r.stdout)["findings"]:
        if f["rule"] == "house.UnbalancedQuotes":
            found[f["path"].rsplit("/", 1)[-1]].append((f["rule"], f["line"], f["column"]))
    assert found["a.md"] == found["b.md"] == [("house.UnbalancedQuotes", 3, 1)]
