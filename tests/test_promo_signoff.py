"""Promo pack: a writer's own sign-off, the first item of a separated list, a consent
banner's closing link, a share button labelled with the title, a news service's
blurb. Drafts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copylint.config import Config
from copylint.parsers import parse
from copylint.rules.model import RuleMeta
from copylint.rules.types.promo import PromoRule

PACK = Path(__file__).resolve().parents[1] / "rules" / "promo"


def load(name: str, **extra) -> PromoRule:
    path = PACK / f"{name}.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec.update(extra)
    meta = RuleMeta(id=f"promo.{name}", type="promo", path=str(path), message=spec["message"])
    return PromoRule(meta, {k: v for k, v in spec.items() if k in PromoRule.keys})


def found(text: str, name: str, **extra) -> list[str]:
    doc = parse(text, "draft.txt")
    return [doc.source[h.start : h.end] for h in load(name, **extra).check(doc, Config())]


WALKS = (
    "Picking ten coastal walks for this list was hard, and the harbour path nearly "
    "made the cut. Surely we left out some of your favourite walks. "
)


def test_a_prompt_closing_the_writers_paragraph_about_its_subject_is_a_sign_off():
    text = (
        "The lighthouse trail opens again in May.\n\n"
        + WALKS
        + ("Leave a comment and tell us which walk is your favourite.\n")
    )
    assert found(text, "Comment") == []
    # the same rule without the switch reports it, so the switch is what keeps it
    assert found(text, "Comment", signoff=False) == [
        "Leave a comment and tell us which walk is your favourite."
    ]


def test_a_boilerplate_prompt_glued_to_the_writers_paragraph_is_still_promo():
    prompt = "Leave a comment below and tell us what you think."
    text = "The lighthouse trail opens again in May.\n\n" + WALKS + prompt + "\n"
    assert found(text, "Comment") == [prompt]


def test_a_standalone_prompt_about_the_subject_is_still_promo():
    prompt = "Leave a comment and tell us which walk is your favourite."
    text = "The lighthouse trail opens again in May.\n\n" + WALKS.strip() + "\n\n" + prompt + "\n"
    assert found(text, "Comment") == [prompt]


def test_a_sign_off_in_a_whole_page_on_one_line_is_the_writers_too():
    body = "The lighthouse trail opens again in May after a winter of repairs to the steps. " * 6
    signoff = "Leave a comment and tell us which walk is your favourite."
    assert found(body + WALKS + signoff + "\n", "Comment") == []
    generic = "Leave a comment below and tell us what you think."
    assert found(body + WALKS + generic + "\n", "Comment") == [generic]


TAIL_STORY = (
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its supports during a survey.\n"
    "Boat owners will be moved to the west basin until the work is finished next "
    "year, the chairman told the meeting.\n"
)
ITEMS = [
    ("Ferry fares to rise in spring", "Commuters face a second rise this year"),
    ("Lighthouse reopens to visitors", "The keeper will lead tours on Sundays."),
    ("Market hall gets a new roof", "Work starts after the summer fair"),
    ("Rowing club wins regional cup", "A late surge sealed the title for the crew."),
]


def test_the_item_before_the_first_separator_joins_the_list_of_headlines():
    form = "Thanks for reading!\nSorry, that did not work.\n"
    first = "Enter our free harbour photo contest"
    tail = "".join(f"-\n{head}\n{blurb}\n" for head, blurb in ITEMS)
    got = found(TAIL_STORY + form + first + "\n" + tail, "Teaser")
    assert got == [first + "\n" + tail.strip()]


def test_a_body_line_before_a_separated_list_does_not_join_it():
    # the line before the first separator ends a sentence: it is no item
    last = "The pier will reopen to walkers by the summer holidays."
    tail = "".join(f"-\n{head}\n{blurb}\n" for head, blurb in ITEMS)
    got = found(TAIL_STORY + last + "\n" + tail, "Teaser")
    assert got == [tail.strip()[2:]]


def test_a_consent_banners_closing_link_glued_to_the_story_is_cut_out_alone():
    story = "The harbour board voted on Tuesday to close the east pier for repairs.\n"
    text = "Our site uses cookies to improve your experience.\nMore info: Privacy Policy " + story
    doc = parse(text, "draft.txt")
    got = list(load("Cookie").check(doc, Config()))
    assert [doc.source[h.start : h.end] for h in got] == [
        "Our site uses cookies to improve your experience.",
        "More info: Privacy Policy",
    ]
    fixed = text
    for h in sorted(got, key=lambda h: h.fix.start, reverse=True):
        fixed = fixed[: h.fix.start] + h.fix.text + fixed[h.fix.end :]
    assert fixed == story


@pytest.mark.parametrize(
    "text",
    [
        "Read our privacy policy before you sign the form, the council advised.\n",
        "More information about the privacy policy changes will follow in June.\n",
    ],
)
def test_privacy_policy_in_body_text_passes(text):
    assert found(text, "Cookie") == []


def test_a_share_button_labelled_with_the_title_is_social_residue():
    title = "Harbour Board Votes to Close the East Pier"
    share = f"Share {title} share"
    text = f"{title} March 3, 2024 {share} The board voted on Tuesday to close the pier.\n"
    assert found(text, "Social") == [share]


def test_share_in_body_text_is_no_share_button():
    text = (
        "Share prices in Harbour Holdings fell by a fifth after the board voted to "
        "close the pier, and each share is now worth less than a pound.\n"
    )
    assert found(text, "Social") == []


def test_a_news_service_describing_itself_is_a_newsletter_plug():
    line = "Our alert service brings the board's press releases straight to your inbox."
    text = f"The pier will reopen in spring, the harbour board said.\n\n{line}\n"
    assert found(text, "Newsletter") == [line]
    body = "The app sends flood warnings straight to your phone, the council said.\n"
    assert found(body, "Newsletter") == []
