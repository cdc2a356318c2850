"""Promo comes in runs: the scorer's second pass weighs each candidate with the first
pass's view of the candidates on the lines around it, so a run of teasers is flagged
as a whole even where one line of it alone would score low, and the same line on its
own is left alone. Also: a line of copy wrapped at a fixed width reads as a piece of
its paragraph."""

from __future__ import annotations

import json
import math

import pytest

from copylint.config import Config
from copylint.parsers import parse
from copylint.promo.scorer import Model, neighbour_features
from test_promo import load

STORY = (
    "The ferry company said on Monday that it would add a late sailing to the island "
    "on Fridays from June, after a survey of its passengers.\n\n"
    "The extra crossing will leave the mainland at ten at night and return at "
    "midnight, the company's operations manager told the council.\n\n"
    "Islanders have asked for a later boat for years, the councillor for the ward said, "
    "and the shops in the harbour expect more visitors on summer weekends.\n"
)
#: three headlines of other stories after the end; the middle one borrows the
#: story's own words, so on its own it reads like a subheading of the story
RUN = [
    "How a village choir ended up singing at the cathedral",
    "Ferry passengers and islanders want a later sailing",
    "The allotment that grows forty kinds of potato",
]
LONE = RUN[1]


def two_pass() -> Model:
    """A first pass that keeps a short line unless it uses the article's words, and a
    second that gives a line back what its kept neighbours say about it."""
    first = Model({"short": 6.0, "para_topic": -6.0}, {"teaser+loose": 0.5}, 0.5, init=-4.0)
    second = {"short": 6.0, "para_topic": -6.0, "nb:prev_kept": 2.5, "nb:next_kept": 2.5}
    return Model(second, {"teaser+loose": 0.5}, 0.5, init=-4.0, first=first)


def teasers(text: str, model: Model) -> list[str]:
    rule = load("Teaser")
    rule.model = model
    doc = parse(text, "draft.txt")
    return [doc.source[h.start : h.end] for h in rule.check(doc, Config())]


def test_a_run_of_teasers_is_flagged_as_a_whole_where_one_line_alone_scores_low():
    text = STORY + "\n" + "\n\n".join(RUN) + "\n"
    assert teasers(text, two_pass()) == ["\n\n".join(RUN)]


def test_the_first_pass_alone_leaves_a_hole_in_the_run():
    text = STORY + "\n" + "\n\n".join(RUN) + "\n"
    first = two_pass().first
    assert first is not None
    assert teasers(text, first) == [RUN[0], RUN[2]]


def test_a_lone_look_alike_is_left_alone():
    assert teasers(STORY + "\n" + LONE + "\n", two_pass()) == []


def test_a_lone_headline_of_another_story_is_still_found():
    assert teasers(STORY + "\n" + RUN[0] + "\n", two_pass()) == [RUN[0]]


def test_the_neighbours_of_a_candidate_are_the_candidates_on_the_lines_around_it():
    # four candidates: a run of three lines (7..9: the first and last kept by the
    # first pass) and a lone line (12); a cut inside a line has no neighbours
    items = [
        ({"ev=extra": 1.0}, (7, 7), 0.9, True),
        ({"ev=extra": 1.0}, (8, 8), 0.2, False),
        ({"ev=extra": 1.0}, (9, 9), 0.8, True),
        ({"ev=extra": 1.0}, (12, 12), 0.3, False),
        ({}, None, 0.9, True),
    ]
    run_start, middle, run_end, lone, cut = neighbour_features(items)
    assert middle is not None and run_start is not None and run_end is not None
    assert middle["nb:prev"] == 0.9 and middle["nb:prev_kept"] == 1.0
    assert middle["nb:next"] == 0.8 and middle["nb:next_kept"] == 1.0
    assert middle["nb:run_kept"] == 1.0  # both others of its run are kept
    assert run_start["nb:run_kept"] == 0.5  # one of its two others is
    assert "nb:prev" not in run_start and run_start["nb:next_kept"] == 0.0
    assert lone is not None and not any(
        k.startswith(("nb:prev", "nb:next", "nb:run")) for k in lone
    )
    assert cut is None
    # every candidate knows how many others the document keeps (the cut too)
    assert lone["nb:doc_kept"] == pytest.approx(math.log(1 + 3))
    assert middle["nb:doc_kept"] == pytest.approx(math.log(1 + 3))
    assert run_start["nb:doc_kept"] == pytest.approx(math.log(1 + 2))


def test_a_piece_of_a_whole_page_gets_its_neighbours_under_the_page_prefix():
    items = [
        ({"ev=page": 1.0}, (3, 3), 0.9, True),
        ({"ev=page": 1.0}, (4, 4), 0.1, False),
    ]
    _, second = neighbour_features(items)
    assert second is not None
    assert second["pg:nb:prev_kept"] == 1.0 and not any(k.startswith("nb:") for k in second)
    # a piece before the article: under its own prefix
    before = [
        ({"ev=page": 1.0, "pb:bias": 1.0}, (0, 0), 0.2, False),
        ({"ev=page": 1.0, "pb:bias": 1.0}, (1, 1), 0.9, True),
    ]
    first, _ = neighbour_features(before)
    assert first is not None
    assert first["pb:nb:next_kept"] == 1.0 and not any(k.startswith("pg:") for k in first)


def test_a_two_pass_model_survives_a_round_trip_through_json():
    model = two_pass()
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again.first is not None and again.first.weights == model.first.weights
    cands = [({"short": 1.0, "para_topic": p}, (i, i)) for i, p in enumerate((0.0, 1.0, 0.0))]
    assert again.score_all(cands) == pytest.approx(model.score_all(cands))
    # the middle line is lifted by its neighbours
    assert model.score_all(cands)[1] > model.first.score(cands[1][0])


WRAPPED = (
    "The council met on Tuesday to hear the harbour master explain why the\n"
    "ferry timetable will change in June, and why the late sailing on Fridays\n"
    "will need a second crew.\n"
)


def test_a_line_of_copy_wrapped_at_a_fixed_width_reads_as_part_of_its_paragraph():
    from copylint.promo.layout import layout_of
    from copylint.promo.scorer import features

    doc = parse(WRAPPED + "\nSecond crew for the late ferry sailing\n", "draft.txt")
    layout = layout_of(doc)
    middle, alone = layout.units[1], layout.units[3]
    evidence = {"extra": True}
    inside = features(layout, "teaser", middle, middle, (middle.start, middle.end), evidence, 0)
    own = features(layout, "teaser", alone, alone, (alone.start, alone.end), evidence, 0)
    assert inside["wrapped"] == 1.0 and own["wrapped"] == 0.0
    assert inside["para_words"] > own["para_words"]
    # the line on its own uses the wrapped paragraph's words: on topic, though no
    # single line of the paragraph reads as prose
    assert own["para_topic"] == 1.0
    assert own["body_topic"] == 0.0


def test_a_pattern_block_does_not_lift_a_line_only_the_scorer_proposes():
    # the block above may be of another category (a share prompt over a teaser);
    # lifting the line would report it twice
    items = [
        ({}, (4, 4), 0.99, True),
        ({"ev=extra": 1.0}, (5, 5), 0.4, False),
        ({"ev=extra": 1.0}, (6, 6), 0.95, True),
    ]
    block, line, after = neighbour_features(items)
    assert line is not None and block is not None and after is not None
    assert "nb:prev" not in line and line["nb:next_kept"] == 1.0
    assert "nb:next" not in block  # and the line does not count for the block
    assert after["nb:prev"] == 0.4 and after["nb:prev_kept"] == 0.0


def test_a_kept_candidate_of_another_kind_next_door_and_the_kept_share_nearby():
    # a pattern block kept on line 5, a piece of the page on line 6 (not kept) and
    # another far off on line 20: only the first sees the block next door, and the
    # share of the six lines within three of it that something kept covers
    items = [
        ({}, (5, 5), 0.95, True),
        ({"ev=page": 1.0}, (6, 6), 0.4, False),
        ({"ev=page": 1.0}, (20, 20), 0.4, False),
        ({"ev=extra": 1.0}, (4, 4), 0.4, False),
    ]
    block, near, far, loose = neighbour_features(items)
    assert near is not None and far is not None and block is not None
    assert near["pg:nb:x_prev_kept"] == 1.0 and "pg:nb:x_next_kept" not in near
    # no neighbour of its own kind on line 5: the same-kind features stay silent
    assert "pg:nb:prev" not in near
    assert near["pg:nb:win_kept"] == pytest.approx(1 / 6)
    assert far["pg:nb:win_kept"] == 0.0 and "pg:nb:x_prev_kept" not in far
    # the block's neighbours of other kinds are not kept: nothing next door
    assert not any("x_" in k for k in block) and block["nb:win_kept"] == 0.0
    # a line only the scorer proposes is lifted by neither (the block beside it may
    # be another kind of promo)
    assert loose is not None and not any("x_" in k or "win" in k for k in loose)


def test_a_block_two_lines_from_kept_blocks_on_each_side_is_lifted_by_the_kept_share():
    first = Model({"short": 6.0, "para_topic": -6.0}, {"teaser": 0.5}, 0.5, init=-4.0)
    second = {"short": 6.0, "para_topic": -6.0, "nb:win_kept": 15.0}
    model = Model(second, {"teaser": 0.5}, 0.5, init=-4.0, first=first)
    # blocks on lines 3, 5 and 7 (a line apart: not next to each other); the middle
    # one uses the article's words
    run = [({"short": 1.0, "para_topic": p}, (i, i)) for i, p in ((3, 0.0), (5, 1.0), (7, 0.0))]
    assert first.score_all(run)[1] < 0.5 <= model.score_all(run)[1]
    # the same block alone stays down
    assert model.score_all(run[1:2])[0] < 0.5
    # lines only the scorer proposes, in the same places: not lifted
    loose = [({**f, "ev=extra": 1.0}, w) for f, w in run]
    assert model.score_all(loose)[1] < 0.5
