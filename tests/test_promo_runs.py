"""Pages run onto one line whose menus and headline lists carry no full stops: the promo
layout cuts such a run where one entry ends and the next begins, and leaves prose and
data lists whole. Drafts written for these tests."""

from __future__ import annotations

from copylint.promo.layout import segments
from test_promo_page import run_json


def pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in segments(text, 0, len(text))]


#: other stories' headlines, run together with single spaces and no full stops
HEADLINES = [
    "Lighthouse keepers return to Cape Wrath after a decade away",
    "Ferry fares on the Orkney routes rise again",
    "Stromness choir takes the National Folk Prize once more",
    "Storm damage closes the Fife Coastal Path until spring",
    "New bakery opens in Anstruther harbour",
]
MENU = "Home News Sport Weather Travel Business Culture Puzzles"


def test_a_run_of_headlines_with_no_stops_is_cut_into_its_headlines():
    run = MENU + " " + " ".join(HEADLINES)
    assert pieces(run) == [MENU + " " + HEADLINES[0], *HEADLINES[1:]]


def test_glued_run_cuts_are_elements_of_their_own():
    glued: set[int] = set()
    run = " ".join(HEADLINES) + " Archive Contact Careers Privacy Terms Search Subscribe"
    segments(run, 0, len(run), glued)
    assert {run[at:].split(" ")[0] for at in glued} == {
        "Ferry",
        "Stromness",
        "Storm",
        "New",
        "Archive",
    }


def test_a_long_sentence_of_prose_is_not_cut():
    # mostly lower-case words: a sentence, however long and however many names it has
    sentence = (
        "The harbour board said on Tuesday that the repairs to the east pier, which "
        "engineers from Leith and Dundee surveyed last spring, would take two more years "
        "because the old concrete supports under the Victorian promenade had cracked"
    )
    assert pieces(sentence) == [sentence]


def test_names_after_a_small_word_stay_with_it():
    # capitalised words after "in", "the", "at", "of": one phrase, not two entries
    text = (
        "Tour Dates and Venues in Denver at Red Rocks in Boston at the Paradise Rock "
        "Club in Austin at the Moody Theater in Seattle at the Paramount of Washington"
    )
    assert pieces(text) == [text]


def test_a_name_joined_to_a_longer_token_is_not_a_cut():
    text = (
        "Markets Business Tech Science Health Travel Books Music Film realtor.com Homes "
        "Jobs Cars Classifieds Obituaries Weather Traffic Lottery Horoscopes Puzzles"
    )
    assert pieces(text) == [text]


STORY = (
    "The ferry board met on Monday to weigh a rise in fares on the north routes after a "
    "year of losses. Members heard that fuel costs had doubled since the spring and that "
    "two boats needed new engines. The chair said a decision would come before the winter "
    "timetable starts in October. Passengers who spoke at the meeting asked the board to "
    "keep the discount for pensioners. A pensioner from the north routes said the ferry "
    "was the only way to reach the hospital in winter. The board said fares on the north "
    "routes would be reviewed again next year. Fuel for the ferry fleet is bought a year "
    "ahead, the board said, so costs will stay high until the spring."
)


def test_the_article_s_own_timetable_run_onto_the_line_is_cut_but_not_flagged(tmp_path):
    # a list of the article's own (routes and times, no full stops): cut into its
    # entries, each of them shares the story's words, and none is a teaser
    timetable = (
        "Winter Ferry Routes Kirkwall Pier to Stromness Quay twice daily Stromness Quay "
        "to Scrabster Harbour on weekdays Kirkwall Pier to Westray Pierowall on request "
        "Lerwick Harbour to Bressay Slip every hour"
    )
    assert len(pieces(timetable)) == 4
    found = run_json(tmp_path, STORY + " " + timetable + " " + STORY + "\n")
    assert found == []


def test_time_stamps_between_other_stories_cut_the_run_into_its_entries():
    # a "latest" list run onto one line: a stamp, a headline, a blurb, the next stamp
    run = (
        "3H ago Ferry fares rise again on the northern isles routes Islanders say the new "
        "prices will keep visitors away this summer 5 hours ago Choir from the Orkney "
        "villages wins a folk prize in Glasgow 12m ago"
    )
    assert pieces(run) == [
        "3H ago",
        "Ferry fares rise again on the northern isles routes Islanders say the new prices "
        "will keep visitors away this summer",
        "5 hours ago",
        "Choir from the Orkney villages wins a folk prize in Glasgow",
        "12m ago",
    ]


def test_a_time_in_a_sentence_of_prose_is_not_a_stamp():
    # the stamp shape inside a sentence, followed by a word in lower case, or a price
    sentence = (
        "The skipper said the engine had failed 3 hours ago and that the crew of the "
        "trawler had waited for the lifeboat in a rising swell off the west coast, which "
        "is why the harbour master asked about the boat bought for $40 two years ago."
    )
    assert pieces(sentence) == [sentence]
