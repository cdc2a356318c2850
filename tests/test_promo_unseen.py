"""Body copy shaped like promo in genres the dev corpus is thin on (a press release's
contact block, a story about a comment section that cites figures): left alone,
while the promo they resemble is still found. Through the real CLI, with drafts
written for these tests (issue 10)."""

from __future__ import annotations

import json

import pytest

PRESS_RELEASE = """FOR IMMEDIATE RELEASE

Harwick Water opens new treatment works at Bransby

HARWICK, December 7 - Harwick Water today opened a new treatment works at Bransby
that will supply 60,000 homes and cut the company's energy use by a fifth.

"This is the biggest investment we have made in a generation," said chief executive
Sarah Lyle. "Customers will notice softer water and fewer interruptions."

About Harwick Water

Harwick Water supplies drinking water to 240,000 people across the county.

Media contact
Jane Porter, Communications Manager
Phone: 01632 960 123
{field}
"""

BAKERY = """Baker's post about a lost wedding cake draws thousands of replies

A baker in Harwick says a single post turned a bad week into a good one.

Priya Shah, who runs a two-person bakery on Mill Lane, had made a three-tier cake for \
a wedding that was cancelled the night before, and offered slices to anyone who came.

The post was shared more than 9,000 times. Some readers offered to pay for the cake; \
Shah asked them to give to the food bank instead, which received £1,300 that weekend.

Not everyone was pleased. A few replies in the comment section accused her of using \
the couple's misfortune for publicity. Shah said the couple had agreed and came too.

The bakery now has a waiting list for wedding orders until the autumn.
"""


@pytest.fixture
def promo(promo_findings):
    """(rule, line) of each promo finding in ``text``, checked as a plain-text draft."""

    def findings(text: str) -> list[tuple[str, int]]:
        return [(row["rule"], row["line"]) for row in promo_findings(text)]

    return findings


@pytest.mark.parametrize(
    "field",
    [
        "Email: press@harwickwater.example",
        "e-mail: jane.porter@harwickwater.example",
        "E-mail: <jane.porter@harwickwater.example>",
        "Email: Jane Porter <jane.porter@harwickwater.example>",
        'Email: "Porter, Jane" <jane.porter@harwickwater.example>',
        "Email: [press@harwickwater.example](mailto:press@harwickwater.example)",
    ],
)
def test_a_contact_blocks_email_field_is_not_a_share_button(promo, field):
    assert promo(PRESS_RELEASE.format(field=field)) == []


@pytest.mark.parametrize(
    "field",
    [
        "**Email:** press@harwickwater.example",
        "**Email:** <press@harwickwater.example>",
        "Email: *press@harwickwater.example*",
        "Email: [press@harwickwater.example](mailto:press@harwickwater.example)",
    ],
)
def test_a_markdown_contact_field_in_emphasis_or_a_mailto_link_is_not_promo(tmp_path, run, field):
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    lines = PRESS_RELEASE.format(field=field).split("\n")
    (tmp_path / "release.md").write_text("\n\n".join(lines), encoding="utf-8")
    share = "\n\n".join(PRESS_RELEASE.format(field="Email: share this story").split("\n"))
    (tmp_path / "share.md").write_text(share, encoding="utf-8")
    out = run("check", "--format", "json", "release.md", "share.md")
    assert out.exit_code in (0, 1), out.output
    rows = json.loads(out.output)["findings"]
    found = [row["path"] for row in rows if row["rule"].startswith("promo.")]
    assert found == ["share.md"]  # (the field without an address is still a share link)


def test_a_share_bar_naming_email_is_still_promo(promo):
    found = promo(PRESS_RELEASE.format(field="Share: Facebook Twitter Email"))
    assert [line for _, line in found] == [18]


def test_a_story_about_a_comment_section_next_to_a_paragraph_of_figures(promo):
    # the paragraph before cites three numbers ("9,000", "£1,300"): prose, not a table
    assert promo(BAKERY) == []


def test_the_sites_own_comment_policy_between_the_same_paragraphs_is_promo(promo):
    policy = "We reserve the right to remove comments that break our comment policy."
    text = BAKERY.replace(
        "Not everyone was pleased. A few replies in the comment section accused her of using "
        "the couple's misfortune for publicity. Shah said the couple had agreed and came too.",
        policy,
    )
    assert policy in text
    assert [rule for rule, _ in promo(text)] == ["promo.Comment"]


FRONT_MATTER = """---
title: "Why so many writers now leave big platforms for email newsletters"
description: "Subscribe to our newsletter for the week's best stories."
date: 2026-03-09
---

When Mara Quill lost half her readers after a platform changed its feed, she moved \
to email, as thousands of writers have done in the past three years.

Her letter about balcony gardening now reaches about 9,000 people every Thursday. \
Roughly 600 pay $5 a month for extra issues. "It's smaller," she said. "But the \
people who open it chose to be there."

Researchers who study online publishing say the shift has two causes: feeds ranked \
by algorithms make reach hard to predict, and the tools have become cheap enough \
that one person can run them.
"""


def test_front_matter_is_metadata_not_leftover_promo(tmp_path, run):
    # a title about newsletters and a description worded as a sign-up prompt: the
    # draft's own metadata, which no CMS left behind; the same prompt after the story
    # is a leftover
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    prompt = "Subscribe to our newsletter for the week's best stories."
    moved = FRONT_MATTER.replace(f'description: "{prompt}"\n', "") + "\n" + prompt + "\n"
    (tmp_path / "kept.md").write_text(FRONT_MATTER, encoding="utf-8")
    (tmp_path / "moved.md").write_text(moved, encoding="utf-8")
    out = run("check", "--format", "json", "kept.md", "moved.md")
    assert out.exit_code == 1, out.output
    found = [(r["path"], r["rule"], r["line"]) for r in json.loads(out.output)["findings"]]
    assert found == [("moved.md", "promo.Newsletter", moved.count("\n"))]
