"""Pages run onto one line with their pieces glued together without a space: the promo
layout cuts them where one piece ends and the next begins. Drafts written for these tests."""

from __future__ import annotations

from copylint.parsers import parse
from copylint.promo.layout import layout_of, segments
from test_promo import apply, hits


def pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in segments(text, 0, len(text))]


def test_a_lower_case_word_glued_to_a_capitalised_one_is_a_cut():
    assert pieces("The scales weighHong Kong traders hope. Rates held.") == [
        "The scales weigh",
        "Hong Kong traders hope.",
        "Rates held.",
    ]


def test_capitals_and_stops_glued_to_a_capitalised_word_are_cuts():
    assert pieces("READ THE FULL GUIDE HEREHarbour fees rose in May.") == [
        "READ THE FULL GUIDE HERE",
        "Harbour fees rose in May.",
    ]
    assert pieces("The jam sets within a day.You may also like...Seven Quiet Beaches") == [
        "The jam sets within a day.",
        "You may also like...",
        "Seven Quiet Beaches",
    ]


def test_camel_case_names_and_brands_stay_whole():
    text = (
        "She filmed it for YouTube on her iPhone near McDonald's, read about MacArthur "
        "and the NewsDesk app, and the NewsDesk team replied within GIFs."
    )
    assert pieces(text) == [text]
    # a pair seen once is a glue; the same pair used twice on the page is a name
    assert pieces("Lunch at QuayBistro, then QuayBistro again.") == [
        "Lunch at QuayBistro, then QuayBistro again."
    ]


STORY = (
    "The ferry board met on Monday to weigh a rise in fares on the north routes after a "
    "year of losses. Members heard that fuel costs had doubled since the spring and that "
    "two boats needed new engines. The chair said a decision would come before the winter "
    "timetable starts in October. Passengers who spoke at the meeting asked the board to "
    "keep the discount for pensioners."
)
TEASERS = "You may also like...Harbour Seals Return to the Old DockSeven Villages Where the Bus Still Stops Twice a Day"
AFTER = "The board meets again on the first Monday of next month, when a vote is expected."


def test_glued_headline_list_on_a_one_line_page_is_cut_out_of_the_line():
    text = STORY + TEASERS + AFTER + "\n"
    doc, found = hits(text)
    ((name, h),) = found
    assert name == "Teaser"
    assert doc.source[h.start : h.end] == TEASERS
    assert doc.lines.position(h.start)[0] == 1
    # the block shares its line with body text: the fix takes the block alone
    assert apply(text, [h.fix]) == STORY + AFTER + "\n"


def test_glued_pieces_are_units_of_their_own_and_a_plain_long_line_is_not_cut():
    doc = parse(STORY + TEASERS + AFTER + "\n", "draft.txt")
    units = layout_of(doc).units
    assert [u.text for u in units if u.glued_before] == [
        "You may also like...",
        "Harbour Seals Return to the Old Dock",
        "Seven Villages Where the Bus Still Stops Twice a Day",
        AFTER,
    ]
    assert all(u.inline for u in units)
    plain = parse(STORY + " " + AFTER + "\n", "draft.txt")
    assert not any(u.glued_before or u.glued_after for u in layout_of(plain).units)
    assert hits(STORY + " " + AFTER + "\n")[1] == []
