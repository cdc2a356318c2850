"""Promo found on copy run onto long lines and in new shapes (issue 10), through the
real CLI. Drafts written for these tests; look-alikes that must pass sit beside each."""

from __future__ import annotations

import pytest

#: an article whose paragraphs an extractor ran onto one line (joined by spaces)
ONE_LINE = (
    "The ferry board met on Monday to weigh a rise in fares on the north routes after a "
    "year of losses. Members heard that fuel costs had doubled since the spring and that "
    "two boats needed new engines. The chair said a decision would come before the winter "
    "timetable starts in October. Passengers who spoke at the meeting asked the board to "
    "keep the discount for pensioners, and the chair promised to look at it again. The "
    "board also heard a report on the new pier at the harbour mouth, which opens in May."
)


@pytest.fixture
def promo(promo_findings):
    """The promo findings of ``text`` checked as a draft: (rule, text) pairs."""

    def _promo(text: str) -> list[tuple[str, str]]:
        return [(f["rule"], f["match"].strip()) for f in promo_findings(text)]

    return _promo


# ------------------------------------------------------------ headers on a long line
def test_a_list_header_ending_a_one_line_article_is_found_with_its_headlines(promo):
    tail = (
        "You may also like... Will the old lighthouse reopen in the summer? "
        "Seven villages where the bus still stops twice a day"
    )
    found = promo(ONE_LINE + " " + tail + "\n")
    assert [rule for rule, _ in found] == ["promo.Teaser"]
    assert found[0][1] == tail


def test_a_list_header_alone_at_the_end_of_a_one_line_article_is_found(promo):
    found = promo(ONE_LINE + " Related stories:\n")
    assert found == [("promo.Teaser", "Related stories:")]


def test_a_header_like_sentence_followed_by_more_of_the_article_is_left_alone(promo):
    # "More." is followed by more of the article (sentences with a full stop)
    text = ONE_LINE + " More. The chair said the fares would rise by a tenth in November."
    assert promo(text + "\n") == []


# ------------------------------------------------------------ page furniture
STORY = (
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its concrete supports during a survey.\n\n"
    "Boat owners will be moved to the west basin until the work is finished next "
    "spring, and the board will pay for the extra moorings, the chairman said.\n"
)


@pytest.mark.parametrize(
    "bar",
    [
        "Share this: Facebook Twitter WhatsApp Email",
        "Share this article Reddit LinkedIn Email",
        "214 shares Pinterest Facebook Twitter Flipboard",
    ],
)
def test_a_bar_of_share_buttons_run_into_a_line_is_cut_out_alone(promo, bar):
    line = "By Ann Lee, harbour reporter " + bar + " The board met at noon."
    found = promo(STORY + "\n" + line + "\n")
    assert found == [("promo.Social", bar)]


@pytest.mark.parametrize(
    "line", ["Sign In Subscribe", "Sign in / My account", "Subscription Options"]
)
def test_a_pages_account_and_subscription_links_are_paywall_furniture(promo, line):
    first, rest = STORY.split("\n\n", 1)
    found = promo(first + "\n\n" + line + "\n\n" + rest)
    assert found == [("promo.Paywall", line)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents were asked to share the survey on Facebook and Twitter, and to share "
        "this advice: email the board before Friday.",
        "Subscriptions to the ferry pass rose by a tenth, and users must sign in and "
        "register again when the new system starts in May.",
    ],
    ids=["sharing", "signing in"],
)
def test_sentences_about_sharing_or_signing_in_are_left_alone(promo, sentence):
    assert promo(STORY + "\n" + sentence + "\n") == []


@pytest.mark.parametrize(
    "form, rule",
    [
        ("Leave a Reply Cancel reply", "promo.Comment"),
        (
            "Save my name, email, and website in this browser for the next time I comment.",
            "promo.Comment",
        ),
        ("Notify me of new comments by email.", "promo.Comment"),
    ],
)
def test_comment_form_boilerplate_run_into_a_line_is_cut_out(promo, form, rule):
    line = "Posted in Harbour News " + form + " Tags: pier, repairs"
    found = promo(STORY + "\n" + line + "\n")
    assert found == [(rule, form)]


def test_a_cookie_banners_accept_button_on_its_own_line_is_found(promo):
    first, rest = STORY.split("\n\n", 1)
    assert promo(first + "\n\nI Accept\n\n" + rest) == [("promo.Cookie", "I Accept")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will notify residents by email when the period for comments closes.",
        "I accept the ruling and will not appeal it, the chairman told the board.",
        "Staff were told to cancel replies to the survey that arrived after Friday.",
    ],
)
def test_sentences_like_form_boilerplate_are_left_alone(promo, sentence):
    assert promo(STORY + "\n" + sentence + "\n") == []


# ------------------------------------------------------------ new call-to-action wordings
@pytest.mark.parametrize(
    "line, rule",
    [
        ("Find more harbour walks like this one here!", "promo.Teaser"),
        # (the "click here" cue of app plugs weighs on it too: either name will do)
        ("Read more from the Courier by clicking here", None),
        ("This giveaway is brought to you by Harbour Savings Bank.", "promo.Ad"),
        ("This guide may contain affiliate and/or referral links.", "promo.Affiliate"),
        ("Make us your homepage", "promo.AppMedia"),
        ("Download our apps for iOS and Android", "promo.AppMedia"),
        ("Comments comments", "promo.Comment"),
        ("Let us know what you think... comments", "promo.Comment"),
        ("Got a story tip for us?", "promo.Comment"),
        ("2.4k shares", "promo.Social"),
        ("Share via", "promo.Social"),
        ("Want more harbour news like this?", "promo.Newsletter"),
        ("This blog uses Akismet to cut down on spam.", "promo.Comment"),
        ("Learn how your comment data is processed and stored.", "promo.Comment"),
        ("Thanks! Your comment will be reviewed before it appears.", "promo.Comment"),
        ("Loading comments...", "promo.Comment"),
    ],
)
def test_calls_to_action_in_new_wordings_are_found(promo, line, rule):
    first, rest = STORY.split("\n\n", 1)
    found = promo(first + "\n\n" + line + "\n\n" + rest)
    assert [text for _, text in found] == [line]
    assert rule is None or found[0][0] == rule


def test_a_click_here_link_after_a_subscription_offer_joins_its_block(promo):
    offer = (
        "Get the Harbour Monthly delivered to your door every month. 12 issues for £20. "
        "Click here for details."
    )
    found = promo(ONE_LINE + " " + offer + "\n")
    assert found == [("promo.Paywall", offer)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Walkers can find more of the old harbour paths here, the guide said, if they "
        "look past the new fences.",
        "The bank said the giveaway was brought to you by its members, not by the board.",
        "Investigators said the site may contain links to older fraud cases.",
        "The council made the harbour its homepage for tourism, the mayor said at the "
        "meeting on Monday.",
        "Clicking here and there through the archive, she found the 1952 minutes.",
        "Anglers who have a tip about the missing nets were asked to call the harbour office.",
        "Shares in the ferry company fell by a fifth after the board's decision.",
        "Do the fishermen want more moorings? The board thinks so, the chairman said.",
        "Want more proof?",
        "Loading comments from the public took the clerks most of the week, she said.",
    ],
)
def test_sentences_like_the_new_calls_to_action_are_left_alone(promo, sentence):
    assert promo(STORY + "\n" + sentence + "\n") == []


# ------------------------------------------------------------ another story's headline on top
BODY = (
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its concrete supports during a routine survey.\n\n"
    "Boat owners will be moved to the west basin until the work is finished next spring, "
    "and the board will pay for the extra moorings, the chairman said after the vote.\n\n"
    "Fishermen who land their catch at the pier worried that the west basin is too "
    "shallow for the larger trawlers at low tide, and asked for a temporary pontoon.\n\n"
    "The engineers expect the repairs to cost about two million pounds, which the board "
    "hopes to recover from its insurers and from a government fund for coastal towns.\n\n"
    "Local traders said the closure would hurt the cafes and ice cream kiosks along the "
    "promenade, which depend on visitors who come to watch the boats unload each evening.\n"
)


def test_a_title_that_shares_no_word_with_its_story_is_left_alone(promo):
    # a feature's title may be a pun or an image and name nothing of the story: the
    # first line is the title, not another story's headline
    title = "A long quiet winter ahead for an old quayside"
    assert promo(title + "\n\n" + BODY) == []
    # the same line after the story's last paragraph is another story's headline
    assert promo(BODY + "\n" + title + "\n") == [("promo.Teaser", title)]


@pytest.mark.parametrize(
    "title",
    [
        "Harbour board shuts east pier after engineers find cracks",
        "By Ann Lee and Sam Cole, Sunday Courier staff writers",
        "Here are the questions the volunteers asked tonight:",
    ],
    ids=["own title", "byline", "lead-in"],
)
def test_a_first_line_of_the_articles_own_is_left_alone(promo, title):
    assert promo(title + "\n\n" + BODY) == []


def test_a_lead_in_sentence_between_paragraphs_is_not_a_headline(promo):
    first, rest = BODY.split("\n\n", 1)
    lead_in = "The lifeboat station opens its doors on Saturday. Here is the programme:"
    assert promo(first + "\n\n" + lead_in + "\n\n" + rest) == []


# ------------------------------------------------------------ list headers in other words
FARES = (
    "The ferry board met on Monday to weigh a rise in fares on the north routes after a "
    "year of losses, and members heard that fuel costs had doubled since the spring.\n\n"
    "The chair said a decision would come before the winter timetable starts in October.\n\n"
)
OTHER_HEADLINES = (
    "Seven villages where the bus still stops twice a day\n"
    "Harbour cafe wins award for its crab sandwiches\n"
    "Why the old lighthouse may never reopen\n"
)


@pytest.mark.parametrize(
    "header",
    ["You may like these posts", "You might enjoy", "Recent Posts", "More Harbour Stories"],
)
def test_a_list_header_in_other_words_is_found_with_its_headlines(promo, header):
    found = promo(FARES + header + "\n" + OTHER_HEADLINES)
    assert [rule for rule, _ in found] == ["promo.Teaser"]
    assert found[0][1].startswith(header)
    assert found[0][1].endswith("reopen")


@pytest.mark.parametrize(
    "line",
    ["More than 300 stories", "You may like these ferries better", "Recent posts show growth"],
)
def test_a_line_like_a_list_header_over_body_text_is_left_alone(promo, line):
    body_after = (
        "Board members said the figures would be published in full before the meeting in "
        "October, with a breakdown by route and by season.\n"
    )
    assert promo(FARES + line + "\n\n" + body_after) == []


def test_a_lead_in_line_under_a_list_header_is_not_one_of_its_headlines(promo):
    # the header's list is empty; the article goes on with a lead-in and its quote
    text = (
        FARES + "More from the Courier\n"
        "Here are the main points of the report:\n\n"
        '"Fares on the north routes will rise by a tenth in October," the report says.\n'
    )
    found = promo(text)
    assert all("main points" not in match for _, match in found)
