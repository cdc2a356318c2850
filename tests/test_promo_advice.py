"""A paragraph of the article's own advice to its reader, on the article's subject
("Sign up for canal level alerts if your boat is moored near the lock ..." in a story
about the canal rising), is the writer's, though a promo phrase opens it; the same
prompt speaking for the outlet, or naming nothing of the story, is still promo.
Through the real CLI, with drafts written for these tests."""

from __future__ import annotations

import pytest

CANAL = (
    "Canal keepers lower the water near the old lock\n\n"
    "The water in the canal rose by almost a metre overnight after the storm, and keepers "
    "opened the sluices at the old lock to let it drain into the river.\n\n"
    "Boat owners moored near the lock were asked to loosen their ropes, because a boat "
    "tied tight can tip when the water level drops quickly.\n\n"
    "The towpath between the lock and the mill bridge is closed while engineers check the "
    "bank for damage, and walkers should use the road instead.\n\n"
    "{middle}\n\n"
    "Keepers expect the level to settle by the weekend, when boats can move through the "
    "lock again and the towpath should reopen to walkers.\n"
)
BROWSER = (
    "# Keeping your browser tidy\n\n"
    "Every browser keeps a record of the sites you visit, and most of them share more of "
    "it with advertisers than their owners would expect.\n\n"
    "## Tracking\n\n"
    "Open the browser's privacy settings and turn on its tracking protection, then clear "
    "the history of the last month so the old records go too.\n\n"
    "## Cookies\n\n"
    "{middle}\n\n"
    "## Extensions\n\n"
    "Remove any extension you no longer use: each one can read the pages you open, and "
    "old ones are rarely updated by the people who wrote them.\n"
)

REVIEW = (
    "A radio series that made me listen to bridges\n\n"
    "I did not expect to spend a winter of evenings hearing engineers talk about "
    "bridges. But Spans, a new radio series from a small station on the coast, kept "
    "me listening to every episode.\n\n"
    "Each episode takes one bridge, from a rope crossing in the hills to the long "
    "suspension bridge over the estuary. The presenter, once a site engineer herself,"
    " has an ear for the detail that sticks: the hum of cables in wind, the smell of "
    "fresh tar on a deck.\n\n"
    "The sound is rich and the interviews are patient. Listeners who know nothing "
    "about loads or steel will still follow each episode, because the series explains"
    " the bridges through the people who cross them.\n\n"
    "There are flaws. The theme music is too loud, and the last episode turns into a "
    "lecture about road budgets. But the series gives a dull subject real care.\n\n"
    "{middle}\n"
)


@pytest.fixture
def promo(promo_findings):
    def _promo(template: str, middle: str) -> list[str]:
        return [f["rule"] for f in promo_findings(template.format(middle=middle))]

    return _promo


@pytest.mark.parametrize(
    ("template", "paragraph"),
    [
        (
            CANAL,
            "Sign up for canal level alerts by text if your boat is moored near the lock: "
            "the keepers send a warning whenever the water rises quickly.",
        ),
        (
            BROWSER,
            "Block third-party cookies in the same privacy settings. A few sites will then "
            "ask you again each visit, and you can clear the history of those by hand.",
        ),
        (
            REVIEW,
            "Subscribe if you enjoy your engineering told through people. I have already "
            "listened to the estuary episode three times.",
        ),
    ],
)
def test_the_articles_own_advice_on_its_subject_is_left_alone(promo, template, paragraph):
    assert promo(template, paragraph) == []


@pytest.mark.parametrize(
    ("template", "paragraph"),
    [
        (
            CANAL,
            "Sign up for our morning alerts and we will send the day's top stories to your "
            "inbox before breakfast, every weekday.",
        ),
        (
            BROWSER,
            "We use cookies to remember your settings on this site. By continuing to browse "
            "you agree to our use of cookies and similar tools.",
        ),
        (
            REVIEW,
            "Subscribe to our podcast and we will send every new episode to your phone.",
        ),
    ],
)
def test_the_outlets_prompt_in_the_same_place_is_still_promo(promo, template, paragraph):
    assert promo(template, paragraph) != []
