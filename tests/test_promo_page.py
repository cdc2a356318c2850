"""Whole-page copy (an extractor that keeps menus, other stories and the footer): where
the article sits on the page, and the other stories after it. Drafts written for these
tests."""

from __future__ import annotations

import json
import textwrap

from click.testing import CliRunner

from copylint.cli import cli as main
from copylint.config import Config
from copylint.parsers import parse
from copylint.promo.layout import layout_of
from copylint.promo.page import page_of
from copylint.promo.scorer import Model
from test_promo import ALL

MENU = [
    "Home",
    "News",
    "Local",
    "Sport",
    "Weather",
    "Travel",
    "Business",
    "Culture",
    "Opinion",
    "Puzzles",
    "Obituaries",
    "Podcasts",
    "Search",
]
ARTICLE = [
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its concrete supports.",
    "Engineers from the harbour board said the cracks in the pier supports had grown "
    "since a survey of the pier last spring.",
    "Boat owners who moor at the east pier will be moved to the west basin until the "
    "repairs to the pier are finished.",
    "The board will pay for the extra moorings in the west basin, the harbour master "
    "told owners at a meeting on the pier.",
    "Some owners said the harbour board had known about the cracks in the pier for "
    "years and should have acted sooner.",
    "The pier was built in 1926 and the board last repaired its supports in the "
    "1980s, after a storm damaged the harbour.",
    "Repairs to the pier supports are expected to cost the harbour board about four "
    "million pounds over two years.",
    "The board said the east pier would reopen to boats and walkers once engineers "
    "had replaced the cracked supports.",
]
#: other stories' headlines and one-sentence blurbs, as a page lists them after the article
OTHERS = [
    "Why the city's bus drivers are learning sign language",
    "A bakery in the old town has sold the same rye loaf since 1890.",
    "Ten mountain villages where the snow never melts before May",
    "Hikers are queueing for permits to climb the northern ridge.",
    "Local choir wins national prize with a song about lighthouses",
    "The singers rehearsed for a year in a disused chapel.",
    "A retired teacher has knitted jumpers for every penguin at the zoo",
    "Keepers say the birds do not seem to mind.",
    "Council plans a night market in the cathedral square",
    "Traders will pay a small fee for each stall.",
    "The quiet rise of the allotment waiting list",
    "Gardeners now wait six years for a plot.",
    "Seven recipes for a wet weekend",
    "Soup, stew and a very large pie.",
    "Stargazers gather on the moor for the meteor shower",
    "Clear skies are forecast until midnight.",
]
FOOTER = ["About us", "Contact", "Careers", "Privacy", "Terms"]


def line_page() -> str:
    """A page with one element a line: menus, the article's paragraphs, others, footer."""
    article = "\n\n".join(ARTICLE)
    return "\n".join([*MENU, "", article, "", *OTHERS, *FOOTER]) + "\n"


def one_line_page() -> str:
    """The same page run onto one line, as some extractors give it."""
    pieces = ["Harbour Herald", *(m + "." for m in MENU), *ARTICLE, *OTHERS]
    return " ".join([*pieces, "About us.", "Contact us."]) + "\n"


def page(text: str):
    layout = layout_of(parse(text, "draft.txt"))
    return layout, page_of(layout)


def texts(layout, first: int, last: int) -> list[str]:
    return [u.text for u in layout.units[first : last + 1]]


def test_the_article_is_found_between_the_menus_and_the_other_stories():
    layout, found = page(line_page())
    assert found is not None
    assert texts(layout, found.start, found.end) == ARTICLE
    after = [u for u in layout.units if found.after(u)]
    assert [u.text for u in after] == OTHERS + FOOTER
    # the other stories share no words with the article: each is off its topic
    assert all(u.index in found.off for u in after if u.text in OTHERS)


def test_a_page_run_onto_one_line_is_cut_into_its_sentences_and_read_the_same_way():
    layout, found = page(one_line_page())
    assert found is not None
    assert texts(layout, found.start, found.end) == ARTICLE
    assert all(u.inline for u in layout.units)


def test_a_paragraph_wrapped_at_a_fixed_width_counts_as_one():
    wrapped = "\n\n".join(textwrap.fill(p, 76) for p in ARTICLE)
    text = "\n".join([*MENU, "", wrapped, "", *OTHERS, *FOOTER]) + "\n"
    layout, found = page(text)
    assert found is not None
    core = " ".join(texts(layout, found.start, found.end))
    assert core == " ".join(" ".join(p.split()) for p in ARTICLE).replace("\n", " ")


def test_an_article_on_its_own_is_not_a_page():
    # no menus, nothing run together: the copy a writer submits
    layout, found = page("\n\n".join(ARTICLE + OTHERS[:4]) + "\n")
    assert found is None
    # a long article that drifts from subject to subject is not one either
    layout, found = page("\n\n".join(ARTICLE + OTHERS) + "\n")
    assert found is None


def run_json(tmp_path, text: str) -> list[dict]:
    draft = tmp_path / "page.txt"
    draft.write_text(text, encoding="utf-8")
    config = tmp_path / "copylint.toml"
    config.write_text('packs = ["promo"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "json", "--config", str(config), str(draft)]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def test_other_stories_after_the_article_on_a_one_line_page_are_teasers(tmp_path):
    found = run_json(tmp_path, one_line_page())
    teasers = [f for f in found if f["rule"] == "promo.Teaser"]
    assert teasers, found
    for f in found:
        assert not any(sentence in f["match"] for sentence in ARTICLE), f
    assert all(
        any(other in f["match"] for other in OTHERS) and 0 < f["confidence"] <= 1 for f in teasers
    )


def test_a_list_of_dates_after_the_article_on_a_page_is_left_alone(tmp_path):
    dates = [
        "May 4 – Bristol @ Harbour Hall",
        "May 6 – Leeds @ The Old Mill Rooms",
        "May 9 – Glasgow @ Riverside Ballroom",
        "May 11 – Dublin @ Quay Street Theatre",
        "Gulls: Host the Pelicans on Thursday.",
        "Otters: Visit the Herons on Saturday.",
    ]
    text = one_line_page().replace(" ".join(OTHERS), " ".join(dates))
    layout, found = page(text)
    assert found is not None  # a page all the same
    assert [f for f in run_json(tmp_path, text) if f["rule"] == "promo.Teaser"] == []
    # its lines are not even weighed as other stories; the other stories' lines are
    # (each in a piece of its own after the article, or in a block the patterns found)
    assert not any(
        key.endswith("+page") and any(row in piece for row in dates) for key, piece in weighed(text)
    )
    pieces = [piece for _, piece in weighed(one_line_page())]
    assert all(any(other in piece for piece in pieces) for other in OTHERS)


def weighed(text: str) -> list[tuple[str, str]]:
    """What the teaser rule weighs: each candidate's kind (its bar's key) and text."""
    doc = parse(text, "draft.txt")
    return [
        (Model.key(feats), doc.source[hit.start : hit.end])
        for hit, feats, _ in ALL["Teaser"].candidates(doc, Config())
    ]


def test_pieces_before_the_article_on_a_page_are_weighed_apart_from_those_after():
    # the menu's entries say too little (one or two words); other stories' headlines
    # over the article are weighed with a bar of their own
    top = ["Lighthouse keepers vote to strike", "Why ferry fares rose again"]
    text = "\n".join([*MENU, *top, "", "\n\n".join(ARTICLE), "", *OTHERS, *FOOTER]) + "\n"
    pairs = {(key, piece.strip()) for key, piece in weighed(text)}
    assert all(("teaser+before+page", t) in pairs for t in top), pairs
    assert ("teaser+page", OTHERS[2]) in pairs
    assert not any(sentence in piece for _, piece in pairs for sentence in ARTICLE)


def test_a_wrapped_paragraph_before_the_article_is_not_weighed_line_by_line():
    # an introduction wrapped at a fixed width, on a subject of its own, over the article
    intro = textwrap.fill(
        "Every winter the paper asks its readers which walk along the coast they love "
        "most, and every winter the answers arrive by the sackful from all over the "
        "county and from a good many places further away than that",
        60,
    )
    text = "\n".join([*MENU, "", intro, "", "\n\n".join(ARTICLE), "", *OTHERS, *FOOTER]) + "\n"
    layout, found = page(text)
    assert found is not None
    lines = intro.splitlines()
    assert len(lines) >= 3
    assert all(found.before(u) for u in layout.units if u.text in lines)
    # (a page's piece; the first line may still be weighed as a loose headline)
    weighed_pieces = [piece.strip() for key, piece in weighed(text) if key.endswith("+page")]
    assert not any(line in weighed_pieces for line in lines)
    assert weighed_pieces  # the other stories after the article are


#: a plain-text recipe: a list of ingredients under a header, most with a quantity
INGREDIENTS = [
    "Ingredients:",
    "2 cups plain flour",
    "1 tsp baking soda",
    "½ tsp fine salt",
    "3 ripe pears",
    "100g soft butter",
    "2 large eggs",
    "1 cup brown sugar",
    "2 tbsp runny honey",
    "1 tsp ground ginger",
    "½ tsp ground cloves",
    "Zest of one lemon",
    "Butter for greasing",
    "Icing sugar to dust",
    "Cream to serve",
]
METHOD = [
    "Heat the oven to 180C and grease the loaf tin with butter, then line the loaf tin "
    "with baking paper.",
    "Peel the pears, cut the pears into quarters and take out the cores, then slice the "
    "pears thinly for the loaf.",
    "Beat the butter with the sugar until pale, then beat the eggs into the butter one at "
    "a time for the batter.",
    "Fold the flour into the batter with the baking soda, the salt, the ginger and the "
    "cloves until the batter is smooth.",
    "Stir the pears and the lemon zest into the batter, then spoon the batter into the "
    "loaf tin and level it.",
    "Bake the loaf for fifty minutes, until a skewer pushed into the middle of the loaf "
    "comes out of the batter clean.",
    "Warm the honey in a small pan and brush the honey over the loaf while the loaf is "
    "still hot from the oven.",
    "Leave the loaf in the tin for ten minutes, then turn the loaf out onto a rack and "
    "dust the loaf with sugar.",
    "The pears keep the loaf moist for three days in a tin, and the ginger in the batter "
    "grows stronger each day.",
]


def test_a_recipe_s_ingredients_are_not_a_page_s_menus(tmp_path):
    # fourteen short lines with no closing stop: a list under a header, with quantities
    text = "Pear and ginger loaf\n\nServes eight\n\n" + "\n".join(INGREDIENTS)
    text += "\n\n" + "\n\n".join(METHOD) + "\n"
    assert page(text)[1] is None
    assert not any(key.endswith("+page") for key, _ in weighed(text))
    assert [f for f in run_json(tmp_path, text) if f["rule"] == "promo.Teaser"] == []
    # the same number of menu entries over the same article make it a page
    menu = "\n".join(MENU + ["Recipes", "Baking"]) + "\n\n" + "\n\n".join(METHOD) + "\n"
    assert page(menu + "\n" + "\n".join(OTHERS) + "\n")[1] is not None


def page_feats(text: str) -> dict[tuple[str, str], dict[str, float]]:
    """The features of each piece of the page the teaser rule weighs, by where it
    stands ("pb" before the article, "pg" after it) and its text."""
    doc = parse(text, "draft.txt")
    return {
        ("pb" if "pb:bias" in feats else "pg", doc.source[hit.start : hit.end].strip()): feats
        for hit, feats, _ in ALL["Teaser"].candidates(doc, Config())
        if Model.key(feats).endswith("+page")
    }


def test_a_piece_among_other_stories_and_a_piece_the_page_repeats_say_so():
    top = ["Lighthouse keepers vote to strike", "Night ferry timetable for winter"]
    bottom = [*OTHERS, "Night ferry timetable for winter", *FOOTER]
    text = "\n".join([*MENU, *top, "", "\n\n".join(ARTICLE), "", *bottom]) + "\n"
    feats = page_feats(text)
    # the other stories come in a run: a piece's neighbours are off the topic too
    assert feats["pg", OTHERS[6]]["pg:near_off"] == 1.0
    # a piece the page shows twice (over the article and after it) is marked as such
    assert feats["pb", top[1]]["pb:repeat"] == 1.0
    assert feats["pg", top[1]]["pg:repeat"] == 1.0
    assert feats["pg", OTHERS[6]]["pg:repeat"] == 0.0
    # next to the article, a piece has the article's paragraphs for neighbours
    assert feats["pb", top[1]]["pb:near_off"] < 1.0


#: a live blog's key events run onto one line over the article, each entry after its
#: time stamp: a summary of the article's own entries, not a list of other stories
KEY_EVENTS = (
    "Key events 1 hour ago Harbour board closes the east pier for repairs to its supports "
    "2 hours ago Engineers find cracks in three concrete supports of the pier "
    "3 hours ago Boat owners moved from the east pier to moorings in the west basin "
    "4 hours ago Owners say the harbour board knew about the cracks for years "
    "5 hours ago Repairs to the pier supports to cost the board four million pounds "
    "6 hours ago Harbour master tells owners the board will pay for extra moorings"
)


def test_a_live_blog_s_key_events_over_its_article_on_a_page_are_left_alone(tmp_path):
    assert len(KEY_EVENTS) > 400  # a long line: cut around its time stamps
    top = ["Lighthouse keepers vote to strike", "Why ferry fares rose again"]
    article = "\n\n".join(ARTICLE)
    text = "\n".join([*MENU, *top, "", KEY_EVENTS, "", article, "", *OTHERS, *FOOTER]) + "\n"
    layout, found = page(text)
    assert found is not None
    line = text.splitlines().index(KEY_EVENTS) + 1
    teasers = [f for f in run_json(tmp_path, text) if f["rule"] == "promo.Teaser"]
    assert not [f for f in teasers if f["line"] <= line <= f["end_line"]], teasers
    # the other stories' headlines over the article and after it are still weighed
    pairs = {(key, piece.strip()) for key, piece in weighed(text)}
    assert all(("teaser+before+page", t) in pairs for t in top), pairs
    assert ("teaser+page", OTHERS[2]) in pairs


#: a brief of four paragraphs: too short a stretch for the bar of a long article
BRIEF = [
    "The village library will open on Sundays from next month, the parish council "
    "said after a vote on Monday evening.",
    "Library volunteers asked the council for Sunday hours because families wanted a "
    "quiet place to read at the weekend.",
    "The council will pay for heating the library on Sundays, and the volunteers will "
    "staff the library desk in turns.",
    "Some council members worried about the cost of Sunday heating, but the library "
    "vote passed by seven votes to two.",
]


def _one_line_page(*article: str) -> str:
    """A page run onto one line: the site's name and menus, ``article``, other
    stories, the footer links."""
    pieces = ["Harbour Herald", *(m + "." for m in MENU), *article, *OTHERS]
    return " ".join([*pieces, "About us.", "Contact us."]) + "\n"


def _short_article_found(text: str, article: list[str]) -> list[tuple[str, str]]:
    """Asserts ``article`` is found as the page's article and the other stories after
    it are weighed as teaser pieces of the page; the page pieces weighed."""
    layout, found = page(text)
    assert found is not None
    assert texts(layout, found.start, found.end) == article
    pairs = [(key, piece) for key, piece in weighed(text) if key.endswith("+page")]
    assert any(OTHERS[2] in piece for key, piece in pairs if key == "teaser+page"), pairs
    return pairs


def test_a_short_article_on_a_page_full_of_menus_is_still_a_page():
    # the page run onto one line: its menus, two headlines, the brief, other stories
    top = ["Lighthouse keepers vote to strike.", "Why ferry fares rose again."]
    pairs = _short_article_found(_one_line_page(*top, *BRIEF), BRIEF)
    # what stands over a short article (its title and standfirst among the menus) is
    # not weighed
    assert not any(key == "teaser+before+page" for key, _ in pairs), pairs
    assert not any(sentence in piece for _, piece in pairs for sentence in BRIEF)


def test_a_short_stretch_of_a_long_piece_on_a_page_is_not_its_article():
    # the brief's subject comes back after eight paragraphs on another: the best stretch
    # holds too little of what the page says on its subject to be the article
    aside = [
        "A storm in the night brought down two old oak trees on the road to the "
        "market town, and crews cleared them by dawn.",
        "Farmers on the hill said the rain had flattened the barley in three fields "
        "just a week before the harvest was due.",
        "The ferry to the island was cancelled for the day, and the next sailing "
        "is expected on Thursday if the wind drops.",
        "Anglers on the river bank reported the highest water since the floods of "
        "the winter before the dam was mended.",
        "The bakery on the high street ran out of bread by noon as shoppers stocked "
        "up before the roads closed again.",
        "Bus drivers were told to avoid the coast road, where waves broke over the "
        "sea wall near the old lifeboat station.",
        "Power was cut to forty homes in the valley when a branch fell across the "
        "line behind the old mill late that night.",
        "The school on the green stayed shut because its boiler failed, and pupils "
        "were sent work to do at home for the day.",
    ]
    again = [
        "Library volunteers will meet the council again in spring to see whether "
        "Sunday hours should stay for the summer.",
        "The council said the library could open on Sunday mornings only if heating "
        "the whole building proved too costly.",
        "Families who use the library on Sundays are asked to tell the volunteers "
        "which hours suit them best, the council said.",
    ]
    body = "\n\n".join([*BRIEF, *aside, *again])
    text = "\n".join([*MENU, "", body, "", *OTHERS, *FOOTER]) + "\n"
    assert page(text)[1] is None


#: a brief whose words come back in two of its paragraphs at most
STRIKE = [
    "Workers at the paper mill walked out on Friday over a plan to cut their late "
    "shift allowance by a third.",
    "The mill owners said the allowance cut would save jobs, but the union called the "
    "plan an insult to loyal staff.",
    "Pickets stood at the gates of the paper company before dawn, and lorries waited "
    "on the road for hours.",
    "Talks between the union and the company will resume on Monday, a spokesman for the "
    "pickets said at the gates.",
]


def test_a_short_article_on_a_page_run_onto_one_line_is_found_by_words_used_twice():
    _short_article_found(_one_line_page(*STRIKE), STRIKE)
    # with its menus on lines of their own (a copy that keeps the page's lines), the
    # same brief does not say enough of its subject to be told from the menus
    lines = "\n".join([*MENU, "", "\n\n".join(STRIKE), "", *OTHERS, *FOOTER]) + "\n"
    assert page(lines)[1] is None
