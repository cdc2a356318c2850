"""What a promo unit's text alone decides (``layout._text_features``): the match text
with its sentence breaks, the word count, the headline shape and quoted speech.
These pin the edges of the patterns behind them, which are written for speed."""

from __future__ import annotations

import pytest

from copylint.promo.layout import _text_features


def features(text: str) -> dict:
    return _text_features.__wrapped__(text)[1]


def test_sentence_breaks_become_newlines_and_the_stops_stay():
    text = 'The ferry left late. "It rained," she wrote.  Then 40 cars queued.\tX'
    match = features(text)["match_text"]
    assert len(match) == len(text)
    assert match == 'The ferry left late.\n"It rained," she wrote.\n\nThen 40 cars queued.\nX'


def test_a_break_needs_a_stop_before_and_a_capital_or_figure_after():
    text = "Wait... then go. e.g. Here: Now!) Fine? (Maybe) ok."
    match = features(text)["match_text"]
    # "go. e" (lower case after) and "Here: Now" (a colon is a stop) and "!) Fine"
    assert match == "Wait... then go. e.g.\nHere:\nNow!)\nFine?\n(Maybe) ok."


def test_two_glued_sentences_are_cut_at_the_stop():
    text = "Prices rose sharply.Readers may also like"
    match = features(text)["match_text"]
    assert match == "Prices rose sharply\nReaders may also like"
    # one letter in lower case before the stop, or none after, is no glue
    assert features("Use A.Bc now")["match_text"] == "Use A.Bc now"
    assert features("the end.Q and more")["match_text"] == "the end.Q and more"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("rock'n'roll and x-rays at 3.5 km", 6),
        ("Tom & Jerry's - a 'quoted' word", 5),
        ("--- ... ''", 0),
    ],
)
def test_words_are_counted_with_their_joiners(text, words):
    assert features(text)["words"] == words


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Council Votes To Close The Old Pool", True),
        ("SEVEN THINGS TO DO THIS WEEKEND", True),
        ("Three Ways the river Floods", True),  # 3 of 4 content words
        ("Three Ways river floods Now", False),  # 3 of 5
        ("The council voted to close the old pool on Monday", False),
        ("Of the and", False),  # no content words
    ],
)
def test_headline_shape(text, headline):
    assert features(text)["headline"] is headline


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("The bridge will reopen in June, the engineer told reporters on Friday.", True),
        ("Fares go up next week; according to the operator the rise is small.", True),
        ("The bridge will reopen in June, the engineer said, but not before.", False),
        ("Twelve people said the bridge will reopen in June.", False),
    ],
)
def test_attribution_at_the_end_is_quoted_speech(text, quoted):
    assert features(text)["quoted"] is quoted
