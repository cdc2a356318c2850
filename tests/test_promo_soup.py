"""Whole-page copy whose menus, footer links and share bars are run together into long
"sentences" (menu soup): they are weighed as pieces of the page around the article
and flagged, while an article's own lists of names are left alone. Drafts written for
these tests."""

from __future__ import annotations

from copylint.parsers import parse
from copylint.promo.layout import layout_of
from copylint.promo.page import menu_shape, page_of, soup_features
from test_promo_page import ARTICLE, FOOTER, MENU, OTHERS, one_line_page, run_json, weighed

#: a site's navigation run together over the article (it ends where the page's own
#: title starts: no stop of its own)
NAV = (
    "Harbour Herald Home News Local News Sport Football Cricket Rugby Weather Travel "
    "Business Money Markets Culture Film Music Books Opinion Letters Puzzles Crosswords "
    "Obituaries Podcasts Video Video Photos Events Gardens Motoring Property Schools Jobs "
    "Recipes"
)
#: the footer's links run together after the other stories
FOOT = (
    "About Us Contact Us Careers Privacy Policy Terms and Conditions Site Map Accessibility "
    "Help Centre Archive Corrections Complaints Weather Travel Business Money Markets "
    "Culture Film Music Books Opinion Letters Puzzles Crosswords Obituaries Podcasts"
)


def soup_page() -> str:
    return NAV + " " + one_line_page().rstrip("\n") + " " + FOOT + "\n"


def test_a_menu_run_into_the_page_s_title_is_not_the_article_s_prose():
    # the navigation and the page's title read as one sentence with a stop at its end
    # and the article's key word in it ("Harbour"); it is a menu all the same
    layout = layout_of(parse(soup_page(), "page.txt"))
    found = page_of(layout)
    assert found is not None
    core = [u.text for u in layout.units[found.start : found.end + 1]]
    assert core == ARTICLE
    assert found.before(layout.units[0]) and layout.units[0].text.startswith("Harbour Herald Home")


def test_menu_soup_around_the_article_is_weighed_and_the_footer_flagged(tmp_path):
    pieces = weighed(soup_page())
    # both runs, longer than a headline, are weighed as pieces of the page
    assert any(key == "teaser+before+page" and NAV[:40] in piece for key, piece in pieces)
    assert any(key == "teaser+page" and FOOT[:40] in piece for key, piece in pieces)
    found = run_json(tmp_path, soup_page())
    assert any(FOOT[:40] in f["match"] for f in found), found
    for f in found:
        assert not any(sentence in f["match"] for sentence in ARTICLE), f


def test_the_shape_of_a_menu_run_together():
    nav = soup_features(NAV)
    assert nav["soup_menu"] == 1.0 and nav["soup_long"] == 0.0 and nav["soup_stops"] == 0.0
    assert nav["soup_repeat"] > 0  # "News ... News", "Video Video"
    form = soup_features("E-mail: Password: Remember me Sign in Register Forgot your password?")
    assert form["soup_labels"] > 0 and form["soup_menu"] == 0.0
    prose = soup_features(ARTICLE[0])
    assert prose["soup_menu"] == 0.0 and prose["soup_labels"] == 0.0
    assert prose["soup_function"] > nav["soup_function"]
    # a list of names inside a sentence has its commas: not a menu
    assert not menu_shape(
        "Tonight's side is Amara Quinn, Bede Harlow, Corin Vale, Dunstan Ivers, Elspeth "
        "Moreau, Fenwick Ashby, Gideon Thorne, Hollis Varga, Isolde Penhale and Jory Fane."
    )


#: an article of its own with long lists of proper names: a cast, a team sheet, towns
LISTS = [
    "The town theatre announced the cast of its spring production on Monday, after "
    "auditions that ran for most of the winter.",
    "Playing the leads are Marguerite Ellison, Tobias Reyes, Priya Anand, Declan Okafor, "
    "Helena Marsh, Gregory Whitfield, Saskia Lindqvist, Oswin Brady, Farah Haddad, Lucinda "
    "Fenwick, Rupert Kane, Ingrid Holm and Padraig Doyle.",
    "The touring version will visit these towns in the spring:",
    "Aldbury Ashwell Barley Benington Braughing Buntingford Cottered Hertingfordbury "
    "Hunsdon Kimpton Little Hadham Much Hadham Standon Therfield Walkern Wallington "
    "Westmill Widford Ardeley Anstey",
    "The youth team that opens the season on Saturday is Callum Ashby, Reuben Thorne, "
    "Milo Harcourt, Ewan Pryce, Joel Brandt, Kit Varga, Nico Penhale, Tate Morrow, Jude "
    "Fane, Ezra Quill and Rory Vance.",
    "Tickets for the opening night went on sale at the box office this morning and "
    "most of the front rows were sold within an hour.",
]


def test_an_article_with_long_lists_of_names_is_not_flagged(tmp_path):
    text = "\n\n".join(LISTS) + "\n"
    layout = layout_of(parse(text, "draft.txt"))
    assert page_of(layout) is None  # an article on its own, not a page
    assert run_json(tmp_path, text) == []
    # the same, with the lists run onto one line with the prose (as an extractor may)
    (tmp_path / "one").mkdir()
    assert run_json(tmp_path / "one", " ".join(LISTS) + "\n") == []


def test_other_stories_stay_weighed_on_a_page_with_menu_soup():
    pieces = [piece for _, piece in weighed(soup_page())]
    assert all(any(other in piece for piece in pieces) for other in OTHERS)


#: other stories' headlines over the article, one a line with no blank line between
#: them, each long enough that the next line could pass for a paragraph going on
TOP = [
    "Lighthouse keepers on the northern coast vote to strike over pay",
    "Ferry fares across the estuary will rise again from the first of March",
    "Council opens a consultation on parking charges near the cathedral",
    "Volunteers plant four thousand oak saplings along the old railway line",
]


def test_headlines_over_the_article_that_run_on_from_line_to_line_are_weighed():
    text = "\n".join([*MENU, *TOP, "", "\n\n".join(ARTICLE), "", *OTHERS, *FOOTER]) + "\n"
    layout = layout_of(parse(text, "page.txt"))
    found = page_of(layout)
    assert found is not None
    units = {u.text: u for u in layout.units}
    # the lines read on from each other (none stands on its own after the first) ...
    assert not any(units[t].standalone for t in TOP[1:])
    # ... but each opens with a capital and none ends a sentence: a list, not a paragraph
    pieces = {(key, piece.strip()) for key, piece in weighed(text)}
    assert all(("teaser+before+page", t) in pieces for t in TOP), pieces


def test_a_wrapped_paragraph_whose_lines_open_with_capitals_but_ends_a_sentence_is_not_a_list():
    # the same lines, the last closing with a stop: a paragraph wrapped at a fixed width
    intro = [*TOP[:-1], TOP[-1] + "."]
    text = "\n".join([*MENU, *intro, "", "\n\n".join(ARTICLE), "", *OTHERS, *FOOTER]) + "\n"
    pieces = [piece.strip() for key, piece in weighed(text) if key.endswith("+page")]
    assert not any(line in pieces for line in intro[1:])
