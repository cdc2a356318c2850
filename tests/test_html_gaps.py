"""The HTML gaps left open in issue 2 (issue 16): entities are read as the
characters they stand for, and a word split by inline markup is one word, with
positions still in the source (the prose view, src/copylint/view.py)."""

from __future__ import annotations

import copylint


def test_entities_are_seen_as_their_characters():
    found = copylint.check_text("<p>It cost 5&nbsp;percent more.</p>", path="a.html")
    percent = [f for f in found if f.rule == "house.PercentSign"]
    assert percent and percent[0].column == 13  # the finding points at the source


def test_word_split_by_inline_markup_is_one_word():
    found = copylint.check_text("<p>The <b>gover</b>nment met on Tuesday.</p>", path="a.html")
    assert not [f for f in found if f.rule.startswith("spelling.")]


def test_entity_positions_still_point_at_the_source():
    # what holds today: a finding after entities is placed in the source
    found = copylint.check_text("<p>She said &ldquo;hi&rdquo; to teh mayor.</p>", path="a.html")
    (typo,) = [f for f in found if f.match == "teh"]
    assert (typo.line, typo.column) == (1, 33)
