"""Promo shapes missed on held-out copy (issue 10), through the real CLI: other
stories' headlines with no marker (one sharing a word with the story, one with a
hyphenated number, two in a row, a long one with a comma), soft sign-in prompts (also
where a link's markup sits inside the sentence) and a comment form's field labels.
Drafts written for these tests; look-alikes that must pass sit beside each."""

from __future__ import annotations

import textwrap

import pytest

SCIENCE = (
    "Researchers who ringed swifts on the cliffs of the north coast for a decade have "
    "found that the birds now arrive almost a week earlier each spring than they did "
    "when the survey began.",
    "The team fitted tiny trackers to forty birds and followed them to their winter "
    "grounds in central Africa, where the flocks fed for longer before turning north.",
    "Warmer weather along the route is the likeliest reason for the change, though the "
    "authors caution that ten years is a short record for a bird that lives for twenty.",
    "The survey will continue next summer with trackers on twice as many birds, and "
    "volunteers are being trained to read the rings from a distance.",
)

MARKET = (
    "The covered market in the old town will close for eighteen months from January "
    "while its iron roof is taken down, repaired and put back piece by piece.",
    "Traders will move to a row of temporary stalls in the square outside, and the "
    "council has promised that their rents will not rise while the work goes on.",
    "Several stallholders said they were worried that shoppers would drift away to the "
    "supermarkets on the ring road and never come back once the hall reopened.",
    "A meeting for traders and residents will be held at the town hall on Thursday.",
)


@pytest.fixture
def promo(promo_findings):
    """The promo findings of ``text`` checked as a draft named ``name``: (rule, text)."""

    def _promo(text: str, name: str = "draft.txt") -> list[tuple[str, str]]:
        return [(f["rule"], f["match"].strip()) for f in promo_findings(text, name)]

    return _promo


def _between(paragraphs: tuple[str, ...], line: str) -> str:
    """``line`` between the story's second and third paragraphs."""
    return "\n\n".join([*paragraphs[:2], line, *paragraphs[2:]]) + "\n"


def _after(paragraphs: tuple[str, ...], *lines: str, sep: str = "\n\n") -> str:
    return "\n\n".join(paragraphs) + "\n\n" + sep.join(lines) + "\n"


# ------------------------------------------------------------ headlines with no marker
@pytest.mark.parametrize(
    "headline",
    [
        # shares one word ("researchers") with the story
        "Researchers find a 4,000-year-old fishing net preserved in a peat bog",
        # an ordinal in a hyphenated compound is no fixture's date
        "Volunteers restore a 12th-century chapel roof using only hand tools",
        # a dash that goes on in lower case is no fixture's
        "Divers raise a 900-year-old oak canoe – and the mud that kept it whole",
    ],
    ids=["one shared word", "ordinal compound", "dash"],
)
def test_another_storys_headline_between_paragraphs_of_a_science_story_is_found(promo, headline):
    assert promo(_between(SCIENCE, headline)) == [("promo.Teaser", headline)]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank line between", "no blank line"])
def test_two_headlines_of_other_stories_after_the_end_are_one_finding(promo, sep):
    first = "Why your kettle might be wasting more power than your fridge"
    second = "The otter that learned to open the fish farm's feeding hatch"
    found = promo(_after(MARKET, first, second, sep=sep))
    assert found == [("promo.Teaser", first + sep + second)]


def test_a_long_feature_headline_with_a_comma_after_the_end_is_found(promo):
    headline = (
        "Twenty years after the mill shut, the weavers who stayed behind are teaching "
        "a new generation to run the old looms"
    )
    assert len(headline.split()) > 20
    assert promo(_after(MARKET, headline)) == [("promo.Teaser", headline)]


@pytest.mark.parametrize("width", [64, 200], ids=["headline wrapped too", "headline on one line"])
def test_a_headline_after_the_end_of_copy_wrapped_at_a_width_is_found(promo, width):
    headline = (
        "Twenty years after the mill shut, the weavers who stayed behind are teaching "
        "a new generation to run the old looms"
    )
    story = "\n\n".join(textwrap.fill(p, 64) for p in MARKET)
    wrapped = textwrap.fill(headline, width)
    assert promo(story + "\n\n" + wrapped + "\n") == [("promo.Teaser", wrapped)]


@pytest.mark.parametrize(
    "line",
    [
        # a crosshead in title case sharing one word with the story
        "What the Birds Eat on the Way Home",
        # a sentence-case subhead in the story's own words
        "Trackers on the swifts show a longer winter stay",
        # a piece of a paragraph wrapped at a width, stopping on "the"
        "Independent ornithologists who reviewed the data said they agreed with the",
    ],
    ids=["title-case crosshead", "own subhead", "wrapped piece"],
)
def test_lines_like_other_storys_headlines_are_left_alone(promo, line):
    assert promo(_between(SCIENCE, line)) == []


def test_two_lines_of_the_storys_own_after_the_end_are_left_alone(promo):
    lines = ("Swift numbers on the north coast since the survey began", "Ringing the swifts")
    assert promo(_after(SCIENCE, *lines)) == []


# ------------------------------------------------------------ soft sign-in prompts
def test_a_sign_in_or_free_account_prompt_ending_a_markdown_story_is_found(promo):
    prompt = "Log in or create a free account to read on and keep a list of saved pieces."
    text = "# Market roof repairs\n\n" + "\n\n".join(MARKET) + "\n\n" + prompt + "\n"
    assert promo(text, "draft.md") == [("promo.Paywall", prompt)]


def test_a_sign_in_link_prompt_near_the_top_of_an_html_story_is_found(promo):
    body = "".join(f"<p>{p}</p>\n" for p in MARKET)
    text = (
        "<html><body><article>\n<h1>Market roof repairs</h1>\n"
        '<p><a href="/account">Log in</a> to save this story and come back to it '
        "whenever you like.</p>\n" + body + "</article></body></html>\n"
    )
    found = promo(text, "draft.html")
    assert [rule for rule, _ in found] == ["promo.Paywall"]
    assert "to save this story" in found[0][1]


@pytest.mark.parametrize(
    "sentence",
    [
        "Stallholders sign in to save their pitch for the next market day, the clerk said.",
        "Traders can log in to the council's website to follow the progress of the work.",
    ],
)
def test_sentences_about_signing_in_are_left_alone(promo, sentence):
    assert promo(_between(MARKET, sentence)) == []


# ------------------------------------------------------------ comment form
def test_a_comment_forms_field_labels_join_the_block_around_them(promo):
    body = "".join(f"<p>{p}</p>\n" for p in MARKET)
    form = (
        "<p>Your email address will not be published. Required fields are marked *</p>\n"
        "<p>Name * Email * Website</p>\n"
        "<p>Save my name, email, and website in this browser for the next time I "
        "comment.</p>\n"
    )
    text = "<html><body><article>\n" + body + "</article>\n" + form + "</body></html>\n"
    found = promo(text, "draft.html")
    comment = [match for rule, match in found if rule == "promo.Comment"]
    assert len(comment) == 1
    assert "Required fields are marked" in comment[0]
    assert "Name * Email * Website" in comment[0]
    assert "for the next time I comment" in comment[0]
