"""A promo phrase that the article reports on (a story about comment sections, cookie
banners or submission rules) is the writer's sentence, not boilerplate; the same
phrase spoken to the reader by the site is still promo. Through the real CLI, with
drafts written for these tests."""

from __future__ import annotations

import json

import pytest

OPENING = (
    "The town council met on Tuesday night to argue about the future of the central "
    "library, which has lost a third of its funding since 2020.\n\n"
    "Librarians told the meeting that visitor numbers had recovered since the pandemic, "
    "with more than a thousand people coming in on a typical Saturday.\n\n"
)
CLOSING = (
    "\n\nThe council will vote on the library budget next month, and residents can give "
    "their views at a public meeting in March.\n"
)


@pytest.fixture
def promo(promo_findings):
    def _promo(middle: str) -> list[str]:
        return [f["rule"] for f in promo_findings(OPENING + middle + CLOSING, "draft.md")]

    return _promo


@pytest.mark.parametrize(
    "paragraph",
    [
        "Online the argument has been bitter. The local paper's comment section filled "
        "with hundreds of messages within an hour, many of them from former staff.",
        "The council reserves the right to remove damaged books from the shelves, a "
        "spokesperson said, but nothing of value would be thrown away.",
        "The library's poetry prize has changed its submission guidelines this year, and "
        "entries now come from writers of any age who live in the county.",
        "On the council's own website comments are closed on the consultation page, which "
        "campaigners said made it harder for residents to take part.",
        "Many of the sites in the survey said they use cookies to improve your experience, "
        "but most of those cookies served advertisers rather than readers.",
    ],
)
def test_a_paragraph_reporting_on_a_promo_subject_is_left_alone(promo, paragraph):
    assert promo(paragraph) == []


@pytest.mark.parametrize(
    ("paragraph", "rule"),
    [
        ("We reserve the right to remove comments that are abusive or off topic.", "promo.Comment"),
        ("Comments are closed.", "promo.Comment"),
        (
            "This website uses cookies to improve your experience. By browsing on, you "
            "agree to our use of cookies.",
            "promo.Cookie",
        ),
    ],
)
def test_the_same_phrases_spoken_to_the_reader_are_still_found(promo, paragraph, rule):
    assert promo(paragraph) == [rule]


NEWSLETTER_STORY = (
    "The county paper started a morning email two years ago with a few hundred "
    "readers, and the newsletter now reaches more homes than the printed paper did.\n\n"
    "Its editor said readers liked a short email that they could finish over breakfast, "
    "and that the newsletter had brought younger readers to the paper.\n\n"
    "Researchers said email gives small papers a way to reach readers that does not "
    "depend on search engines, though few readers pay for a newsletter alone.\n"
)


@pytest.mark.parametrize("mark", ["# ", ""])
def test_the_title_of_a_story_about_newsletters_is_left_alone(tmp_path, run, mark):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    title = mark + "County paper's morning email newsletter now outsells its print edition"
    (tmp_path / "draft.md").write_text(title + "\n\n" + NEWSLETTER_STORY, encoding="utf-8")
    result = run("check", "--format", "json", "draft.md")
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.output)["findings"]
    assert [f["rule"] for f in found if f["rule"].startswith("promo.")] == []


def test_a_sign_up_line_above_a_story_about_newsletters_is_still_found(tmp_path, run):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    text = "Sign up for our free morning newsletter\n\n" + NEWSLETTER_STORY
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", "draft.md")
    found = json.loads(result.output)["findings"]
    assert [f["rule"] for f in found if f["rule"].startswith("promo.")] == ["promo.Newsletter"]


@pytest.mark.parametrize(
    "heading",
    [
        "## Discussion",
        "## Conversation",
        "Discussion",
        # an imperative Markdown subhead over a paragraph that speaks to no reader
        "## Share your thoughts",
        "## Download the map",
        "### Watch the debate",
        # a heading that is a strong phrase of its own, over a report on the thing
        "## Download the app",
        "## Get the app",
    ],
)
def test_a_report_section_headed_discussion_is_left_alone(promo, heading):
    # a report's own section, not a comment widget's label or a prompt
    section = (
        f"{heading}\n\n"
        "The figures suggest that the late opening hours are most popular with students, "
        "who made up half of the evening visitors counted in the autumn survey.\n"
    )
    assert promo(section) == []


@pytest.mark.parametrize("label", ["Comments", "12 Comments", "Discussion comments"])
def test_a_comment_widgets_label_is_still_found(promo, label):
    assert promo(label) == ["promo.Comment"]


def test_a_subhead_that_starts_with_follow_is_left_alone(promo):
    # "Follow the money" heads a section; a prompt follows a person or a site
    section = (
        "Follow the money\n\n"
        "Most of the extra income will go on new reading rooms, the council said, with a "
        "smaller share set aside for repairs to the leaking roof.\n"
    )
    assert promo(section) == []


def test_a_follow_prompt_naming_a_network_is_still_found(promo):
    assert promo("Follow the Courier on Instagram and Facebook.") == ["promo.Social"]


def test_the_same_subhead_over_a_prompt_is_still_found(promo):
    section = (
        "## Share your thoughts\n\n"
        "Do you use the library after work? Tell us what you think of the new hours in "
        "the comments below, and we will pass the best answers to the council.\n"
    )
    assert "promo.Comment" in promo(section)


@pytest.mark.parametrize(
    "line",
    [
        "Be sure to visit the Courier on Facebook, Twitter and Instagram.",
        "Find us on Instagram for more pictures from the reading rooms.",
        "Like us on Facebook",
        "Don't forget to follow the Courier on TikTok.",
    ],
)
def test_a_visit_find_or_like_us_prompt_naming_a_network_is_found(promo, line):
    assert promo(line) == ["promo.Social"]


@pytest.mark.parametrize(
    "line",
    [
        "Like many people on Twitter, the head librarian was surprised by the vote.",
        "Visitors can find the new reading rooms on the second floor, beside the lifts.",
        "Be sure to visit the reading rooms on Saturday, when the new shelves go up.",
    ],
)
def test_a_sentence_that_only_looks_like_a_visit_prompt_is_left_alone(promo, line):
    assert promo(line) == []


@pytest.mark.parametrize(
    ("prompt", "rule"),
    [
        ("Follow us on Twitter @courier for updates.", "promo.Social"),
        ("Sign up for our free morning newsletter here.", "promo.Newsletter"),
    ],
)
def test_a_prompt_inside_a_paragraph_is_cut_alone_and_the_body_after_it_kept(
    tmp_path, run, prompt, rule
):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    before = (
        "The council met on Tuesday to discuss the library budget for next year, and the "
        "meeting ran late into the evening."
    )
    after = "The vote was put off until March because two members were ill and stayed at home."
    text = f"{before} {prompt} {after}\n"
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", "draft.txt")
    [item] = [f for f in json.loads(result.output)["findings"] if f["rule"].startswith("promo.")]
    assert item["rule"] == rule
    assert item["match"].strip() == prompt
    kept = text[: item["fix"]["start"]] + text[item["fix"]["end"] :]
    assert kept == f"{before} {after}\n"


def test_a_prompt_whose_next_sentences_speak_to_the_reader_is_cut_with_them(tmp_path, run):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    body = (
        "The council met on Tuesday to discuss the library budget for next year, and the "
        "meeting ran late into the evening."
    )
    prompt = (
        "Sign up for our free morning newsletter here. It's free. You can unsubscribe at "
        "any time and we never share your address with anyone."
    )
    (tmp_path / "draft.txt").write_text(f"{body} {prompt}\n", encoding="utf-8")
    result = run("check", "--format", "json", "draft.txt")
    [item] = [f for f in json.loads(result.output)["findings"] if f["rule"].startswith("promo.")]
    assert item["match"].strip() == prompt


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Log in to your reader account to keep reading.", "promo.Paywall"),
        ("Create a free account to read the rest of this story.", "promo.Paywall"),
        ("Register for free to continue reading.", "promo.Paywall"),
        ("Enjoyed this story? Subscribe for more reporting like it.", "promo.Paywall"),
        ("Turn on notifications to get breaking news from the valley.", "promo.AppMedia"),
        ("Enable push notifications", "promo.AppMedia"),
        ("Story continues below", "promo.Ad"),
    ],
)
def test_an_account_wall_alert_prompt_or_ad_gap_in_other_words_is_found(promo, line, rule):
    assert promo(line) == [rule]


@pytest.mark.parametrize(
    "line",
    [
        # the article's own sentences that look like them
        "Borrowers must log in to their account to see the new rates, the bank said.",
        "Create an account to book a slot at the tip, then bring proof of address.",
        "Register to vote by Friday if you want a say in the library ballot.",
        "Turn on the tap slowly after the water has been off for a day.",
        "The story continues below the waterline, where divers found the wreck.",
    ],
)
def test_a_sentence_that_only_looks_like_an_account_or_alert_prompt_is_left_alone(promo, line):
    assert promo(line) == []


def test_an_app_subhead_over_an_app_pitch_is_still_found(promo):
    section = (
        "## Download the app\n\n"
        "Get the Courier app for iPhone and Android and read every story about the "
        "library, the council and the town first, wherever you are.\n"
    )
    assert "promo.AppMedia" in promo(section)


@pytest.mark.parametrize(
    ("opening", "rules"),
    [
        # the story's lead, reporting on a comment section
        (
            "The paper's owners said on Thursday that they would close its comments "
            "section after ten years, citing the cost of moderating abuse.",
            [],
        ),
        # a site's notice in the third person opening the piece reports nothing
        (
            "The Courier may earn a commission when readers buy products through the "
            "links in this article, at no extra cost to them.",
            ["promo.Affiliate"],
        ),
    ],
)
def test_an_opening_paragraph_is_promo_only_when_it_reports_nothing(tmp_path, run, opening, rules):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    (tmp_path / "draft.md").write_text(f"{opening}\n\n{OPENING}", encoding="utf-8")
    found = json.loads(run("check", "--format", "json", "draft.md").output)["findings"]
    assert [f["rule"] for f in found if f["rule"].startswith("promo.")] == rules
